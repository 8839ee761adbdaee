import ChorusTestSupport
import Foundation
import Testing

/// `chorus "TASK" --escalate` in a real terminal: three workers split 1-1-1, and the extra
/// worker's pane appears as it starts (its answer is held 15 s at the server, so the pane is seen
/// waiting), then the answer's title says the run escalated.
@Suite(.serialized, .enabled(if: TmuxRig.available, "needs tmux and the built chorus and fake-llm-server executables"))
struct TmuxEscalationTests {
    static let script = """
        {
          "rules": [
            {"contains": "Focus on: alpha", "responses": [{"text": "389", "intervalMs": 10}, {"text": "389", "delayMs": 15000, "intervalMs": 10}]},
            {"contains": "Focus on: beta", "response": {"text": "380", "intervalMs": 10}},
            {"contains": "Focus on: gamma", "response": {"text": "406", "intervalMs": 10}}
          ],
          "default": {"text": "unexpected request", "intervalMs": 10}
        }
        """

    @Test func theExtraWorkersPaneAppearsAsItStarts() async throws {
        let rig = try await TmuxRig(script: Self.script)
        defer { rig.stop() }
        try rig.start(arguments: [
            "What is 17 * 23?", "--base-url", "http://127.0.0.1:\(rig.port)/v1", "--model", "fake-worker", "--strategy", "vote",
            "--workers", "3", "--escalate", "2", "--focus", "alpha", "--focus", "beta", "--focus", "gamma", "--timeout", "60",
        ])
        try await rig.waitFor("the extra worker's pane, waiting") { screen in
            screen.contains("4 alpha") && screen.contains("escalating: +1 worker")
        }
        try await rig.waitFor("the answer, escalated") { screen in
            screen.contains("4 of 4 merged · escalated +1") && screen.contains("2 of 4 answers agree")
        }
        rig.keys("q")
        try await rig.waitFor("chorus exited") { $0.contains("CHORUS_EXIT=0") }
    }
}
