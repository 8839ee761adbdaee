import ChorusTestSupport
import Foundation

/// Runs one of the repository's `scripts/` (local-llm, litellm-proxy) off the test pool and
/// returns what it printed. The scripts close inherited descriptors before they start servers, so
/// reading both pipes to the end does not wait for the servers' lives.
enum RepositoryScript {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func run(_ name: String, _ arguments: [String], _ environment: [String: String]) async throws -> ProcessResult {
        try await Blocking.run {
            let process = Process()
            process.executableURL = root.appendingPathComponent("scripts/" + name)
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return ProcessResult(
                status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                stderr: String(decoding: stderr, as: UTF8.self))
        }
    }
}
