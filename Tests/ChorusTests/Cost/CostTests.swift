import Chorus
import ChorusTestSupport
import Foundation
import Testing

/// The cost arithmetic (cached tokens, reasoning tokens, approximate usage), how costs add up,
/// how they are written in the record, and that older records still decode.
@Suite struct CostTests {
    static let price = ModelPrice(input: 2.5, output: 10, cachedInput: 1.25, source: "test", checked: "2026-01-02")

    @Test func cachedTokensCostTheCachedPrice() throws {
        // 1000 prompt tokens of which 400 cached, 500 completion of which 200 reasoning:
        // 600 x 2.5 + 400 x 1.25 + 500 x 10 = 1500 + 500 + 5000 = 7000 per 10^6 = $0.007.
        let usage = TokenUsage(promptTokens: 1000, completionTokens: 500, reasoningTokens: 200, cachedPromptTokens: 400)
        let cost = try #require(Self.price.cost(of: usage))
        #expect(cost.usd == 0.007)
        #expect(!cost.approximate)
        // Without a cached price, cached tokens cost the full input price: 1000 x 2.5 + 5000.
        var noCache = Self.price
        noCache.cachedInput = nil
        #expect(noCache.cost(of: usage)?.usd == 0.0075)
        // More cached than prompt (a server's odd report) never makes a negative part.
        let odd = TokenUsage(promptTokens: 100, completionTokens: 0, cachedPromptTokens: 500)
        #expect(Self.price.cost(of: odd)?.usd == 0.000125)
    }

    @Test func approximateWhenCountedFromChunksOrPartlyMissing() {
        #expect(Self.price.cost(of: TokenUsage(promptTokens: 10, completionTokens: 40, approximate: true))?.approximate == true)
        let onlyCompletion = Self.price.cost(of: TokenUsage(completionTokens: 100))
        #expect(onlyCompletion?.usd == 0.001)
        #expect(onlyCompletion?.approximate == true)
        #expect(Self.price.cost(of: nil) == nil)
        #expect(Self.price.cost(of: TokenUsage()) == nil)
    }

    @Test func dollarsForPeople() {
        #expect(Cost.dollars(0) == "$0")
        #expect(Cost.dollars(0.00042) == "$0.00042")
        #expect(Cost.dollars(0.0021) == "$0.0021")
        #expect(Cost.dollars(0.054) == "$0.054")
        #expect(Cost.dollars(1.234) == "$1.23")
        #expect(Cost.dollars(1234.4) == "$1,234")
        #expect(Cost(usd: 0.0021, approximate: true).text == "~$0.0021")
        #expect(Cost(usd: 0.1 + 0.2).usd == 0.3)
    }

    @Test func totalsSayWhatIsUnknown() {
        var total = CostTotal()
        #expect(total.text == nil)
        let usage = TokenUsage(promptTokens: 10, completionTokens: 10)
        total.add(nil, pricing: .unknown(reason: "no price"), usage: usage)
        #expect(total.text == "cost unknown")
        total.add(Cost(usd: 0.01), pricing: .known(Self.price), usage: usage)
        #expect(total.text == "$0.010 + 1 call cost unknown")
        // A call with no usage, or on an unpriced plan, adds nothing either way.
        total.add(nil, pricing: .unknown(reason: "no price"), usage: nil)
        total.add(nil, pricing: nil, usage: usage)
        #expect(total.unknownCalls == 1 && total.knownCalls == 1)
    }

    /// A run whose workers and aggregator report usage, at known prices.
    func pricedRun() async -> RunRecord {
        let clock = ManualClock()
        var plan = testPlan(workers: 2, strategy: .synthesize)
        for i in plan.workers.indices { plan.workers[i].model.pricing = .known(Self.price) }
        plan.aggregator.model.pricing = .known(ModelPrice(input: 1, output: 2, source: "agg price"))
        let models = TestModels(
            clock: clock,
            workers: [
                [.text("Paris"), .usage(TokenUsage(promptTokens: 1000, completionTokens: 100, cachedPromptTokens: 1000))],
                [.text("Paris"), .usage(TokenUsage(promptTokens: 2000, completionTokens: 200))],
            ],
            aggregator: [.text("Paris"), .usage(TokenUsage(promptTokens: 500, completionTokens: 50))])
        let controller = RunController(plan: plan, models: models.factory, clock: clock)
        return await controller.start()
    }

    @Test func theRecordCarriesCostPerAttemptAggregationAndTotal() async throws {
        let record = await pricedRun()
        // worker 1: 1000 cached x 1.25 + 100 x 10 = 2250 -> $0.00225
        // worker 2: 2000 x 2.5 + 200 x 10 = 7000 -> $0.007
        // aggregator: 500 x 1 + 50 x 2 = 600 -> $0.0006
        #expect(record.workers[0].latest?.cost?.usd == 0.00225)
        #expect(record.workers[1].latest?.cost?.usd == 0.007)
        #expect(record.latestAggregation?.cost?.usd == 0.0006)
        #expect(record.totalCost.usd == 0.00985)

        let json = try #require(try JSONSerialization.jsonObject(with: record.jsonData()) as? [String: Any])
        #expect(json["cost_usd"] as? Double == 0.00985)
        #expect(json["cost_approximate"] as? Bool == false)
        #expect(json["cost_unknown_calls"] as? Int == 0)
        #expect((json["price_sources"] as? [String])?.contains("test, checked 2026-01-02") == true)
        let workers = try #require(json["workers"] as? [[String: Any]])
        #expect(workers[0]["cost_usd"] as? Double == 0.00225)
        #expect((workers[0]["price"] as? [String: Any])?["input_usd_per_mtok"] as? Double == 2.5)
        let attempts = try #require(workers[1]["attempts"] as? [[String: Any]])
        #expect(attempts[0]["cost_usd"] as? Double == 0.007)
        let aggregations = try #require(json["aggregations"] as? [[String: Any]])
        #expect(aggregations[0]["cost_usd"] as? Double == 0.0006)
        #expect((aggregations[0]["price"] as? [String: Any])?["source"] as? String == "agg price")

        // Saved and read back: the same costs and prices.
        let decoded = try RunRecord.makeDecoder().decode(RunRecord.self, from: record.jsonData())
        #expect(decoded.totalCost == record.totalCost)
        #expect(decoded.workers[0].spec.model.pricing == .known(Self.price))
        #expect(decoded.latestAggregation?.pricing == record.latestAggregation?.pricing)
    }

    @Test func anUnknownPriceIsRecordedAsUnknown() async throws {
        let clock = ManualClock()
        var plan = testPlan(workers: 1)
        plan.workers[0].model.pricing = .unknown(reason: "no price for test model w0")
        let models = TestModels(clock: clock, workers: [[.text("hi"), .usage(TokenUsage(promptTokens: 5, completionTokens: 1))]])
        let record = await RunController(plan: plan, models: models.factory, clock: clock).start()
        #expect(record.workers[0].latest?.cost == nil)
        #expect(record.totalCost.text == "cost unknown")
        let json = try #require(try JSONSerialization.jsonObject(with: record.jsonData()) as? [String: Any])
        #expect(json["cost_unknown_calls"] as? Int == 1)
        #expect(json.keys.contains("cost_usd") && json["cost_usd"] is NSNull)
        let worker = try #require((json["workers"] as? [[String: Any]])?.first)
        #expect((worker["price"] as? [String: Any])?["unknown"] as? String == "no price for test model w0")
    }

    @Test func anOlderRecordWithoutCostsDecodes() async throws {
        // A record saved before prices existed: no price, no cost_usd anywhere.
        let clock = ManualClock()
        let models = TestModels(clock: clock, workers: [[.text("hi"), .usage(TokenUsage(promptTokens: 5, completionTokens: 1))]])
        let record = await RunController(plan: testPlan(workers: 1), models: models.factory, clock: clock).start()
        let text = String(decoding: try record.jsonData(), as: UTF8.self)
        #expect(!text.contains("cost_usd") && !text.contains("\"price\""))
        let decoded = try RunRecord.makeDecoder().decode(RunRecord.self, from: Data(text.utf8))
        #expect(decoded.totalCost.isEmpty)
        #expect(decoded.workers[0].latest?.usage?.promptTokens == 5)
    }
}
