import ChorusTestSupport
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

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

    /// - Parameter arguments: more flags, e.g. `["--storm", "30:2000:300"]` or `["--script", path]`.
    init(arguments: [String] = []) throws {
        process.executableURL = URL(fileURLWithPath: try Binaries.path("fake-llm-server"))
        process.arguments = ["--port", "0"] + arguments
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

    /// `GET /_fake/requests`: every chat request so far, plus the counters (`open_now`,
    /// `max_open_at_once`, `rate_limited`, `accepted`).
    func journal() async throws -> [String: Any] {
        let port = self.port
        let data = try await Blocking.run { try httpGet(port: port, path: "/_fake/requests") }
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw BinaryError("GET /_fake/requests did not answer a JSON object")
        }
        return object
    }

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

/// A plain HTTP/1.1 GET to 127.0.0.1 (the fake server's journal), blocking, with a 10 s socket
/// time limit: the body of a 200 answer with a Content-Length.
func httpGet(port: Int, path: String) throws -> Data {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw BinaryError("socket() failed: errno \(errno)") }
    defer { close(fd) }
    var limit = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { throw BinaryError("connect to 127.0.0.1:\(port) failed: errno \(errno)") }
    let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
    var sent = 0
    while sent < request.count {
        let n = request.withUnsafeBytes { send(fd, $0.baseAddress! + sent, request.count - sent, 0) }
        guard n > 0 else { throw BinaryError("sending the request failed: errno \(errno)") }
        sent += n
    }
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    let separator = Array("\r\n\r\n".utf8)
    var bodyStart: Int?
    var length: Int?
    while true {
        if let start = bodyStart, let length, received.count - start >= length { break }
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
        if n == 0 { break }
        guard n > 0 else { throw BinaryError("reading the answer failed: errno \(errno)") }
        received.append(contentsOf: buffer[0..<n])
        if bodyStart == nil, let end = received.firstRange(of: separator) {
            bodyStart = end.upperBound
            let head = String(decoding: received[..<end.lowerBound], as: UTF8.self)
            guard head.hasPrefix("HTTP/1.1 200") else { throw BinaryError("GET \(path): \(head)") }
            for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
                length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
            }
        }
    }
    guard let start = bodyStart else { throw BinaryError("GET \(path): no complete answer") }
    return Data(received[start...])
}

/// A `chorus` process in the background, for tests that signal it (Ctrl-C, `kill -9`) while it
/// runs: same clean environment as `runChorus`, stdout and stderr to files, stdin from a file or
/// /dev/null. Started with posix_spawn and an empty signal mask with SIGINT/SIGTERM at their
/// defaults: the test pool's threads block signals and a child inherits that mask, and a SIGINT
/// that never arrives would prove nothing. Reaped with waitpid (polled, so no thread is held);
/// killed (SIGKILL) and reaped when released if it still runs.
final class BackgroundChorus: Sendable {
    let pid: pid_t
    let arguments: [String]
    private let stdoutPath: String
    private let stderrPath: String
    /// The raw wait status once reaped.
    private let reaped = Mutex<Int32?>(nil)

    /// - Parameter shellSetup: shell commands run first by /bin/sh, which then execs chorus in
    ///   its place, e.g. `ulimit -f 100; trap '' XFSZ` (a file size limit chorus inherits).
    init(
        _ arguments: [String], environment extra: [String: String] = [:], stdinFile: String? = nil, home: String,
        shellSetup: String? = nil
    ) throws {
        self.arguments = arguments
        let chorus = try Binaries.path("chorus")
        let executable = shellSetup == nil ? chorus : "/bin/sh"
        let command = shellSetup.map { ["-c", $0 + "; exec \"$0\" \"$@\"", chorus] + arguments } ?? arguments
        stdoutPath = home + "/.bg-stdout-\(UUID().uuidString)"
        stderrPath = home + "/.bg-stderr-\(UUID().uuidString)"
        var environment = ["HOME": home, "PATH": "/usr/bin:/bin", "TERM": "dumb", "LANG": "C.UTF-8"]
        environment.merge(extra) { $1 }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinFile ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([executable] + command).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = SignalSpawn.withAttributes { attributes in
            posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        }
        guard result == 0 else { throw BinaryError("cannot start chorus: error \(result)") }
        self.pid = pid
    }

    /// Sends `signal` (SIGINT, SIGKILL, ...) unless the process was already reaped.
    func send(_ signal: Int32) {
        reaped.withLock { status in
            if status == nil { _ = kill(pid, signal) }
        }
    }

    var stderr: String { Self.read(stderrPath) }
    var stdout: String { Self.read(stdoutPath) }

    /// Reaps the process if it has ended; its wait status, or nil while it runs.
    private func poll() -> Int32? {
        reaped.withLock { reaped in
            if let reaped { return reaped }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { reaped = status }
            return reaped
        }
    }

    var hasEnded: Bool { poll() != nil }

    /// Waits (polling, off no thread) until the process ends, at most `limit`; then its exit
    /// status (a death by signal S is status -S, never confused with exit code 130) and output.
    /// Over the limit it is killed and this throws.
    func wait(limit: Duration) async throws -> ProcessResult {
        let start = ContinuousClock.now
        while true {
            if let status = poll() {
                let signal = status & 0x7f
                let code = signal == 0 ? (status >> 8) & 0xff : -signal
                return ProcessResult(status: code, stdout: stdout, stderr: stderr)
            }
            if ContinuousClock.now - start > limit {
                stop()
                throw BinaryError("chorus \(arguments) did not end within \(limit); stderr:\n\(stderr)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// SIGKILL and reap, if it still runs. Reaping after SIGKILL takes moments.
    func stop() {
        reaped.withLock { reaped in
            guard reaped == nil else { return }
            _ = kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            reaped = status
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: stdoutPath)
        try? FileManager.default.removeItem(atPath: stderrPath)
    }

    private static func read(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }
}

/// Polls `condition` every 20 ms until it holds; throws (naming `what`) after `limit`. The limit
/// only bounds a failing test.
/// `waitUntil` for a condition that itself awaits (e.g. asks the fake server's journal).
func waitUntilAsync(_ what: String, limit: Duration = .seconds(30), _ condition: () async throws -> Bool) async throws {
    let start = ContinuousClock.now
    while try await !condition() {
        if ContinuousClock.now - start > limit { throw BinaryError("timed out after \(limit) waiting for \(what)") }
        try await Task.sleep(for: .milliseconds(20))
    }
}

func waitUntil(_ what: String, limit: Duration = .seconds(30), _ condition: () throws -> Bool) async throws {
    let start = ContinuousClock.now
    while try !condition() {
        if ContinuousClock.now - start > limit { throw BinaryError("timed out after \(limit) waiting for \(what)") }
        try await Task.sleep(for: .milliseconds(20))
    }
}
