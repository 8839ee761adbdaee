import ChorusTestSupport
import Foundation
import Testing

/// The header line in a real terminal (issue 14): the task, cut to one line, is on screen while
/// the workers are held at the server (each shows how long it has waited and when it gives up),
/// `T` shows the whole task, and the header is still there once the answer came.
@Suite(.serialized, .enabled(if: TmuxRig.available, "needs tmux and the built chorus and fake-llm-server executables"))
struct TmuxHeaderTests {
    static let script = """
        {
          "rules": [
            {"model": "fake-merge", "response": {"text": "MERGED: keep one service.", "intervalMs": 10}},
            {"model": "fake-worker", "response": {"text": "Keep one deployable until the team grows.", "delayMs": 10000, "intervalMs": 20}}
          ],
          "default": {"text": "unexpected request", "intervalMs": 10}
        }
        """

    static let task = "Should a five-person startup with one product and two customers split its monolith into microservices before its Series A, given that the CTO wants to hire for it? Answer in one sentence, END-OF-TASK."

    @Test func theTaskIsOnScreenAndTShowsItWhole() async throws {
        let rig = try await TmuxRig(script: Self.script)
        defer { rig.stop() }
        try rig.start(arguments: [
            Self.task, "--base-url", "http://127.0.0.1:\(rig.port)/v1", "--model", "fake-worker", "--aggregator-model", "fake-merge",
            "--workers", "2", "--timeout", "60",
        ])
        // While the workers wait: the header's task (cut: the end is not on the first line) and
        // each pane's honest wait.
        try await rig.waitFor("the header and the wait") { screen in
            let first = screen.split(separator: "\n").first ?? ""
            return first.contains("Task: Should a five-person startup") && first.contains("…") && !first.contains("END-OF-TASK")
                && screen.contains("gives up in")
        }
        rig.keys("T")
        try await rig.waitFor("the whole task") { $0.contains("END-OF-TASK") && $0.contains("T or Esc closes") }
        rig.keys("Escape")
        try await rig.waitFor("the answer, header still there") { screen in
            screen.contains("2 of 2 merged") && (screen.split(separator: "\n").first ?? "").contains("Task: Should")
        }
        rig.keys("q")
        try await rig.waitFor("chorus exited") { $0.contains("CHORUS_EXIT=0") }
    }
}
