import Chorus
import Testing
@testable import ChorusTUI

/// Issue 14 follow-ups found by a new user: the header's totals, the header's separator, the
/// timeout status in a narrow pane, the key line under the quit question, the agreement view's
/// retry hint, the task overlay's border with a message shown, the first status message.
@Suite struct FollowUpDisplayTests {
    /// The screen's rows, without the snapshot's end-of-row marker.
    func rows(_ state: UIState) -> [String] {
        Renderer.render(state).plainText.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.hasSuffix("|") ? $0.dropLast() : $0) }
    }

    @Test func theHeaderKeepsItsTokenCountWhileAWorkerStillWaits() {
        var state = Fixtures.state(workers: 3, width: 120)
        Fixtures.stream(&state, worker: 0, text: "Paris is the capital")  // 96 tokens reported
        state.update(.run(.workerStarted(worker: 1, attempt: 1)))
        state.update(.tick(now: 19_000))
        // No record was synced yet (the controller publishes at the merge): the pane counts.
        #expect(state.runTokens?.count == 96)
        #expect(rows(state)[0].contains("96 tok"))
        // A second worker streaming adds its chunks, approximate.
        state.update(.run(.workerChunk(worker: 1, attempt: 1, text: "Par")))
        #expect(state.runTokens?.count == 97)
        #expect(state.runTokens?.approximate == true)
        #expect(rows(state)[0].contains("~97 tok"))
        // A retry does not lose the earlier attempt once the record says so.
        var record = Fixtures.record(workers: 3)
        record.workers[0].attempts = [Fixtures.attempt(.succeeded, text: "Paris", tokens: 96)]
        record.workers[1].attempts = [Fixtures.attempt(.failed, text: "", error: "HTTP 500", tokens: 10),
                                      AttemptRecord(number: 2, status: .waiting, startedMs: 0)]
        state.update(.run(.runUpdated(record: record)))
        #expect(state.earlierUsage.completionTokens == 10)
    }

    @Test func theHeaderPartsTheTaskFromItsTotalsAndNeverLetsTabsOrNewlinesEatThem() {
        var record = Fixtures.record(workers: 2)
        record.task = "first line\nsecond line\twith tab\n\nthird line and a fourth line with tab\tand more words than fit"
        var state = UIState(record: record, width: 80, height: 24)
        Fixtures.stream(&state, worker: 0, text: "Paris")
        let header = rows(state)[0]
        #expect(header.contains("… │ "), "the cut task, a gap and a bar: \(header)")
        #expect(header.hasSuffix("tok · T task "))
        #expect(header.contains("first line second line with tab"))
        #expect(!header.contains("\t"))
        // The hint is dim, not the header's own colour.
        let grid = Renderer.render(state)
        let tColumn = header.count - " task ".count - 1
        #expect(grid[tColumn + 2, 0].role == .dimText)
    }

    @Test(arguments: [38, 30, 24, 16])
    func aNarrowTimedOutPaneKeepsTheLimitThenPartialThenP(width: Int) {
        var state = Fixtures.state(workers: 3, width: 140)
        var record = Fixtures.attempt(.timedOut, text: "The capital is", error: "stalled: no text for 2s", elapsedMs: 4100)
        record.limits = AttemptLimits(timeout: .seconds(15), idleTimeout: .seconds(2))
        record.timeoutLimit = .idle
        state.update(.run(.workerStarted(worker: 2, attempt: 1)))
        state.update(.run(.workerFinished(worker: 2, record: record)))
        let status = Renderer.status(state.panes[2], now: state.now, width: width).map(\.text).joined()
        #expect(CellGrid.width(of: [Segment(status, .text)]) <= width)
        #expect(status.hasPrefix("◷ idle 2 s"), "which limit fired stays: \(status)")
        #expect(!status.contains("4.1s"), "the clock goes first")
        #expect(!status.contains("…"))
        if width >= 20 { #expect(status.contains("partial")) }
        if width >= 24 { #expect(status.contains(" · p")) }
        if width >= 38 { #expect(status.contains("p accept")) }
        // Wide, everything.
        let wide = Renderer.status(state.panes[2], now: state.now, width: 120).map(\.text).joined()
        #expect(wide == "◷ timed out 4.1s: idle timeout 2 s (stalled) · partial · p accept · r retry")
    }

    @Test func theKeyLineOffersTheQuitQuestionsAnswersWhileItIsOpen() {
        var state = Fixtures.state(workers: 2, width: 80)
        state.update(.run(.workerStarted(worker: 0, attempt: 1)))
        #expect(state.update(.key(.character("q"))) == [])
        #expect(state.confirmingQuit)
        let keyLine = rows(state)[23]
        #expect(keyLine.trimmingCharacters(in: .whitespaces) == "y quit  n stay")
        // A second q is a deliberate quit (documented "q q"): it answers yes.
        #expect(state.update(.key(.character("q"))) == [.cancelAll, .quit])
    }

    @Test func theAgreementViewOffersRetryFailedOnlyWhenSomethingFailed() {
        var state = Fixtures.state(workers: 2, width: 100)
        Fixtures.stream(&state, worker: 0, text: "Paris")
        Fixtures.stream(&state, worker: 1, text: "Paris")
        state.update(.run(.aggregationStarted(strategy: .vote)))
        state.update(.run(.aggregationFinished(record: Fixtures.aggregation(.vote, output: "Paris", inputs: [0, 1]))))
        _ = state.update(.key(.character("a")))
        #expect(!rows(state)[23].contains("retry failed"))
        state.update(.run(.workerStarted(worker: 1, attempt: 2)))
        state.update(.run(.workerFinished(worker: 1, record: Fixtures.attempt(.failed, number: 2, error: "HTTP 500"))))
        #expect(rows(state)[23].contains("R retry failed"))
    }

    @Test func theTaskOverlayKeepsItsBottomBorderWhileAMessageShows() {
        var state = Fixtures.state(workers: 3, width: 80, height: 24)
        state.say("retrying worker 2…")
        _ = state.update(.key(.character("T")))
        let lines = rows(state)
        #expect(lines[21].contains("closes"), "the sheet bottom edge sits above the status line: \(lines[21])")
        #expect(lines[21].contains("━"))
    }

    @Test func aWarningFromBeforeTheUIIsTheFirstStatusMessage() {
        var state = Fixtures.state(workers: 3, width: 120)
        state.sayFirst("warning: 4 focus areas but 3 workers (--workers): focus area \"speed\" gets no worker")
        #expect(state.message?.role == .warning)
        #expect(rows(state)[22].contains("4 focus areas but 3 workers"))
        state.update(.tick(now: UIState.messageDuration + 1))
        #expect(state.message != nil, "it stays longer than a key's message")
    }
}
