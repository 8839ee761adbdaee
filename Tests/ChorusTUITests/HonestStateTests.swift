import Chorus
import Testing
@testable import ChorusTUI

/// Issue 14, "states that tell the truth", through the reducer and the renderer: a waiting
/// worker's countdown, the limit that fired, partial text kept and accepted, messages that go
/// with their cause, the merge cancelled, a finished worker not re-run.
@Suite struct HonestStateTests {
    /// 3 workers with a 60 s total limit, worker 1 started at UI time 1 s.
    static func waiting() -> UIState {
        var record = Fixtures.record(workers: 3)
        for i in record.workers.indices { record.workers[i].spec.timeout = .seconds(60) }
        var state = UIState(record: record, width: 120, height: 24)
        state.update(.tick(now: 1000))
        state.update(.run(.workerStarted(worker: 0, attempt: 1)))
        return state
    }

    func statusText(_ state: UIState, worker: Int) -> String {
        let pane = state.panes[worker]
        return Renderer.status(pane, now: state.now, width: 200).map(\.text).joined()
    }

    @Test func aQueuedWorkerSaysSinceWhenAndWhenItGivesUpOnTheUIClock() {
        var state = Self.waiting()
        state.update(.tick(now: 13_400))
        #expect(statusText(state, worker: 0).hasSuffix("queued 12s · gives up in 48s"))
        state.update(.tick(now: 31_000))
        #expect(statusText(state, worker: 0).hasSuffix("queued 30s · gives up in 30s"))
        #expect(Renderer.render(state).plainText.contains("queued 30s · gives up in 30s"))
        state.update(.run(.workerResponded(worker: 0, attempt: 1)))
        state.update(.tick(now: 41_000))
        #expect(statusText(state, worker: 0).hasSuffix("answering · gives up in 20s"))
        // Narrow: the countdown goes before the wait itself.
        let narrow = Renderer.status(state.panes[0], now: state.now, width: 14).map(\.text).joined()
        #expect(narrow.hasSuffix("answering"))
    }

    @Test(arguments: [
        (TimeoutLimit.idle, "idle timeout 10 s (stalled)"), (TimeoutLimit.total, "total timeout 15 s"),
    ])
    func aTimeoutSaysWhichLimitFiredAndKeepsItsTextMarkedPartial(limit: TimeoutLimit, words: String) {
        var state = Fixtures.state(workers: 2, width: 140)
        Fixtures.stream(&state, worker: 0, text: "Paris")
        Fixtures.stream(&state, worker: 1, text: "The capital of France is", finish: nil)
        var record = Fixtures.attempt(.timedOut, text: "The capital of France is", error: "stalled: no text for 10s", elapsedMs: 15_000)
        record.limits = AttemptLimits(timeout: .seconds(15), idleTimeout: .seconds(10))
        record.timeoutLimit = limit
        state.update(.run(.workerFinished(worker: 1, record: record)))
        let status = statusText(state, worker: 1)
        #expect(status.contains("timed out 15.0s: \(words)"))
        #expect(status.contains("partial · p accept"))
        #expect(state.panes[1].text.source == "The capital of France is", "the text the user saw stays")
        #expect(Renderer.render(state).plainText.contains("The capital of France is"))
    }

    @Test func pAcceptsTheSelectedPartialAnswerAndOnlyThat() {
        var state = Fixtures.state(workers: 3)
        Fixtures.stream(&state, worker: 0, text: "Paris")
        Fixtures.stream(&state, worker: 1, text: "The capital is Par", finish: .cancelled, error: "cancelled by the user")
        Fixtures.stream(&state, worker: 2, text: "", finish: .failed, error: "HTTP 500")
        state.selection = 2
        #expect(state.update(.key(.character("p"))) == [], "no text: nothing to accept")
        #expect(state.message?.text.contains("no partial answer") == true)
        state.selection = 0
        #expect(state.update(.key(.character("p"))) == [], "a whole answer is not partial")
        state.selection = 1
        #expect(state.update(.key(.character("p"))) == [.acceptPartial(worker: 1)])
        #expect(state.reaggregationsInFlight == 1)
        #expect(statusText(state, worker: 1).contains("partial, merged"))
        #expect(state.update(.key(.character("p"))) == [], "accepted once")
        // The record's merge names the partial input on the answer's title and in its warnings.
        var aggregation = Fixtures.aggregation(output: "Paris", inputs: [0, 1])
        aggregation.partialInputs = [1]
        aggregation.warnings = ["worker 2's answer is partial (it did not finish; accepted by the user); the merge used it as it was"]
        state.update(.run(.aggregationStarted(strategy: .synthesize)))
        state.update(.run(.aggregationFinished(record: aggregation)))
        let text = Renderer.render(state).plainText
        #expect(text.contains("1 partial"))
        #expect(text.contains("worker 2's answer is partial"))
    }

    @Test func aMessageAboutAWorkerGoesWhenThatWorkerChanges() {
        var state = Fixtures.state(workers: 3)
        Fixtures.stream(&state, worker: 0, text: "Paris")
        Fixtures.stream(&state, worker: 1, text: "", finish: .failed, error: "HTTP 500")
        state.selection = 1
        #expect(state.update(.key(.character("r"))) == [.retry(worker: 1)])
        #expect(state.message?.text == "retrying worker 2…")
        // Another worker's news leaves it.
        state.update(.run(.workerStarted(worker: 2, attempt: 1)))
        #expect(state.message?.worker == 1)
        // The retry started: the pane says so now, and the message is gone well before it expires.
        state.update(.run(.workerStarted(worker: 1, attempt: 2)))
        #expect(state.message == nil)

        // Cancelled while the message was up (issue 14's case): it goes with the cancel.
        state.update(.run(.workerFinished(worker: 1, record: Fixtures.attempt(.failed, number: 2, error: "HTTP 500"))))
        state.update(.key(.character("r")))
        #expect(state.message?.text == "retrying worker 2…")
        state.update(.run(.workerStarted(worker: 1, attempt: 3)))
        state.update(.key(.character("c")))
        #expect(state.message?.text == "cancelling worker 2…")
        state.update(.run(.workerFinished(worker: 1, record: Fixtures.attempt(.cancelled, number: 3, error: "cancelled by the user"))))
        #expect(state.message == nil)
        #expect(!Renderer.render(state).plainText.contains("retrying worker 2"))
    }

    @Test func aMessageWithNoCauseStillExpires() {
        var state = Fixtures.state(workers: 1)
        state.update(.key(.character("s")))
        #expect(state.message != nil)
        state.update(.tick(now: UIState.messageDuration))
        #expect(state.message == nil)
    }

    @Test func rOnAFinishedGoodWorkerPointsToTheVariantRerun() {
        var state = ReducerKeyTests.finished()
        state.selection = 0
        #expect(state.update(.key(.character("r"))) == [])
        #expect(state.message?.text.contains("v reruns it as a variant") == true)
        #expect(UIState.keyHelp.contains { $0.keys == "r / R" && $0.action.contains("failed") })
    }

    @Test func theMergeCanBeCancelledAndTheMessageGoesWhenItEnds() {
        var state = ReducerKeyTests.finished()
        state.update(.key(.character("s")))
        #expect(state.answer.isMerging)
        #expect(Renderer.render(state).plainText.contains("c cancels the merge"))
        state.selection = state.panes.count
        #expect(state.update(.key(.character("c"))) == [.cancelMerge])
        #expect(state.message?.text == "cancelling the merge…")
        // From a pane with nothing running, c cancels the merge too.
        state.selection = 0
        #expect(state.update(.key(.character("c"))) == [.cancelMerge])
        let merging = state.strategy
        var fallback = Fixtures.aggregation(merging, output: "a\n\nb", inputs: [0, 1, 2], fallback: true,
            error: "\(merging.rawValue) cancelled by the user; showing the answers concatenated (s merges again)")
        fallback.cancelled = true
        fallback.warnings = ["fallback: " + fallback.error!]
        state.update(.run(.aggregationFinished(record: fallback)))
        #expect(state.message == nil)
        #expect(!state.answer.isMerging)
        #expect(Renderer.render(state).plainText.contains("cancelled by the user"))
    }

    @Test func theAggregatorsModelIsOnTheAnswersTitle() {
        let state = ReducerKeyTests.finished()
        #expect(Renderer.render(state).plainText.contains("synthesize · by smollm2"))
    }

    @Test func aFinishedPaneIsReadFromItsStart() {
        var state = Fixtures.state(workers: 1, width: 40, height: 12)
        Fixtures.stream(&state, worker: 0, text: String(repeating: "word ", count: 200), finish: nil)
        #expect(state.panes[0].scrollTop == nil, "while it streams the pane follows the end")
        state.update(.run(.workerFinished(worker: 0, record: Fixtures.attempt(.succeeded, text: String(repeating: "word ", count: 200)))))
        #expect(state.panes[0].scrollTop == 0)
    }
}
