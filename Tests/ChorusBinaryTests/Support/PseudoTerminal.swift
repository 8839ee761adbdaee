import ChorusTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `chorus` wrote to a pseudo-terminal, byte for byte, and what it wrote to stderr (a file).
struct TerminalResult: Sendable {
    var status: Int32
    /// The bytes read from the terminal's master side. The line discipline's output processing
    /// is off (no `\n` to `\r\n`), so these are exactly the bytes chorus wrote to stdout.
    var stdout: [UInt8]
    var stderr: String
}

/// Runs `chorus` with its stdout on a real pseudo-terminal (so `isatty(1)` holds, as for a person
/// at a shell), stdin from /dev/null, stderr to a file, in the same clean environment as
/// `runChorus`, with a hard time limit. Off the test pool (`Blocking`).
func runChorusAtTerminal(_ arguments: [String], home: String, limit: TimeInterval = 30) async throws -> TerminalResult {
    try await Blocking.run { try runChorusAtTerminalBlocking(arguments, home: home, limit: limit) }
}

private func runChorusAtTerminalBlocking(_ arguments: [String], home: String, limit: TimeInterval) throws -> TerminalResult {
    let pty = try PTYFunctions.load()
    let master = pty.openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
    guard master >= 0 else { throw BinaryError("posix_openpt failed: errno \(errno)") }
    defer { close(master) }
    guard pty.grantpt(master) == 0, pty.unlockpt(master) == 0, let name = pty.ptsname(master) else {
        throw BinaryError("cannot set up the pseudo-terminal: errno \(errno)")
    }
    let slavePath = String(cString: name)
    let slave = open(slavePath, O_RDWR | O_NOCTTY | O_CLOEXEC)
    guard slave >= 0 else { throw BinaryError("cannot open \(slavePath): errno \(errno)") }
    var settings = termios()
    tcgetattr(slave, &settings)
    settings.c_oflag &= ~tcflag_t(OPOST)  // bytes as written: no newline translation
    tcsetattr(slave, TCSANOW, &settings)

    let chorus = try Binaries.path("chorus")
    let stderrPath = home + "/.pty-stderr-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: stderrPath) }
    let environment = ["HOME": home, "PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "LANG": "C.UTF-8"]
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, slave, 1)
    posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv = ([chorus] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }
    var pid: pid_t = 0
    let spawned = SignalSpawn.withAttributes { posix_spawn(&pid, chorus, &actions, &$0, argv, envp) }
    close(slave)
    guard spawned == 0 else { throw BinaryError("cannot start chorus: error \(spawned)") }

    // Read while it runs (a full terminal buffer would block it), until it has exited and the
    // master reports the far side closed (EIO on Linux) or has nothing more.
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    var status: Int32 = 0
    var exited = false
    let deadline = Date().addingTimeInterval(limit)
    while true {
        var watch = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let ready = poll(&watch, 1, 20)
        if ready > 0 {
            let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress!, $0.count) }
            if n > 0 {
                bytes.append(contentsOf: buffer[0..<n])
                continue
            }
            if n < 0 && errno == EINTR { continue }
            if exited { break }  // EOF or EIO: nothing holds the terminal open any more
        } else if exited {
            break
        }
        if !exited, waitpid(pid, &status, WNOHANG) == pid { exited = true }
        if !exited, Date() > deadline {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
            throw BinaryError("chorus \(arguments) ran over \(limit) s at a terminal")
        }
    }
    let signal = status & 0x7f
    let code = signal == 0 ? (status >> 8) & 0xff : -signal
    let stderr = String(decoding: FileManager.default.contents(atPath: stderrPath) ?? Data(), as: UTF8.self)
    return TerminalResult(status: code, stdout: bytes, stderr: stderr)
}

/// The POSIX pseudo-terminal calls (`posix_openpt`, `grantpt`, `unlockpt`, `ptsname`). The
/// Glibc module does not import them (they need `_XOPEN_SOURCE`), so they are looked up in the
/// C library at run time.
private struct PTYFunctions {
    typealias IntToInt = @convention(c) (Int32) -> Int32
    typealias IntToName = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
    var openpt: IntToInt
    var grantpt: IntToInt
    var unlockpt: IntToInt
    var ptsname: IntToName

    static func load() throws -> PTYFunctions {
        let handle = dlopen(nil, RTLD_NOW)
        func symbol<T>(_ name: String, as type: T.Type) throws -> T {
            guard let pointer = dlsym(handle, name) else { throw BinaryError("\(name) is not in the C library") }
            return unsafeBitCast(pointer, to: type)
        }
        return PTYFunctions(
            openpt: try symbol("posix_openpt", as: IntToInt.self), grantpt: try symbol("grantpt", as: IntToInt.self),
            unlockpt: try symbol("unlockpt", as: IntToInt.self), ptsname: try symbol("ptsname", as: IntToName.self))
    }
}
