import Chorus
import Foundation
import Testing
@testable import ChorusTUI

/// Costs on screen: each pane's status line and the answer area's total (aggregator included),
/// drawn from the run's record, and "cost unknown" for a model with no price.
@Suite struct CostSnapshotTests {
    static let price = ModelPrice(input: 2.5, output: 10, cachedInput: 1.25, source: "test", checked: "2026-01-02")

    /// Three workers done (the third on a model with no price), merged by a priced aggregator.
    static func pricedRecord() -> RunRecord {
        var plan = Fixtures.plan(workers: 3)
        for i in plan.workers.indices { plan.workers[i].model.pricing = .known(price) }
        plan.workers[2].model.pricing = .unknown(reason: "no price for openai model smollm2")
        plan.aggregator.model.pricing = .known(price)
        var record = RunRecord(plan: plan, startedAt: Fixtures.startedAt)
        for w in 0..<3 {
            // Worker 1: 1000 in (400 cached), 96 out: 600 x 2.5 + 400 x 1.25 + 960 = 2960 -> $0.0030.
            let usage = TokenUsage(promptTokens: 1000 * (w + 1), completionTokens: 96, cachedPromptTokens: w == 0 ? 400 : nil)
            var attempt = Fixtures.attempt(.succeeded, text: Fixtures.answers[w], tokens: 96)
            attempt.usage = usage
            attempt.cost = plan.workers[w].model.pricing?.cost(of: usage)
            record.workers[w].attempts = [attempt]
        }
        var aggregation = Fixtures.aggregation(output: "Keep one service until the team and the traffic force a split.", inputs: [0, 1, 2])
        aggregation.usage = TokenUsage(promptTokens: 900, completionTokens: 60)
        aggregation.pricing = .known(price)
        aggregation.cost = price.cost(of: aggregation.usage)
        record.aggregations = [aggregation]
        record.status = .succeeded
        return record
    }

    @Test func theRecordsCostsAreTheOnesShown() throws {
        let record = Self.pricedRecord()
        #expect(record.workers[0].latest?.cost?.usd == 0.00296)
        #expect(record.totalCost.unknownCalls == 1)
        let state = UIState(record: record, width: 120, height: 24, reopened: true)
        #expect(state.runCost == record.totalCost)
        let text = Renderer.render(state).plainText
        #expect(text.contains("$0.0030"), "pane 1's cost")
        #expect(text.contains("cost unknown"), "pane 3's model has no price")
        // 2960 + 5960 (worker 2: 2000 x 2.5 + 960) + 2850 (aggregator: 900 x 2.5 + 600) = 11770.
        #expect(text.contains("total $0.012 + 1 call cost unknown"))
    }

    @Test(arguments: [(80, 24), (120, 30)])
    func paneAndAnswerWithCost(width: Int, height: Int) {
        let state = UIState(record: Self.pricedRecord(), width: width, height: height, reopened: true)
        Snapshot.check(Renderer.render(state), named: "cost-\(width)x\(height)")
    }

    @Test func aLivePaneShowsTheCostOnceUsageArrives() {
        var plan = Fixtures.plan(workers: 1)
        plan.workers[0].model.pricing = .known(Self.price)
        var state = UIState(record: RunRecord(plan: plan, startedAt: Fixtures.startedAt), width: 80, height: 24)
        state.update(.tick(now: 1000))
        state.update(.run(.workerStarted(worker: 0, attempt: 1)))
        state.update(.run(.workerChunk(worker: 0, attempt: 1, text: "Keep one service.")))
        #expect(!Renderer.status(state.panes[0], now: 1500, width: 70).map(\.text).joined().contains("$"))
        state.update(.run(.workerUsage(worker: 0, attempt: 1, usage: TokenUsage(promptTokens: 1000, completionTokens: 100))))
        // 1000 x 2.5 + 100 x 10 = 3500 -> $0.0035.
        let status = Renderer.status(state.panes[0], now: 1500, width: 70).map(\.text).joined()
        #expect(status.contains("$0.0035"), "\(status)")
        // Short of room, the rate and the time to first token go before the cost.
        let narrow = Renderer.status(state.panes[0], now: 1500, width: 40).map(\.text).joined()
        #expect(narrow.contains("$0.0035") && narrow.contains("tok") && !narrow.contains("first"), "\(narrow)")
    }
}
