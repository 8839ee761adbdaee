import Chorus
import ChorusTestSupport
import Foundation
import Synchronization
import Testing

/// `--budget` in the batch runner: no item starts once spend + in-flight worst case + its own
/// worst case would pass the budget; the ones in flight finish and are written, as after a first
/// Ctrl-C; what is left runs on resume.
@Suite struct BudgetRunnerTests {
    final class Sink: Sendable {
        let results = Mutex<[BatchResult]>([])
        var all: [BatchResult] { results.withLock { $0 } }
        func write(_ r: BatchResult) { results.withLock { $0.append(r) } }
    }

    /// One worker, concatenate (no aggregator call), 10 max tokens, $1 / $2 per 1M tokens. The
    /// prompt "Q: question N" (13 bytes for N < 10) estimates 4 + 4 = 8 tokens in, so an item's
    /// worst case is 8 x 1 + 10 x 2 = 28 per 10^6. The model reports 6 in and 5 out: 16 per 10^6.
    func plan() -> Plan {
        var plan = testPlan(workers: 1, strategy: .concatenate)
        plan.workers[0].maxTokens = 10
        plan.workers[0].model.pricing = .known(ModelPrice(input: 1, output: 2, source: "test"))
        return plan
    }

    func items(_ range: ClosedRange<Int>) -> [BatchItem] {
        range.map { BatchItem(id: "i\($0)", idSource: .field, fields: ["text": "question \($0)"], location: "line \($0)", line: $0) }
    }

    func models() -> ModelFactory {
        let model = ScriptedModel(clock: ContinuousClock()) { request, _ in
            [.text("answer"), .usage(TokenUsage(promptTokens: 6, completionTokens: 5))]
        }
        return { _ in model }
    }

    @Test func stopsBeforePassingTheBudgetAndResumesTheRest() async throws {
        let sink = Sink()
        // Budget 100 per 10^6: items start while spent + 28 <= 100, one at a time:
        // 0+28, 16+28, 32+28, 48+28, 64+28 = 92 start; 80+28 = 108 does not. Five items, $0.00008.
        let budget = 0.0001
        let runner = BatchRunner(
            plan: plan(), template: try PromptTemplate("Q: {text}"), items: items(1...9), concurrency: 1, models: models(),
            budget: budget, sink: { sink.write($0) })
        let progress = await runner.run()
        #expect(progress.finished == 5)
        #expect(progress.remaining == 4)
        #expect(progress.cost.usd == 0.00008)
        #expect(progress.cost.usd <= budget)
        let stop = try #require(progress.budgetStop)
        #expect(stop.spent == 0.00008)
        #expect(stop.nextItemWorst == 0.000028)
        #expect(stop.spent + stop.inFlightWorst + stop.nextItemWorst > budget)
        #expect(sink.all.map(\.id) == ["i1", "i2", "i3", "i4", "i5"])
        #expect(sink.all.allSatisfy { $0.record?.totalCost.usd == 0.000016 })

        // Resume: the items without a line run, none twice.
        let rest = items(1...9).filter { item in !sink.all.contains { $0.id == item.id } }
        let again = BatchRunner(
            plan: plan(), template: try PromptTemplate("Q: {text}"), items: rest, concurrency: 1, models: models(),
            budget: budget, sink: { sink.write($0) })
        let second = await again.run()
        #expect(second.finished == 4)
        #expect(second.budgetStop == nil)
        #expect(sink.all.map(\.id).sorted() == (1...9).map { "i\($0)" })
    }

    @Test func theInFlightWorstCaseCounts() async throws {
        // Four at once: 28 x 4 = 112 > 100, so only three start before anything is spent (84 held).
        let sink = Sink()
        let clock = ManualClock()
        let model = ScriptedModel(clock: clock) { _, _ in
            [.wait(.seconds(1)), .text("answer"), .usage(TokenUsage(promptTokens: 6, completionTokens: 5))]
        }
        let runner = BatchRunner(
            plan: plan(), template: try PromptTemplate("Q: {text}"), items: items(1...9), concurrency: 4, models: { _ in model },
            clock: clock, budget: 0.0001, sink: { sink.write($0) })
        let run = Task { await runner.run() }
        #expect(await clock.drive { await runner.progress.stopping })
        #expect(await runner.progress.inFlight == 3)
        #expect(await clock.drive { await runner.progress.inFlight == 0 })
        let progress = await run.value
        #expect(progress.finished == 3)
        #expect(progress.budgetStop?.inFlightWorst == 0.000084)
    }
}
