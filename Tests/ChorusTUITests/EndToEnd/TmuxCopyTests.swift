import ChorusTestSupport
import Foundation
import Testing

/// `Y` copies through the terminal's clipboard sequence (OSC 52): inside tmux with
/// `set-clipboard on`, tmux takes the sequence into a paste buffer, so `show-buffer` has the
/// text; the copy is also saved to a file whose path the status line shows.
@Suite(.serialized, .enabled(if: TmuxRig.available, "needs tmux and the built chorus and fake-llm-server executables"))
struct TmuxCopyTests {
    static let script = """
        {"rules": [], "default": {"text": "Paris is the capital.", "intervalMs": 10}}
        """

    @Test func copyEmitsOSC52ThatTmuxTakesIntoItsBufferAndDiffOpens() async throws {
        let rig = try await TmuxRig(script: Self.script)
        defer { rig.stop() }
        try rig.start(arguments: [
            "What is the capital of France?", "--base-url", "http://127.0.0.1:\(rig.port)/v1", "--model", "fake",
            "--workers", "2", "--strategy", "vote",
        ])
        rig.tmux(["set-option", "-s", "set-clipboard", "on"])
        try await rig.waitFor("the answer") { $0.contains("Answer · vote") }
        rig.keys("Y")
        try await rig.waitFor("the copy message") { $0.replacingOccurrences(of: "\n", with: "").contains("also saved to") }
        let buffer = rig.tmux(["show-buffer"])
        #expect(buffer == "Paris is the capital.")
        let copies = try FileManager.default.contentsOfDirectory(atPath: rig.directory.path).filter { $0.hasPrefix("chorus-copy-") }
        #expect(copies.count == 1)

        // The diff view on a real terminal: worker 1 against the answer, then worker 2.
        rig.keys("d")
        try await rig.waitFor("the diff view") { $0.contains("diff: worker 1") && $0.contains("similarity (shared words): 1–2 100%") }
        rig.keys("Tab")
        try await rig.waitFor("the other text") { $0.contains("→ worker 2") }
        rig.keys("Escape")
        try await rig.waitFor("the panes again") { !$0.contains("similarity (shared words)") }
        rig.keys("q")
        try await rig.waitFor("chorus exited") { $0.contains("CHORUS_EXIT=") }
    }
}
