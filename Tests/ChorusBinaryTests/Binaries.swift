import ChorusTestSupport
import Foundation

/// The built `chorus` and `fake-llm-server` executables, found next to the test bundle
/// (`.build/<triple>/debug/`), where `swift build --build-tests` puts every product.
enum Binaries {
    static let folder: URL = {
        // The test runner is `.build/<triple>/debug/chorusPackageTests.xctest` (Linux) or a bundle
        // inside that folder (macOS); the products sit beside it.
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 where !FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("chorus").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    static func path(_ name: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        if !FileManager.default.isExecutableFile(atPath: path) { buildProducts() }
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw BinaryError("\(name) is not built in \(folder.path); run `swift build --build-tests` first")
        }
        return path
    }

    /// `swift test` builds both executables (this target depends on them); a test bundle run on
    /// its own may not have them, so build them once, with a time limit rather than a hang.
    private static let buildOnce: Void = {
        // .build/<triple>/debug -> the package root is three levels up.
        let root = folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift", "build", "--product", "chorus", "--product", "fake-llm-server"]
        process.currentDirectoryURL = root
        guard (try? process.run()) != nil else { return }
        let deadline = Date().addingTimeInterval(900)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
        if process.isRunning { process.terminate() }
    }()

    private static func buildProducts() { _ = buildOnce }
}

struct BinaryError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// What a finished process left behind.
struct ProcessResult: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `chorus` with a clean environment (a temporary HOME, no keys unless given, TERM=dumb),
/// stdout and stderr to files (no pipe can fill up and block it), and a hard time limit.
/// Runs off the test pool (see `Blocking`): the wait for the process must not hold one of its threads.
func runChorus(
    _ arguments: [String], environment extra: [String: String] = [:], stdin: String? = nil, home: String,
    limit: TimeInterval = 30
) async throws -> ProcessResult {
    try await Blocking.run { try runChorusBlocking(arguments, environment: extra, stdin: stdin, home: home, limit: limit) }
}

private func runChorusBlocking(
    _ arguments: [String], environment extra: [String: String], stdin: String?, home: String, limit: TimeInterval
) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try Binaries.path("chorus"))
    process.arguments = arguments
    var environment = ["HOME": home, "PATH": "/usr/bin:/bin", "TERM": "dumb", "LANG": "C.UTF-8"]
    environment.merge(extra) { $1 }
    process.environment = environment
    let out = home + "/.stdout-\(UUID().uuidString)"
    let err = home + "/.stderr-\(UUID().uuidString)"
    _ = FileManager.default.createFile(atPath: out, contents: nil)
    _ = FileManager.default.createFile(atPath: err, contents: nil)
    process.standardOutput = FileHandle(forWritingAtPath: out)
    process.standardError = FileHandle(forWritingAtPath: err)
    let input = Pipe()
    process.standardInput = stdin == nil ? FileHandle(forReadingAtPath: "/dev/null") : input
    try process.run()
    if let stdin {
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
    }
    let deadline = Date().addingTimeInterval(limit)
    while process.isRunning {
        if Date() > deadline {
            process.terminate()
            throw BinaryError("chorus \(arguments) ran over \(limit) s")
        }
        Thread.sleep(forTimeInterval: 0.01)
    }
    let read = { (path: String) in String(data: FileManager.default.contents(atPath: path) ?? Data(), encoding: .utf8) ?? "" }
    defer {
        try? FileManager.default.removeItem(atPath: out)
        try? FileManager.default.removeItem(atPath: err)
    }
    return ProcessResult(status: process.terminationStatus, stdout: read(out), stderr: read(err))
}

/// A `fake-llm-server` process on a free port of 127.0.0.1, stopped when released.
final class FakeServerProcess {
    let process = Process()
    let port: Int

    init() throws {
        process.executableURL = URL(fileURLWithPath: try Binaries.path("fake-llm-server"))
        process.arguments = ["--port", "0"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        // The first line of its stdout is the port it bound.
        var line = Data()
        let handle = out.fileHandleForReading
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard let text = String(data: line, encoding: .utf8)?.split(separator: "\n").first, let port = Int(text) else {
            process.terminate()
            throw BinaryError("fake-llm-server did not print its port")
        }
        self.port = port
    }

    var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }
}

/// A temporary folder used as HOME, removed when released.
final class TemporaryHome {
    let path: String
    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-e2e-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

func jsonObject(_ text: String) -> [String: Any]? {
    try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
}
