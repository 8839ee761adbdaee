import Chorus
import Testing
@testable import ChorusTUI

/// Issue 14 follow-up, the whole kind "a new merge supersedes a running one" (`p`, `s`, a retried
/// worker finishing): the screen shows "merging…" for the new merge at once, with `c` to cancel
/// it, counts the accepted partial among its inputs, and never shows the superseded merge or an
/// older record as the final answer.
@Suite struct MergeSupersedeTests {
    /// Workers 1 and 2 answered; worker 3 stalled after streaming (partial); an auto merge runs.
    static func mergingWithPartial() -> UIState {
        var state = Fixtures.state(workers: 3)
        Fixtures.stream(&state, worker: 0, text: "Paris")
        Fixtures.stream(&state, worker: 1, text: "Paris.")
        Fixtures.stream(&state, worker: 2, text: "The capital is Par", finish: .timedOut, error: "stalled: no text for 2s")
        state.update(.run(.aggregationStarted(strategy: .auto)))
        state.selection = 2
        return state
    }

    func lines(_ state: UIState) -> [Substring] { Renderer.render(state).plainText.split(separator: "\n") }

    @Test func pDuringAMergeShowsTheNewMergeRunningAndNeverTheSupersededFallback() {
        var state = Self.mergingWithPartial()
        #expect(state.answer.phase == .merging(.auto, inputs: 2))
        #expect(state.update(.key(.character("p"))) == [.acceptPartial(worker: 2)])
        // The new merge takes the partial in: 3 of 3, at once.
        #expect(state.answer.phase == .merging(.auto, inputs: 3))
        #expect(Renderer.render(state).plainText.contains("merging 3 of 3 answers…"))
        // The superseded merge's cancelled fallback, had it been reported, is not the answer.
        var superseded = Fixtures.aggregation(.auto, output: "Paris\n\nParis.", inputs: [0, 1], fallback: true, error: "auto failed (cancelled)")
        superseded.superseded = true
        state.update(.run(.aggregationFinished(record: superseded)))
        #expect(state.answer.isMerging)
        // `start` returns (its merge was superseded): the record holds only the superseded one.
        var record = Fixtures.record(workers: 3)
        record.status = .succeeded
        record.aggregations = [superseded]
        state.update(.controllerReturned(record, after: nil))
        #expect(state.answer.isMerging)
        // After the message times out, the screen still says a merge runs and offers to cancel it.
        state.update(.tick(now: state.now + UIState.messageDuration + 1))
        #expect(state.message == nil)
        let text = Renderer.render(state).plainText
        #expect(text.contains("merging 3 of 3 answers…"))
        #expect(text.contains("c cancel"))
        #expect(!text.contains("fallback"))
        // The new merge's own events end it.
        state.update(.run(.aggregationStarted(strategy: .auto)))
        var merged = Fixtures.aggregation(.auto, output: "Paris", inputs: [0, 1, 2])
        merged.partialInputs = [2]
        state.update(.run(.aggregationFinished(record: merged)))
        #expect(state.answer.phase == .done(merged))
        #expect(Renderer.render(state).plainText.contains("3 of 3 merged · 1 partial"))
    }

    @Test func pWithNoMergeRunningCountsThePartialInTheMergingTitle() {
        var state = Self.mergingWithPartial()
        state.update(.run(.aggregationFinished(record: Fixtures.aggregation(.auto, output: "Paris", inputs: [0, 1]))))
        _ = state.update(.key(.character("p")))
        state.update(.run(.aggregationStarted(strategy: .auto)))
        #expect(state.answer.phase == .merging(.auto, inputs: 3), "not 2 of 3: the accepted partial goes in")
    }

    @Test func sThenARetryFinishingNeverShowsTheOlderAnswerAsTheNewOne() {
        var state = Self.mergingWithPartial()
        let first = Fixtures.aggregation(.synthesize, output: "first answer", inputs: [0, 1])
        var record = Fixtures.record(workers: 3)
        record.status = .succeeded
        record.aggregations = [first]
        state.update(.run(.aggregationFinished(record: Fixtures.aggregation(.auto, output: "first answer", inputs: [0, 1]))))
        state.update(.run(.runUpdated(record: record)))
        state.strategy = .synthesize
        // `s`: a concatenate merge starts; then a retried worker ends and its merge supersedes it.
        #expect(state.update(.key(.character("s"))) == [.reaggregate(.concatenate)])
        state.update(.run(.aggregationStarted(strategy: .synthesize)))
        // The `s` call returns with its merge superseded: the newest answer is still the old one.
        var judge = Fixtures.aggregation(.concatenate, output: "", inputs: [0, 1])
        judge.superseded = true
        judge.output = nil
        record.aggregations = [first, judge]
        state.update(.controllerReturned(record, after: .reaggregate(.concatenate)))
        #expect(state.answer.isMerging, "the old synthesize answer is not the new merge's")
        #expect(!Renderer.render(state).plainText.contains("first answer"))
        let second = Fixtures.aggregation(.synthesize, output: "second answer", inputs: [0, 1, 2])
        state.update(.run(.aggregationFinished(record: second)))
        #expect(state.answer.phase == .done(second))
    }

    @Test func aCancelledMergeIsTitledMergeCancelledNotFailed() {
        var state = Self.mergingWithPartial()
        var cancelled = Fixtures.aggregation(.auto, output: "Paris\n\nParis.", inputs: [0, 1], fallback: true,
                                             error: "auto cancelled by the user; showing the answers concatenated (s merges again)")
        cancelled.cancelled = true
        cancelled.warnings = ["fallback: " + cancelled.error!]
        state.update(.run(.aggregationFinished(record: cancelled)))
        let text = Renderer.render(state).plainText
        #expect(text.contains("auto merge cancelled: answers concatenated"))
        #expect(!text.contains("auto failed"))
    }
}
