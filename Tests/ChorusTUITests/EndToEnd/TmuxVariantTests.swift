import ChorusTestSupport
import Foundation
import Testing

/// A variant rerun in the real UI (README "Variant reruns"): `v` on a pane, the model field
/// edited in the form, Enter; the pane shows the tabs and the new answer, the merge uses it; `<`
/// and `m` merge the original again; `q` writes both variants into the session.
@Suite(.serialized, .enabled(if: TmuxRig.available, "needs tmux and the built chorus and fake-llm-server executables"))
struct TmuxVariantTests {
    static let script = """
        {
          "rules": [
            {"model": "bigger", "response": {"text": "Lyon, says the bigger model.", "intervalMs": 20}}
          ],
          "default": {"text": "Paris.", "intervalMs": 10}
        }
        """

    @Test func aPersonRerunsOnePaneWithAnotherModelAndMergesEither() async throws {
        let rig = try await TmuxRig(script: Self.script)
        defer { rig.stop() }
        try rig.start(arguments: [
            "What is the capital of France?", "--base-url", "http://127.0.0.1:\(rig.port)/v1", "--model", "fake",
            "--workers", "2", "--strategy", "concatenate", "--save", "session.json",
        ])
        try await rig.waitFor("the answer") { $0.contains("Answer · concatenate") && $0.contains("2 of 2 merged") }
        // Select worker 2 (←/→ from worker 1), open the form, replace the model.
        rig.keys("Right")
        rig.keys("v")
        try await rig.waitFor("the form") { $0.contains("Rerun worker 2 as a variant") && $0.contains("model") }
        for _ in 0..<4 { rig.keys("BSpace") }
        rig.keys("bigger")
        rig.keys("Enter")
        try await rig.waitFor("the variant's answer and tabs") {
            $0.contains("[v2✓]") && $0.contains("Lyon, says the bigger model.")
        }
        try await rig.waitFor("re-merged with the variant") { $0.contains("## Worker 2") && $0.contains("Lyon, says") && !$0.contains("merging") }
        // Back to the original and merge it again.
        rig.keys("<")
        try await rig.waitFor("the original shown") { $0.contains("[v1]") && $0.contains("v2✓") }
        rig.keys("m")
        try await rig.waitFor("the original merged") { $0.contains("[v1✓]") }
        rig.keys("q")
        try await rig.waitFor("chorus exited") { $0.contains("CHORUS_EXIT=0") }
        let saved = try Data(contentsOf: rig.directory.appendingPathComponent("session.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: saved) as? [String: Any])
        let workers = try #require(json["workers"] as? [[String: Any]])
        #expect(workers[1]["chosen_variant"] as? Int == 0)
        let variants = try #require(workers[1]["variants"] as? [[String: Any]])
        #expect(variants.compactMap { ($0["spec"] as? [String: Any]).flatMap { ($0["model"] as? [String: Any])?["model"] as? String } } == ["fake", "bigger"])
        #expect(json["output"] as? String == "## Worker 1\n\nParis.\n\n## Worker 2\n\nParis.")
    }
}
