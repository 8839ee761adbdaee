import Chorus
import ChorusTestSupport
import Foundation
import Testing

/// The dry run's estimate against prompts whose sizes are known by hand.
@Suite struct RunEstimateTests {
    static let price = ModelPrice(input: 1, output: 2, source: "test")

    func priced(_ plan: Plan) -> Plan {
        var plan = plan
        for i in plan.workers.indices { plan.workers[i].model.pricing = .known(Self.price) }
        plan.aggregator.model.pricing = .known(Self.price)
        return plan
    }

    @Test func tokensAreBytesOverFourRoundedUp() {
        #expect(RunEstimate.tokens(in: "") == 0)
        #expect(RunEstimate.tokens(in: "What is 2+2?") == 3)  // 12 bytes
        #expect(RunEstimate.tokens(in: "abcde") == 2)  // 5 bytes
        #expect(RunEstimate.tokens(in: "漢字") == 2)  // 6 bytes of UTF-8
        #expect(RunEstimate.tokens(in: [.user("What is 2+2?")]) == 7)  // + 4 for the message
    }

    @Test func workersOnlyWithAVote() throws {
        // vote calls no model: three workers, "What is 2+2?" (3 + 4 tokens in), 100 out at most.
        var plan = priced(testPlan(workers: 3, strategy: .vote, task: "What is 2+2?"))
        for i in plan.workers.indices { plan.workers[i].maxTokens = 100 }
        let estimate = RunEstimate(plan: plan)
        #expect(estimate.calls.count == 3)
        #expect(estimate.inputTokens == 21)
        #expect(estimate.typicalOutputTokens == 300)  // min(100, 400) each
        #expect(estimate.maxOutputTokens == 300)
        // Each call: 7 x $1 + 100 x $2 per 10^6 = $0.000207; three of them.
        #expect(estimate.worstCost.usd == 0.000621)
        #expect(estimate.typicalCost.usd == 0.000621)
        #expect(estimate.calls.allSatisfy { !$0.maxTokensAssumed })
    }

    @Test func focusMessagesAndTheAssumedMaxTokens() {
        var plan = priced(testPlan(workers: 1, strategy: .concatenate, task: "What is 2+2?"))
        plan.workers[0].focus = "cost"
        let estimate = RunEstimate(plan: plan)
        // "Answer the user's task. Focus on: cost." is 39 bytes: 10 + 4, then the task's 3 + 4.
        #expect(estimate.inputTokens == 21)
        #expect(estimate.calls[0].maxTokensAssumed)
        #expect(estimate.calls[0].maxOutputTokens == RunEstimate.assumedMaxTokens)
        #expect(estimate.calls[0].typicalOutputTokens == RunEstimate.typicalOutputTokens)
        // Typical 21 x 1 + 400 x 2 = 821; worst 21 + 4096 x 2 = 8213 (per 10^6).
        #expect(estimate.typicalCost.usd == 0.000821)
        #expect(estimate.worstCost.usd == 0.008213)
    }

    @Test func theAggregatorReadsEveryAnswer() throws {
        var plan = priced(testPlan(workers: 2, strategy: .synthesize, task: "What is 2+2?"))
        for i in plan.workers.indices { plan.workers[i].maxTokens = 100 }
        plan.aggregator.maxTokens = 50
        let estimate = RunEstimate(plan: plan)
        let aggregator = try #require(estimate.calls.last)
        #expect(aggregator.role == "aggregator (synthesize)")
        let prompt = try PromptLibrary.load("synthesize-v2")
        let framing = RunEstimate.tokens(in: prompt.system) + RunEstimate.tokens(in: prompt.instruction) + 3 + 8 + 16
        #expect(aggregator.inputTokens == framing + 200)  // two answers of min(100, 400)
        #expect(aggregator.worstInputTokens == framing + 200)
        #expect(aggregator.maxOutputTokens == 50)
        #expect(aggregator.typicalOutputTokens == 50)
    }

    /// The judge makes two calls (a shuffled order, then its reverse), each reading every
    /// answer: both are counted, so the worst case and `--budget` see them.
    @Test func theJudgeCountsBothPasses() throws {
        var plan = priced(testPlan(workers: 2, strategy: .judge, task: "What is 2+2?"))
        for i in plan.workers.indices { plan.workers[i].maxTokens = 100 }
        plan.aggregator.maxTokens = 50
        let estimate = RunEstimate(plan: plan)
        #expect(estimate.calls.map(\.role) == ["worker 1", "worker 2", "aggregator (judge, pass 1 of 2)", "aggregator (judge, pass 2 of 2)"])
        let prompt = try PromptLibrary.load(Judge.promptVersion)
        let framing = RunEstimate.tokens(in: prompt.system) + RunEstimate.tokens(in: prompt.instruction) + 3 + 8 + 16
        #expect(estimate.calls[2].worstInputTokens == framing + 200)
        #expect(estimate.calls[3] == estimate.calls[2].renamed(estimate.calls[3].role))
        // Workers: 7 x $1 + 100 x $2 each; each pass: (framing + 200) x $1 + 50 x $2 (per 10^6).
        let expected = Double(2 * (7 + 200) + 2 * (framing + 200 + 100)) / 1_000_000
        #expect(abs(estimate.worstCost.usd - expected) < 1e-12)
    }

    @Test func unpricedCallsAreUnknownNotZero() {
        var plan = testPlan(workers: 2, strategy: .vote)
        plan.workers[0].model.pricing = .known(Self.price)
        plan.workers[1].model.pricing = .unknown(reason: "no price")
        let estimate = RunEstimate(plan: plan)
        #expect(estimate.worstCost.unknownCalls == 1)
        #expect(estimate.worstCost.knownCalls == 1)
        #expect(estimate.unpriced.map(\.role) == ["worker 2"])
    }
}

extension RunEstimate.Call {
    func renamed(_ role: String) -> Self {
        var copy = self
        copy.role = role
        return copy
    }
}
