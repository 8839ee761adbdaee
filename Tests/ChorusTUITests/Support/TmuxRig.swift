import ChorusTestSupport
import Foundation
import Testing

/// A tmux server of its own (`-L`), the fake server process, and the chorus binary inside.
///
/// Processes are started with posix_spawn and reaped with waitpid: Foundation's `Process` left
/// the forking tmux client unreaped here (a zombie), and `waitUntilExit` never returned.
final class TmuxRig: @unchecked Sendable {
    static var buildDirectory: URL { URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent() }
    static var chorus: URL { buildDirectory.appendingPathComponent("chorus") }
    static var fakeServer: URL { buildDirectory.appendingPathComponent("fake-llm-server") }
    static var tmux: String? {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// tmux is installed and both executables are built. The `chorus` of the package layout was a
    /// placeholder until the CLI landed, so a binary without a `--theme` option does not count.
    static var available: Bool {
        guard tmux != nil, FileManager.default.isExecutableFile(atPath: chorus.path),
            FileManager.default.isExecutableFile(atPath: fakeServer.path)
        else { return false }
        return Spawn.run([chorus.path, "--help"]).output.contains("--theme")
    }

    let directory: URL
    let socket = "chorus-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let serverPID: pid_t
    let port: Int
    /// The descriptor holding `lockPath` exclusively while this rig lives.
    private let lock: Int32

    /// One rig at a time, across suites: every tmux test waits for a screen state that lasts a
    /// few seconds (a worker streaming, an extra worker waiting), and with all nine tmux suites
    /// running at once beside the local-model and proxy suites on two cores, their chorus
    /// processes were starved past those windows (both missed in one fresh-clone CI run). The
    /// lock is a file (`flock`), taken on a thread of its own so the test pool never blocks.
    static let lockPath = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-tmux-tests.lock").path

    init(script: String) async throws {
        let path = Self.lockPath
        lock = try await Blocking.run {
            let fd = open(path, O_CREAT | O_RDWR, 0o644)
            guard fd >= 0 else { throw RigError("cannot open \(path)") }
            flock(fd, LOCK_EX)
            return fd
        }
        do { (directory, serverPID, port) = try Self.prepare(script: script) } catch {
            close(lock)
            throw error
        }
    }

    /// The rig's directory, its fake server's pid and port.
    private static func prepare(script: String) throws -> (URL, pid_t, Int) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("home"), withIntermediateDirectories: true)
        let scriptFile = directory.appendingPathComponent("script.json")
        try script.write(to: scriptFile, atomically: true, encoding: .utf8)
        let (pid, output) = try Spawn.start(
            [Self.fakeServer.path, "--host", "127.0.0.1", "--port", "0", "--script", scriptFile.path])
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while read(output, &byte, 1) == 1, byte != 10 { line.append(byte) }
        close(output)
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)) else {
            kill(pid, SIGTERM)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            throw RigError("fake-llm-server printed no port")
        }
        return (directory, pid, port)
    }

    struct RigError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    @discardableResult
    func tmux(_ arguments: [String]) -> String {
        Spawn.run([Self.tmux!, "-L", socket] + arguments).output
    }

    func start(arguments: [String]) throws {
        // The tmux server this starts keeps whatever it inherits open: give it /dev/null only.
        Spawn.run(
            [Self.tmux!, "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "120", "-y", "30", command(arguments)],
            capture: false)
    }

    /// Runs chorus again in the same pane (e.g. `chorus open` on the session the first run
    /// saved), in the same home, replacing whatever the pane runs now. The screen is cleared
    /// first, so the earlier run's `CHORUS_EXIT=` cannot be mistaken for this one's.
    func restart(arguments: [String]) {
        tmux(["respawn-pane", "-k", "-t", "e2e", "printf '\\033[H\\033[2J'; " + command(arguments)])
    }

    /// The shell command that runs chorus with `arguments` in the rig's clean environment.
    private func command(_ arguments: [String]) -> String {
        let quoted = ([Self.chorus.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let home = directory.appendingPathComponent("home").path
        return "cd '\(directory.path)' && env -i PATH=/usr/bin:/bin TERM=xterm-256color LANG=C.UTF-8 HOME='\(home)' "
            + "XDG_CONFIG_HOME='\(home)/.config' XDG_DATA_HOME='\(home)/.local/share' XDG_STATE_HOME='\(home)/.local/state' "
            + quoted.joined(separator: " ") + "; echo CHORUS_EXIT=$?; sleep 60"
    }

    func keys(_ key: String) { tmux(["send-keys", "-t", "e2e", key]) }

    func capture() -> String { tmux(["capture-pane", "-p", "-t", "e2e"]) }

    var alternateScreenOff: Bool {
        tmux(["display-message", "-p", "-t", "e2e", "#{alternate_on}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "0"
    }

    /// Polls the screen until `condition` holds. The limit only bounds a failing test.
    ///
    /// The polling runs on a thread of its own (`Blocking`), not on the test pool: with every
    /// other suite busy on the pool's two threads, a poll there was not scheduled for over 11 s
    /// and missed the whole 11 s a worker streamed.
    func waitFor(
        _ what: String, limit: Duration = .seconds(30), _ condition: @escaping @Sendable (String) -> Bool
    ) async throws {
        let screen: String? = try await Blocking.run {
            let start = ContinuousClock.now
            var screen = self.capture()
            while !condition(screen) {
                if ContinuousClock.now - start > limit { return screen }
                usleep(50_000)
                screen = self.capture()
            }
            return nil
        }
        if let screen {
            Issue.record("timed out waiting for \(what); the screen:\n\(screen)")
            throw RigError("timed out waiting for \(what)")
        }
    }

    /// Whether `stop` ran (a test may stop the rig itself before its `defer` does).
    private var stopped = false

    func stop() {
        guard !stopped else { return }
        stopped = true
        tmux(["kill-server"])
        kill(serverPID, SIGTERM)
        var status: Int32 = 0
        waitpid(serverPID, &status, 0)
        try? FileManager.default.removeItem(at: directory)
        close(lock)  // releases the flock: the next rig may start
    }
}
