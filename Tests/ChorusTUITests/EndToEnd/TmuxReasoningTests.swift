import ChorusTestSupport
import Foundation
import Testing

/// A reasoning model in a real terminal: the real `chorus` in tmux (120x30) against the fake LLM
/// server, one worker answering in DeepSeek-R1's inline shape (`<think>…</think>` before the
/// answer in the content, as llama.cpp and vLLM send it without a reasoning parser). The pane
/// streams the reasoning while the model thinks, folds it when the answer starts, `t` opens and
/// folds it, and `chorus open` on the saved session shows it the same way.
@Suite(.serialized, .enabled(if: TmuxRig.available, "needs tmux and the built chorus and fake-llm-server executables"))
struct TmuxReasoningTests {
    static let reasoning = "The team has five people and every service needs its own deploy, monitoring and on-call rota: a tax paid every single day."
    static let script = """
        {
          "rules": [
            {"model": "fake-merge", "response": {"text": "MERGED: keep one deployable.", "intervalMs": 20}},
            {"contains": "Focus on: cost", "response": {"text": "<think> \(reasoning) </think> Keep one deployable until the team grows.", "intervalMs": 450}},
            {"contains": "Focus on: risk", "response": {"text": "Splitting early multiplies the ways a request can fail.", "intervalMs": 60}},
            {"contains": "Focus on: speed", "response": {"text": "A monolith lets five people ship in minutes.", "intervalMs": 60}}
          ],
          "default": {"text": "unexpected request", "intervalMs": 10}
        }
        """

    @Test func aPersonWatchesAModelThinkThenOpensItsReasoning() async throws {
        let rig = try await TmuxRig(script: Self.script)
        defer { rig.stop() }
        try rig.start(arguments: [
            "Should a five-person startup use microservices?",
            "--base-url", "http://127.0.0.1:\(rig.port)/v1", "--model", "fake-worker", "--aggregator-model", "fake-merge",
            "--workers", "3", "--focus", "cost", "--focus", "risk", "--focus", "speed", "--timeout", "30",
        ])

        // While the model thinks (about 11 s: long enough to be seen while the local-model and proxy
        // suites load both cores), its reasoning streams and the status says so.
        try await rig.waitFor("worker 1 thinking") { $0.contains("◌ thinking") && $0.contains("The team has five") }
        #expect(!rig.capture().contains("<think>"), "the tag is not shown as text")
        // The answer takes the pane; the reasoning folds to one line.
        try await rig.waitFor("the reasoning folded") { $0.contains("▸ thought for") && $0.contains("Keep one deployable") }
        #expect(!rig.capture().contains("The team has five"))
        try await rig.waitFor("the merged answer") { $0.contains("MERGED: keep one deployable") && $0.contains("3 of 3 merged") }
        // The finished pane tells the first answer token from the first reasoning token.
        #expect(rig.capture().split(separator: "\n").contains { $0.contains("✓ done") && $0.contains("answer ") })

        // t opens the selected pane's reasoning above the answer, and folds it again.
        rig.keys("t")
        try await rig.waitFor("the reasoning opened") { $0.contains("▾ thought for") && $0.contains("The team has five") }
        rig.keys("t")
        try await rig.waitFor("the reasoning folded again") { $0.contains("▸ thought for") && !$0.contains("The team has five") }

        rig.keys("q")
        try await rig.waitFor("chorus exited") { $0.contains("CHORUS_EXIT=") }

        // The saved session reopens with the record's reasoning, folded, and t opens it.
        let sessions = rig.directory.appendingPathComponent("home/.local/state/chorus/sessions")
        let files = try FileManager.default.contentsOfDirectory(atPath: sessions.path).filter { $0.hasSuffix(".json") }
        let file = try #require(files.first, "the run saved a session")
        rig.restart(arguments: ["open", sessions.appendingPathComponent(file).path])
        try await rig.waitFor("the earlier run's screen cleared") { !$0.contains("CHORUS_EXIT=") }
        try await rig.waitFor("the reopened session") { $0.contains("▸ thought for") && $0.contains("Keep one deployable") }
        rig.keys("Right")  // from the answer (selected on reopening) to worker 1
        rig.keys("t")
        try await rig.waitFor("the reopened reasoning opened") { $0.contains("▾ thought for") && $0.contains("The team has five") }
        rig.keys("q")
        try await rig.waitFor("chorus open exited") { $0.contains("CHORUS_EXIT=") }
    }
}
