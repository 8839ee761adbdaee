import ChorusTestSupport
import Foundation
import Testing

/// The session file's path is the last line a person sees after `q` (issue 14), printed on the
/// normal screen once the UI is gone; `chorus open --last` then reopens that session.
@Suite(.serialized, .enabled(if: TmuxRig.available, "needs tmux and the built chorus and fake-llm-server executables"))
struct TmuxSessionPathTests {
    static let script = """
        {"rules": [], "default": {"text": "Paris.", "intervalMs": 10}}
        """

    @Test func quittingPrintsTheSessionPathAndOpenLastReopensIt() async throws {
        let rig = try await TmuxRig(script: Self.script)
        defer { rig.stop() }
        try rig.start(arguments: [
            "What is the capital of France?", "--base-url", "http://127.0.0.1:\(rig.port)/v1", "--model", "fake",
            "--workers", "2", "--strategy", "vote",
        ])
        try await rig.waitFor("the answer") { $0.contains("Answer · vote") }
        rig.keys("q")
        try await rig.waitFor("chorus exited") { $0.contains("CHORUS_EXIT=") }
        let screen = rig.capture()
        let sessions = rig.directory.appendingPathComponent("home/.local/state/chorus/sessions").path
        let files = try FileManager.default.contentsOfDirectory(atPath: sessions).filter { $0.hasSuffix(".json") }
        #expect(files.count == 1)
        // The line may wrap at the pane's 120 columns: read the screen's rows joined.
        let joined = screen.replacingOccurrences(of: "\n", with: "")
        #expect(joined.contains("chorus: session saved: \(sessions)/\(files.first ?? "?")"))
        #expect(!screen.contains("┏"), "printed after the UI is gone")

        rig.restart(arguments: ["open", "--last"])
        try await rig.waitFor("the reopened session") { $0.contains("Answer · vote") && $0.contains("Paris.") }
        rig.keys("q")
        try await rig.waitFor("chorus exited again") { $0.contains("CHORUS_EXIT=0") }
    }
}
