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
            {"contains": "Focus on: cost", "response": {"text": "Keep one deployable until the team or the traffic forces a split; every extra service costs on-call time.", "intervalMs": 120}},
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
        // Text streams: worker 1 is seen mid-answer (streaming, part of its text).
        try await rig.waitFor("worker 1 streaming") { $0.contains("streaming") && $0.contains("Keep one") }
        // The scripted failure shows as failed, with the error.
        // (The provider's error line wraps inside the pane, so match one word of it.)
        try await rig.waitFor("worker 2 failed") { $0.contains("failed") && $0.contains("scripted") }
        // The answer is merged from the other two.
        try await rig.waitFor("the merged answer") { $0.contains("MERGED: keep a modular monolith") && $0.contains("2 of 3 merged") }

        // Select worker 2 and retry it: attempt 2 streams, succeeds, and the answer is re-merged.
        rig.keys("Right")
        rig.keys("r")
        try await rig.waitFor("worker 2 retried") { $0.contains("try 2") }
        try await rig.waitFor("worker 2 succeeded") { $0.contains("Splitting early multiplies") && !$0.contains("scripted") }
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
        let process = Process()
        process.executableURL = chorus
        process.arguments = ["--help"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        do { try process.run() } catch { return false }
        let help = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return help.contains("--theme")
    }

    let directory: URL
    let socket = "chorus-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let server = Process()
    let port: Int

    init(script: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("home"), withIntermediateDirectories: true)
        let scriptFile = directory.appendingPathComponent("script.json")
        try script.write(to: scriptFile, atomically: true, encoding: .utf8)
        server.executableURL = Self.fakeServer
        server.arguments = ["--host", "127.0.0.1", "--port", "0", "--script", scriptFile.path]
        let out = Pipe()
        server.standardOutput = out
        server.standardError = FileHandle.nullDevice
        try server.run()
        var line = Data()
        while let byte = try out.fileHandleForReading.read(upToCount: 1), let b = byte.first, b != 10 { line.append(b) }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)) else {
            server.terminate()
            throw RigError("fake-llm-server printed no port")
        }
        self.port = port
    }

    struct RigError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Runs tmux and returns its output. `capture: false` for the command that starts the tmux
    /// server: the server inherits the pipe and would hold it open for its whole life.
    @discardableResult
    func tmux(_ arguments: [String], capture: Bool = true) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.tmux!)
        process.arguments = ["-L", socket] + arguments
        let out = Pipe()
        process.standardOutput = capture ? out : FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return "" }
        // Not waited for when it starts the server: the tmux server it forks inherits the
        // descriptor Foundation watches for the child's exit (Linux), so waitUntilExit would
        // last as long as the server. The callers poll the screen anyway.
        guard capture else { return "" }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func start(arguments: [String]) throws {
        let quoted = ([Self.chorus.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let home = directory.appendingPathComponent("home").path
        let command = "cd '\(directory.path)' && env -i PATH=/usr/bin:/bin TERM=xterm-256color LANG=C.UTF-8 HOME='\(home)' "
            + "XDG_CONFIG_HOME='\(home)/.config' XDG_DATA_HOME='\(home)/.local/share' XDG_STATE_HOME='\(home)/.local/state' "
            + quoted.joined(separator: " ") + "; echo CHORUS_EXIT=$?; sleep 60"
        tmux(["-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "120", "-y", "30", command], capture: false)
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
        if server.isRunning { server.terminate() }
        server.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }
}
