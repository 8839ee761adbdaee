import Chorus
import ChorusTestSupport
import Foundation
import Synchronization
import Testing

@testable import ChorusCLI

/// `chorus open FILE --rerun N` in-process (the fake-server rows are in ChorusBinaryTests'
/// VariantRerunBinaryTests): what Ctrl-C does to a rerun, and that the key stays out of the file.
@Suite struct VariantRerunCommandTests {
    @Test func ctrlCCancelsTheVariantKeepsTheMergeAndWritesItBack() async throws {
        let setup = Harness()
        setup.writeConfig("")
        let file = setup.home.path + "/one.json"
        var first = Harness.rerun(setup, models: Scripts.factory(workers: [:], aggregator: [.text("Paris.")]))
        first.stdin = .text("", isTerminal: true)
        #expect(await first.run(["run", "Capital of France?", "--save", file] + Scripts.focusFlags) == 0)

        let handler = Mutex<(@Sendable () -> Void)?>(nil)
        var h = Harness.rerun(setup)
        h.interrupts = InterruptSource { installed in
            handler.withLock { $0 = installed }
            return { handler.withLock { $0 = nil } }
        }
        let clock = ManualClock()
        h.clock = clock
        let slow = ScriptedModel(clock: clock, steps: [.hang])
        let others = Scripts.factory(clock: clock, workers: [:], aggregator: [.text("Paris again.")])
        h.models = { choice in choice.model == "slow" ? slow : try others(choice) }
        let context = h.context
        let run = Task { await ChorusMain.run(arguments: ["open", file, "--rerun", "2", "--model", "slow"], context: context) }
        #expect(await clock.waitForSleepers(1))
        handler.withLock { $0 }?()
        #expect(await run.value == 1, "the variant asked for did not come")
        #expect(h.out.text == "Paris.\n", "the merge as it was")
        #expect(h.err.text.contains("chorus: worker 2 variant 2 (openai:slow) cancelled: "))
        let saved = try SessionStore.load(file)
        #expect(saved.workers[1].variants.map(\.status) == [.succeeded, .cancelled])
        #expect(saved.workers[1].chosen == 0)
        #expect(saved.aggregations.count == 1)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(!text.contains("sk-SENTINEL"), "no key in the session file")
    }
}
