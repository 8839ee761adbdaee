import ChorusTestSupport
import Foundation
import Testing

@testable import Chorus

/// A model that answers with exactly these chunks (text, reasoning, a stop word), at once.
struct ChunksModel: ChatModel {
    var chunks: [ChatChunk]
    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatChunk, any Error> {
        AsyncThrowingStream { continuation in
            for chunk in chunks { continuation.yield(chunk) }
            continuation.finish()
        }
    }
}

/// The merged answer says when one of its inputs was not whole; reasoning never reaches a
/// strategy.
@Suite struct CutAnswerWarningTests {
    func run(_ workers: [[ChatChunk]], strategy: StrategyName = .concatenate) async -> RunRecord {
        let plan = testPlan(workers: workers.count, strategy: strategy, task: "What is 17*23?")
        let controller = RunController(
            plan: plan,
            models: { choice in
                guard let i = Int(choice.model.dropFirst()), choice.model.hasPrefix("w") else {
                    return ChunksModel(chunks: [.text("merged")])
                }
                return ChunksModel(chunks: workers[i])
            },
            clock: ManualClock(), now: { fixedDate })
        return await controller.start()
    }

    @Test func aCutInputIsNamedInTheMergedAnswersWarnings() async {
        let record = await run([
            [.text("391"), .stop(reason: "stop")],
            [.text("It is 340 + 5"), .stop(reason: "length")],
            [.text("391"), .stop(reason: "end_turn")],
        ])
        #expect(record.workers.map(\.status) == [.succeeded, .succeeded, .succeeded])
        #expect(record.workers[1].latest?.stopMark == "cut at max tokens")
        #expect(record.warnings == ["worker 2's answer was cut at max tokens (stop reason length); the merge used it as it was"])
    }

    @Test func everyKindOfUnwholeInputHasItsWords() async {
        let record = await run([
            [.text("a"), .stop(reason: "max_tokens")],
            [.text("b"), .stop(reason: "tool_calls")],
            [.text("c"), .stop(reason: "pause_turn")],
            [.text("d")],  // no stop reason at all: nothing to warn about
        ])
        #expect(record.warnings == [
            "worker 1's answer was cut at max tokens (stop reason max_tokens); the merge used it as it was",
            "worker 2's answer stopped to call a tool (stop reason tool_calls); the merge used it as it was",
            "worker 3's answer stopped before its end (stop reason pause_turn); the merge used it as it was",
        ])
    }

    /// A filtered answer fails: it is left out (and said so), never merged as a cut one.
    @Test func aFilteredAnswerIsLeftOutNotMerged() async {
        let record = await run([
            [.text("391"), .stop(reason: "stop")],
            [.text("The first half"), .stop(reason: "content_filter")],
            [.text("391"), .stop(reason: "stop")],
        ])
        #expect(record.workers[1].status == .failed)
        #expect(record.workers[1].text == "The first half")
        #expect(record.latestAggregation?.inputs == [0, 2])
        #expect(record.warnings.count == 1)
        #expect(record.warnings.first?.hasPrefix("1 of 3 workers left out (worker 2 failed)") == true)
        #expect(record.output?.contains("The first half") == false)
    }

    /// The vote counts answers, never the reasoning: a tentative guess in every worker's
    /// thinking does not win.
    @Test func theVoteNeverSeesReasoning() async {
        let worker: [ChatChunk] = [.reasoning("maybe 381? "), .reasoning("no: 340 + 51 = 391"), .text("**391**"), .stop(reason: "stop")]
        let record = await run([worker, worker, worker], strategy: .vote)
        #expect(record.output?.contains("391") == true)
        #expect(record.output?.contains("381") == false)
        #expect(record.workers.allSatisfy { $0.latest?.reasoning == "maybe 381? no: 340 + 51 = 391" })
        #expect(record.answers.map(\.text) == ["**391**", "**391**", "**391**"])
    }
}
