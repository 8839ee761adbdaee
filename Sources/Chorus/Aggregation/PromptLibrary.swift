import Foundation
import Synchronization

/// The LLM strategies' prompts, read from versioned resource files (`Resources/prompts/NAME.txt`).
///
/// A prompt file holds the system message, a line `---`, then the closing instruction. The file
/// name is the version the record names (`prompt_version`), so a changed prompt gets a new file
/// and old records still say what they were made with.
public enum PromptLibrary {
    public struct Prompt: Sendable, Hashable {
        public var version: String
        public var system: String
        public var instruction: String
    }

    /// Prompts read so far: a file is read once per process, not once per aggregation (a batch
    /// or an evaluation aggregates thousands of times).
    private static let cache = Mutex<[String: Prompt]>([:])

    /// Reads prompt `version`; throws one clear line if the resource folder is missing.
    public static func load(_ version: String) throws -> Prompt {
        if let cached = cache.withLock({ $0[version] }) { return cached }
        let prompt = try read(version)
        cache.withLock { $0[version] = prompt }
        return prompt
    }

    private static func read(_ version: String) throws -> Prompt {
        for folder in searchFolders() {
            let url = folder.appendingPathComponent("\(version).txt")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            let parts = text.components(separatedBy: "\n---\n")
            return Prompt(
                version: version, system: parts[0].trimmingCharacters(in: .whitespacesAndNewlines),
                instruction: parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespacesAndNewlines) : "")
        }
        throw AggregationError(
            message: "prompt file \(version).txt not found (looked next to the binary in chorus_Chorus.resources/prompts); rebuild or reinstall chorus with its resource folder")
    }

    /// Where the prompts may be: the resource bundle next to the running binary (SwiftPM copies
    /// it there), the same beside the binary's real path, then the source tree (development).
    /// Searched by hand rather than through `Bundle.module`, whose accessor aborts the process
    /// when the bundle is missing.
    static func searchFolders() -> [URL] {
        let bundleName = "chorus_Chorus.resources"
        var folders: [URL] = [Bundle.main.bundleURL.appendingPathComponent(bundleName)]
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            folders.append(URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent(bundleName))
        }
        folders = folders.map { $0.appendingPathComponent("prompts") }
        folders.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources/prompts"))
        return folders
    }
}
