import Chorus
import ChorusTestSupport
import Foundation
import Testing

/// A two-turn conversation in the real UI against the fake server (issue 17): `f`, a typed
/// follow-up, Enter; turn 2 is shown, and the fake server's rules prove what each worker's second
/// request carried: a rule matches a request only when one of its messages holds a first-turn
/// answer, so a pane reads "SAW-OWN-ALPHA" only if that worker was sent its own answer "ALPHA."
/// (own), or "SAW-MERGED" only if it was sent the merged "MERGED." (shared).
@Suite(.serialized, .enabled(if: TmuxRig.available, "needs tmux and the built chorus and fake-llm-server executables"))
struct TmuxFollowUpTests {
    static let script = """
        {"rules": [
          {"model": "agg", "response": {"text": "MERGED.", "intervalMs": 5}},
          {"contains": "ALPHA.", "response": {"text": "SAW-OWN-ALPHA", "intervalMs": 5}},
          {"contains": "BRAVO.", "response": {"text": "SAW-OWN-BRAVO", "intervalMs": 5}},
          {"contains": "MERGED.", "response": {"text": "SAW-MERGED", "intervalMs": 5}},
          {"contains": "Focus on: cost", "response": {"text": "ALPHA.", "intervalMs": 5}},
          {"contains": "Focus on: risk", "response": {"text": "BRAVO.", "intervalMs": 5}}
        ], "default": {"text": "unexpected", "intervalMs": 5}}
        """

    func converse(mode: String) async throws -> (screen: String, rig: TmuxRig) {
        let rig = try await TmuxRig(script: Self.script)
        try rig.start(arguments: [
            "Monolith or microservices?", "--base-url", "http://127.0.0.1:\(rig.port)/v1", "--model", "fake",
            "--workers", "2", "--focus", "cost", "--focus", "risk", "--strategy", "synthesize", "--aggregator-model", "agg",
            "--follow-up", mode,
        ])
        try await rig.waitFor("turn 1's answer") { $0.contains("Answer · synthesize") && $0.contains("MERGED.") }
        rig.keys("f")
        try await rig.waitFor("the follow-up prompt") { $0.contains("Follow-up (turn 2") }
        rig.keys("And when to split?")
        rig.keys("Enter")
        try await rig.waitFor("turn 2's answer") { $0.contains("Answer · turn 2 · synthesize") }
        return (rig.capture(), rig)
    }

    @Test func ownModeSendsEachWorkerItsOwnFirstAnswer() async throws {
        let (screen, rig) = try await converse(mode: "own")
        defer { rig.stop() }
        #expect(screen.contains("Turn 2/2: And when to split?"))
        #expect(screen.contains("1 cost · turn 2"))
        #expect(screen.contains("SAW-OWN-ALPHA"), "\(screen)")
        #expect(screen.contains("SAW-OWN-BRAVO"), "\(screen)")
        #expect(!screen.contains("SAW-MERGED"))
        // [ shows turn 1 as it was.
        rig.keys("[")
        try await rig.waitFor("turn 1 shown") { $0.contains("Turn 1/2: Monolith or microservices?") && $0.contains("ALPHA.") }
        rig.keys("q")
        try await rig.waitFor("chorus exited") { $0.contains("CHORUS_EXIT=0") }
        let sessions = rig.directory.appendingPathComponent("home/.local/state/chorus/sessions").path
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: sessions).first { $0.hasSuffix(".json") })
        let data = try #require(FileManager.default.contents(atPath: sessions + "/" + file))
        let conversation = try RunRecord.makeDecoder().decode(Conversation.self, from: data)
        #expect(conversation.turns.map(\.task) == ["Monolith or microservices?", "And when to split?"])
        #expect(conversation.latest.workers.map(\.text) == ["SAW-OWN-ALPHA", "SAW-OWN-BRAVO"])
    }

    @Test func sharedModeSendsEveryWorkerTheMergedAnswer() async throws {
        let (screen, rig) = try await converse(mode: "shared")
        defer { rig.stop() }
        #expect(screen.components(separatedBy: "SAW-MERGED").count - 1 >= 2, "\(screen)")
        #expect(!screen.contains("SAW-OWN"))
        rig.keys("q")
        try await rig.waitFor("chorus exited") { $0.contains("CHORUS_EXIT=0") }
    }
}
