import ChorusTestSupport
import Foundation
import Testing

/// The real `chorus` binary in a real terminal (tmux, 120x30) against the real fake LLM server:
/// panes appear, text streams, a failing worker shows failed, `r` retries it to success, `s`
/// switches the strategy, `q` quits and the terminal is restored.
///
/// Runs when tmux is installed and both executables are built next to the test bundle (the test
/// command, `scripts/test`, builds every product first).
@Suite(.serialized, .enabled(if: TmuxRig.available, "needs tmux and the built chorus and fake-llm-server executables"))
struct TmuxEndToEndTests {
    static let script = """
        {
          "rules": [
            {"model": "fake-merge", "response": {"text": "MERGED: keep a modular monolith until the team grows.", "intervalMs": 40}},
            {"contains": "Focus on: cost", "response": {"text": "Keep one deployable until the team or the traffic forces a split; every extra service costs on-call time.", "intervalMs": 250}},
            {"contains": "Focus on: risk", "responses": [
              {"status": 400, "errorMessage": "scripted failure for the UI test"},
              {"text": "Splitting early multiplies the ways a request can fail.", "intervalMs": 60}
            ]},
            {"contains": "Focus on: speed", "response": {"text": "A monolith lets five people ship in minutes.", "intervalMs": 90}}
          ],
          "default": {"text": "unexpected request", "intervalMs": 10}
        }
        """

    @Test func aPersonWatchesRetriesSwitchesAndQuits() async throws {
        let rig = try TmuxRig(script: Self.script)
        defer { rig.stop() }
        try rig.start(arguments: [
            "Should a five-person startup use microservices?",
            "--base-url", "http://127.0.0.1:\(rig.port)/v1", "--model", "fake-worker", "--aggregator-model", "fake-merge",
            "--workers", "3", "--focus", "cost", "--focus", "risk", "--focus", "speed", "--timeout", "30",
        ])

        // Panes appear, one per worker, with their labels.
        try await rig.waitFor("three pane titles") { $0.contains("1 cost") && $0.contains("2 risk") && $0.contains("3 speed") }
        // Text streams: worker 1 is seen mid-answer (streaming, part of its text). It streams for
        // about 4.5 s, so a screen polled on a machine busy with the other suites still sees it.
        try await rig.waitFor("worker 1 streaming") { $0.contains("streaming") && $0.contains("Keep one") }
        // The scripted failure shows as failed, with the error.
        try await rig.waitFor("worker 2 failed") { $0.contains("✗ failed") && $0.contains("HTTP 400") }
        // The answer is merged from the other two.
        try await rig.waitFor("the merged answer") { $0.contains("MERGED: keep a modular monolith") && $0.contains("2 of 3 merged") }

        // Select worker 2 and retry it: attempt 2 streams, succeeds, and the answer is re-merged.
        rig.keys("Right")
        rig.keys("r")
        try await rig.waitFor("worker 2 retried") { $0.contains("try 2") }
        try await rig.waitFor("worker 2 succeeded") { $0.contains("Splitting early multiplies") && !$0.contains("HTTP 400") }
        try await rig.waitFor("re-merged from three") { $0.contains("3 of 3 merged") }

        // s switches the strategy: auto -> synthesize, re-merging the kept answers.
        rig.keys("s")
        try await rig.waitFor("strategy switched") { $0.contains("Answer · synthesize · 3 of 3 merged") }

        // q quits (nothing is running, so no question) and the terminal is restored.
        rig.keys("q")
        try await rig.waitFor("chorus exited") { $0.contains("CHORUS_EXIT=") }
        #expect(rig.alternateScreenOff, "the alternate screen was left")
        #expect(!rig.capture().contains("┏"), "no UI left on the screen")
    }
}

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

    init(script: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("home"), withIntermediateDirectories: true)
        let scriptFile = directory.appendingPathComponent("script.json")
        try script.write(to: scriptFile, atomically: true, encoding: .utf8)
        let (pid, output) = try Spawn.start(
            [Self.fakeServer.path, "--host", "127.0.0.1", "--port", "0", "--script", scriptFile.path])
        serverPID = pid
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
        self.port = port
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
        let quoted = ([Self.chorus.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let home = directory.appendingPathComponent("home").path
        let command = "cd '\(directory.path)' && env -i PATH=/usr/bin:/bin TERM=xterm-256color LANG=C.UTF-8 HOME='\(home)' "
            + "XDG_CONFIG_HOME='\(home)/.config' XDG_DATA_HOME='\(home)/.local/share' XDG_STATE_HOME='\(home)/.local/state' "
            + quoted.joined(separator: " ") + "; echo CHORUS_EXIT=$?; sleep 60"
        // The tmux server this starts keeps whatever it inherits open: give it /dev/null only.
        Spawn.run([Self.tmux!, "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "120", "-y", "30", command], capture: false)
    }

    func keys(_ key: String) { tmux(["send-keys", "-t", "e2e", key]) }

    func capture() -> String { tmux(["capture-pane", "-p", "-t", "e2e"]) }

    var alternateScreenOff: Bool {
        tmux(["display-message", "-p", "-t", "e2e", "#{alternate_on}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "0"
    }

    /// Polls the screen until `condition` holds. The limit only bounds a failing test.
    func waitFor(_ what: String, limit: Duration = .seconds(30), _ condition: (String) -> Bool) async throws {
        let start = ContinuousClock.now
        var screen = capture()
        while !condition(screen) {
            if ContinuousClock.now - start > limit {
                Issue.record("timed out waiting for \(what); the screen:\n\(screen)")
                throw RigError("timed out waiting for \(what)")
            }
            try await Task.sleep(for: .milliseconds(50))
            screen = capture()
        }
    }

    func stop() {
        tmux(["kill-server"])
        kill(serverPID, SIGTERM)
        var status: Int32 = 0
        waitpid(serverPID, &status, 0)
        try? FileManager.default.removeItem(at: directory)
    }
}

/// posix_spawn with stdout (and stderr) to a pipe or /dev/null, stdin from /dev/null.
enum Spawn {
    static func start(_ argv: [String], capture: Bool = true) throws -> (pid: pid_t, output: Int32) {
        var fds: [Int32] = [-1, -1]
        if capture { guard pipe(&fds) == 0 else { throw TmuxRig.RigError("pipe failed") } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if capture {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addclose(&actions, fds[0])
            posix_spawn_file_actions_addclose(&actions, fds[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        // The calling thread is a pool thread with most signals blocked, and a child inherits that
        // mask: tmux could then never stop its pane (SIGHUP) nor be stopped (SIGTERM).
        var pid: pid_t = 0
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        let result = SignalSpawn.withAttributes { attributes in
            posix_spawn(&pid, argv[0], &actions, &attributes, cArgs, environ)
        }
        if capture { close(fds[1]) }
        guard result == 0 else {
            if capture { close(fds[0]) }
            throw TmuxRig.RigError("cannot start \(argv[0]): error \(result)")
        }
        return (pid, fds[0])
    }

    /// Runs to the end; returns the exit status and what it printed.
    @discardableResult
    static func run(_ argv: [String], capture: Bool = true) -> (status: Int32, output: String) {
        guard let (pid, output) = try? start(argv, capture: capture) else { return (-1, "") }
        var data: [UInt8] = []
        if capture {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = read(output, &buffer, buffer.count)
                if n <= 0 { break }
                data.append(contentsOf: buffer[0..<n])
            }
            close(output)
        }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return (status, String(decoding: data, as: UTF8.self))
    }
}
