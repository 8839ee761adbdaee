import Chorus
import Foundation

/// Saved runs: the run record as JSON, written atomically; read back by `chorus open` and
/// `chorus export`. The record holds no API key by construction (providers are named, keys stay
/// in the environment), so a session file is safe to share as far as credentials go.
public struct SessionStore: Sendable {
    /// The folder for automatic saves.
    public var directory: String
    /// How many automatic saves to keep (the newest).
    public var keep: Int

    public init(directory: String, keep: Int = SessionSettings.defaultKeep) {
        self.directory = directory
        self.keep = keep
    }

    /// Writes `record` to `path` atomically (pretty JSON, one object).
    public static func save(_ record: RunRecord, to path: String) throws(ChorusError) {
        let data: Data
        do { data = try record.jsonData(pretty: true) + Data("\n".utf8) } catch {
            throw ChorusError("could not encode the run record (\(error))", code: .failure)
        }
        try AtomicFile.write(data, to: path)
    }

    /// Saves under `directory` with a name that sorts by time, then deletes the oldest beyond `keep`.
    /// Returns the path written.
    @discardableResult
    public func autosave(_ record: RunRecord) throws(ChorusError) -> String {
        let path = directory + "/" + Self.fileName(for: record)
        try Self.save(record, to: path)
        prune()
        return path
    }

    /// `2026-11-25T07-06-00Z-what-is-the-capital-3fa9.json`: sortable, readable, unique enough.
    public static func fileName(for record: RunRecord) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let stamp = formatter.string(from: record.startedAt).replacingOccurrences(of: ":", with: "-")
        let slug = String(
            record.task.lowercased().unicodeScalars.map { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) ? Character($0) : "-" })
            .split(separator: "-").prefix(6).joined(separator: "-")
        let suffix = String(UInt16.random(in: 0...UInt16.max), radix: 16)
        return "\(stamp)-\(slug.isEmpty ? "run" : String(slug.prefix(40)))-\(suffix).json"
    }

    /// The saved sessions, oldest first.
    public func list() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted().map { directory + "/" + $0 }
    }

    /// Deletes the oldest automatic saves beyond `keep`.
    public func prune() {
        let all = list()
        guard all.count > keep else { return }
        for path in all.prefix(all.count - keep) { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Reads a saved session's newest turn (the whole run for a one-turn session); a missing or
    /// malformed file is one line naming it. `loadConversation` reads every turn.
    public static func load(_ path: String) throws(ChorusError) -> RunRecord {
        try decodeFile(path, as: RunRecord.self)
    }

    /// Reads `path` as a `T` with the record's decoder; a missing or malformed file is one line.
    static func decodeFile<T: Decodable>(_ path: String, as type: T.Type) throws(ChorusError) -> T {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw .usage("\(path): \(exists ? "cannot be read; check its permissions" : "no such session file; check the path (saved runs are in ~/.local/state/chorus/sessions)")")
        }
        do {
            return try RunRecord.makeDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw .usage("\(path): not a Chorus session (\(describe(error))); give a file written by --save or found under the sessions folder")
        } catch {
            throw .usage("\(path): not a Chorus session (\(error)); give a file written by --save")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func at(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return path.isEmpty ? "" : " at \(path)"
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing key '\(key.stringValue)'\(at(context))"
        case .typeMismatch(_, let context): return "wrong type\(at(context))"
        case .valueNotFound(_, let context): return "missing value\(at(context))"
        case .dataCorrupted(let context): return context.codingPath.isEmpty ? "not valid JSON" : "bad value\(at(context))"
        @unknown default: return "unreadable"
        }
    }
}
