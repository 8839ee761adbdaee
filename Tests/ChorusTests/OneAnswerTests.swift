import ChorusTestSupport
import Foundation
import Synchronization
import Testing

@testable import Chorus

/// One successful answer is not merged: whatever the strategy, the answer is that worker's text,
/// no aggregator model is called, and the record says why (issue: a 400-token answer was replaced
/// by the aggregator's one line; a single answer was flagged "≠ majority, 1 of 1").
@Suite struct OneAnswerTests {
    @Test(arguments: StrategyName.allCases)
    func theOnlyAnswerIsTheAnswer(strategy: StrategyName) async {
        let aggregatorCalls = Mutex(0)
        let long = "A long, careful answer.\nWith a second paragraph that a merge would have cut."
        let controller = RunController(
            plan: testPlan(workers: 1, strategy: strategy, task: "Explain."),
            models: { choice in
                if choice.model.hasPrefix("w") { return ChunksModel(chunks: [.text(long), .stop(reason: "stop")]) }
                aggregatorCalls.withLock { $0 += 1 }
                return ChunksModel(chunks: [.text("a one-line merge")])
            },
            clock: ManualClock(), now: { fixedDate })
        let record = await controller.start()
        #expect(record.status == .succeeded)
        #expect(record.output == long)
        #expect(aggregatorCalls.withLock { $0 } == 0)
        let aggregation = record.aggregations.last
        #expect(aggregation?.chosenWorker == 0)
        #expect(aggregation?.reason?.hasPrefix("one answer: nothing to merge") == true)
        #expect(aggregation?.disagreesWithMajority == false)
    }

    @Test func twoAnswersAreStillMerged() async {
        let aggregatorCalls = Mutex(0)
        let controller = RunController(
            plan: testPlan(workers: 2, strategy: .synthesize, task: "Explain."),
            models: { choice in
                if choice.model.hasPrefix("w") { return ChunksModel(chunks: [.text("an answer of some length here")]) }
                aggregatorCalls.withLock { $0 += 1 }
                return ChunksModel(chunks: [.text("merged")])
            },
            clock: ManualClock(), now: { fixedDate })
        let record = await controller.start()
        #expect(record.output == "merged")
        #expect(aggregatorCalls.withLock { $0 } == 1)
    }
}
