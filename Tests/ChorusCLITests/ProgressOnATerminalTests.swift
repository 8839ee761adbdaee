import Chorus
import ChorusTestSupport
import Foundation
import Testing

@testable import ChorusCLI

@Suite struct ProgressOnATerminalTests {
    @Test func liveLinesGoToStderrAndAreErasedBeforeTheAnswer() async throws {
        let clock = ManualClock()
        var h = Harness()
        h.stderrIsTerminal = true
        h.clock = clock
        h.models = Scripts.factory(
            clock: clock, workers: [1: [.wait(.seconds(1)), .text("Paris")]], aggregator: [.text("Paris.")])
        let context = h.context
        let run = Task { await ChorusMain.run(arguments: ["run", "q"] + Scripts.focusFlags, context: context) }
        // The printer draws on its own ticker (real time); wait for its first frame.
        let start = ContinuousClock.now
        while !h.err.text.contains("waiting"), ContinuousClock.now - start < .seconds(30) {  // a bound, not a wait
            try await Task.sleep(for: .milliseconds(5))
        }
        let frame = h.err.text
        #expect(frame.contains("\u{1B}[2K1  w1"))
        #expect(frame.contains("waiting"))
        #expect(frame.contains("2  w2"))
        await clock.advance(by: .seconds(2))
        #expect(await run.value == 0)
        #expect(h.out.text == "Paris.\n")
        // Erased at the end: cursor back up over the lines, then clear to the end of the screen.
        // Then, at a terminal, the saved session's path (issue 14).
        #expect(h.err.text.contains("A\u{1B}[Jchorus: session saved: "))
        #expect(h.err.text.hasSuffix(".json\n"))
        #expect(!h.err.text.contains("Paris."))
    }

    @Test func noLiveLinesWithJSONOrQuietOrAPipe() async {
        for extra in [["--json"], ["--quiet"]] {
            var h = Harness()
            h.stderrIsTerminal = true
            #expect(await h.run(["run", "q"] + extra) == 0)
            #expect(!h.err.text.contains("\u{1B}"))
        }
        let piped = Harness()
        #expect(await piped.run(["run", "q"]) == 0)
        #expect(!piped.err.text.contains("\u{1B}"))
    }
}
