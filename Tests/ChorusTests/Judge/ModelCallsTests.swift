import Chorus
import ChorusTestSupport
import Foundation
import Testing

/// `AggregationRecord.modelCalls`: the requests a merge sent (issue 15: the eval and `--escalate`
/// report a run's cost in calls, and a judge now makes two).
@Suite("A merge's model calls are counted")
struct ModelCallsTests {
    static func run(_ strategy: StrategyName, aggregator: [ScriptedModel.Step]) async -> RunRecord {
        let clock = ManualClock()
        let models = TestModels(clock: clock, workers: [[.text("Paris")], [.text("Lyon")], [.text("Rome")]], aggregator: aggregator)
        return await makeController(testPlan(workers: 3, strategy: strategy), models, clock).start()
    }

    @Test func eachStrategyCountsTheRequestsItSent() async throws {
        let vote = await Self.run(.vote, aggregator: [.text("unused")])
        #expect(vote.latestAggregation?.modelCalls == 0)
        let synthesize = await Self.run(.synthesize, aggregator: [.text("Paris")])
        #expect(synthesize.latestAggregation?.modelCalls == 1)
        let judge = await Self.run(.judge, aggregator: [.text(#"{"best": 1}"#)])
        #expect(judge.latestAggregation?.modelCalls == 2, "two passes")
        let failing = await Self.run(.synthesize, aggregator: [.fail(.init("HTTP 503"))])
        #expect(failing.latestAggregation?.fallbackUsed == true)
        #expect(failing.latestAggregation?.modelCalls == 1, "a request that failed was still sent")
    }

    @Test func theCountIsInTheJSONOnlyWhenAModelWasCalled() async throws {
        let judge = await Self.run(.judge, aggregator: [.text(#"{"best": 2}"#)])
        let data = try judge.jsonData(pretty: false)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let last = try #require((object["aggregations"] as? [[String: Any]])?.last)
        #expect(last["model_calls"] as? Int == 2)
        let decoded = try RunRecord.makeDecoder().decode(RunRecord.self, from: data)
        #expect(decoded.latestAggregation?.modelCalls == 2)
        let vote = await Self.run(.vote, aggregator: [])
        let voteObject = try #require(try JSONSerialization.jsonObject(with: vote.jsonData(pretty: false)) as? [String: Any])
        #expect((voteObject["aggregations"] as? [[String: Any]])?.last?["model_calls"] == nil)
    }
}
