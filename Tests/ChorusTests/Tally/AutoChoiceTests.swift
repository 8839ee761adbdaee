import Chorus
import ChorusTestSupport
import Testing

/// Issue 15: `auto` decides on the groups of the record's tally, one test per tally shape. When
/// a group clearly wins it outputs the group's most typical member (no model call) and says
/// which group and why; otherwise, and for essays, it synthesizes and says why.
@Suite("auto's choice for each tally shape")
struct AutoChoiceTests {
    static let multiply = "What is 17 * 23?"

    func run(_ texts: [String], task: String = multiply, strategy: StrategyName = .auto, aggregator: String = "merged")
        async -> (RunRecord, TestModels)
    {
        let clock = ManualClock()
        let models = TestModels(clock: clock, workers: texts.map { [.text($0)] }, aggregator: [.text(aggregator)])
        let plan = testPlan(workers: texts.count, strategy: strategy, task: task)
        return (await makeController(plan, models, clock).start(), models)
    }

    @Test("a clear exact majority: the group's most typical answer, no model call")
    func majority() async throws {
        let (record, models) = await run(["17 * 23 = 389", "389", "380", "The answer is 389.", "17 * 23 = 406"])
        let agg = try #require(record.latestAggregation)
        #expect(agg.path == .vote)
        #expect(agg.chosenWorker == 1)
        #expect(record.output == "389")
        #expect(agg.reason == "3 of 5 answers agree (389), a majority: took worker 2's answer, the group's most typical")
        #expect(models["agg"].calls == 0)
    }

    @Test("a plurality without a tie (2-1-1-1): the plurality's answer")
    func plurality() async throws {
        let (record, models) = await run(["380", "17 * 23 = 389", "406", "389.", "396"])
        let agg = try #require(record.latestAggregation)
        #expect(agg.path == .vote)
        #expect(agg.chosenWorker == 1)
        #expect(agg.reason == "2 of 5 answers agree (389), the largest group, no tie: took worker 2's answer")
        #expect(models["agg"].calls == 0)
    }

    @Test("a tie: synthesized, shown the tally")
    func tie() async throws {
        let (record, models) = await run(["389", "380", "17 * 23 = 389", "380."], aggregator: "389")
        let agg = try #require(record.latestAggregation)
        #expect(agg.path == .synthesize)
        #expect(agg.reason == "a tie (2 answers with 2 each): synthesized with the tally shown")
        #expect(agg.chosenWorker == nil)
        #expect(models["agg"].calls == 1)
    }

    @Test("all different: synthesized")
    func allDifferent() async throws {
        let (record, _) = await run(["389", "380", "406"], aggregator: "391")
        let agg = try #require(record.latestAggregation)
        #expect(agg.path == .synthesize)
        #expect(agg.reason == "no two answers agree: synthesized with the tally shown")
    }

    @Test("an overlap group of long answers that clearly wins: its most typical member")
    func overlapGroup() async throws {
        let p = TallyGroupingTests.paragraphs
        let (record, models) = await run(p, task: "How do we keep latency low?")
        let agg = try #require(record.latestAggregation)
        #expect(agg.tally.method == .overlap)
        #expect(agg.tally.groups.map(\.workers) == [[0, 1], [2]])
        #expect(agg.path == .vote)
        #expect(agg.chosenWorker == 0)
        #expect(record.output == p[0])
        #expect(agg.reason?.hasPrefix("2 of 3 answers agree (Caching the results at the edge") == true)
        #expect(agg.reason?.hasSuffix("), a majority: took worker 1's answer") == true)
        #expect(models["agg"].calls == 0)
    }

    @Test("essays: merging is the point, synthesized even when a group stands out")
    func essays() async throws {
        let sentence = "Keep one deployable service until the team grows, because microservices multiply deployment and monitoring costs."
        let essay = Array(repeating: sentence, count: 8).joined(separator: " ")
        let other = Array(repeating: "Split early into microservices so every feature ships independently and scales on demand.", count: 9)
            .joined(separator: " ")
        let (record, models) = await run([essay, essay + " Really.", other], task: "Should a small team use microservices?")
        let agg = try #require(record.latestAggregation)
        #expect(agg.path == .synthesize)
        #expect(agg.reason == "the answers are essays, where merging is the point (2 of 3 agree): synthesized with the agreement shown")
        #expect(models["agg"].calls == 1)
    }

    @Test("an answer naming two candidates is a vote for neither")
    func twoCandidates() async throws {
        // The hedged pair is the largest group, but it cannot win.
        let (hedged, models) = await run(["12 or 13", "either 12 or 13", "13", "12"], task: "What is 5 + 8?", aggregator: "13")
        let agg = try #require(hedged.latestAggregation)
        #expect(agg.path == .synthesize)
        #expect(agg.reason == "the largest group (12 or 13) names two answers, a vote for neither: synthesized with the tally shown")
        #expect(models["agg"].calls == 1)
        // Beside a clear group it is its own group and the group still wins.
        let (clear, _) = await run(["13", "12 or 13", "It is 13."], task: "What is 5 + 8?")
        let won = try #require(clear.latestAggregation)
        #expect(won.path == .vote)
        #expect(won.tally.groups.map(\.workers) == [[0, 2], [1]])
        #expect(won.tally.groups[1].hedged)
    }

    @Test("vote outputs the group's most typical answer too, and names a hedged group as such")
    func voteRepresentative() async throws {
        let (record, _) = await run(["17 * 23 = 389", "389", "The answer is 389.", "380"], strategy: .vote)
        #expect(record.latestAggregation?.chosenWorker == 1)
        #expect(record.output == "389")
        let (tie, _) = await run(["12 or 13", "13", "either 12 or 13", "13."], task: "What is 5 + 8?", strategy: .vote)
        #expect(tie.latestAggregation?.reason == "tie: 12 or 13 [names two answers: a vote for neither] (workers 1, 3) vs 13 (workers 2, 4)")
    }
}
