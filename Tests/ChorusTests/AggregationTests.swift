import Chorus
import ChorusTestSupport
import Testing

@Suite("Aggregation strategies and fallback")
struct AggregationTests {
    func run(_ answers: [String], strategy: StrategyName, aggregator: [ScriptedModel.Step] = [.text("merged")]) async -> (RunRecord, TestModels) {
        let clock = ManualClock()
        let models = TestModels(clock: clock, workers: answers.map { [.text($0)] }, aggregator: aggregator)
        let record = await makeController(testPlan(workers: answers.count, strategy: strategy), models, clock).start()
        return (record, models)
    }

    @Test("synthesize: one aggregator call with the task, every answer and the tally")
    func synthesize() async {
        let (record, models) = await run(["Paris", "The answer is paris.", "Lyon"], strategy: .synthesize, aggregator: [.text("Par"), .text("is.")])
        #expect(record.output == "Paris.")
        #expect(record.fallbackUsed == false)
        #expect(models["agg"].calls == 1)
        let prompt = models["agg"].requests[0].messages.last!.content
        #expect(prompt.contains("What is the capital of France?"))
        #expect(prompt.contains("- The answer is paris.\n- Lyon"))
        #expect(prompt.contains("Most common answer (2 of 3): Paris"))
        #expect(record.latestAggregation?.promptVersion == "synthesize-short-v1")
        #expect(record.latestAggregation?.model == "agg")
    }

    @Test("synthesize for short answers: a short prompt, a token cap, and only the first line kept")
    func synthesizeShort() async {
        let (record, models) = await run(["Paris", "Paris", "Lyon"], strategy: .synthesize, aggregator: [.text("Paris\n\nI hope this helps!")])
        #expect(record.output == "Paris")
        #expect(models["agg"].requests[0].maxTokens == 48)
        #expect(models["agg"].requests[0].messages[0].content.contains("in a few words"))
    }

    @Test("synthesize falls back to concatenation when the aggregator fails, and says so")
    func fallbackOnError() async {
        let (record, _) = await run(["A", "B"], strategy: .synthesize, aggregator: [.fail(.init("HTTP 503 overloaded"))])
        #expect(record.status == .succeeded)
        #expect(record.fallbackUsed)
        #expect(record.strategy == .synthesize)
        #expect(record.output == "## Worker 1\n\nA\n\n## Worker 2\n\nB")
        #expect(record.latestAggregation?.error == "synthesize failed (agg: HTTP 503 overloaded); showing the answers concatenated")
    }

    @Test("synthesize falls back when the aggregator times out (its own timeout)")
    func fallbackOnTimeout() async {
        let clock = ManualClock()
        let log = EventLog()
        let models = TestModels(clock: clock, workers: [[.text("A")], [.text("B")]], aggregator: [.text("partial"), .hang])
        let controller = makeController(
            testPlan(workers: 2, strategy: .synthesize, aggregatorTimeout: .seconds(45)), models, clock, events: log.sink)
        let run = Task { await controller.start() }
        #expect(await log.waitFor { $0 == .aggregationChunk(text: "partial") })
        #expect(await clock.waitForSleepers(1))
        await clock.advance(by: .seconds(45))
        let record = await run.value
        #expect(record.fallbackUsed)
        #expect(record.output == "## Worker 1\n\nA\n\n## Worker 2\n\nB")
        #expect(record.latestAggregation?.error?.contains("timed out after 45 s") == true)
        #expect(record.latestAggregation?.elapsedMs == 45_000)
        #expect(await eventually { models["agg"].cancellations == 1 })
    }

    @Test("an empty aggregator answer also falls back")
    func fallbackOnEmpty() async {
        let (record, _) = await run(["A", "B"], strategy: .synthesize, aggregator: [.text("  ")])
        #expect(record.fallbackUsed)
    }

    @Test("concatenate makes no model call")
    func concatenate() async {
        let (record, models) = await run(["A", "B", "C"], strategy: .concatenate)
        #expect(models["agg"].calls == 0)
        #expect(record.output == "## Worker 1\n\nA\n\n## Worker 2\n\nB\n\n## Worker 3\n\nC")
    }

    @Test("vote: the majority's answer, with the tally")
    func voteMajority() async {
        let (record, models) = await run(["It is **Paris**.", "The answer is paris", "Lyon"], strategy: .vote)
        #expect(models["agg"].calls == 0)
        #expect(record.output == "It is **Paris**.")
        let agg = record.latestAggregation!
        #expect(agg.chosenWorker == 0)
        #expect(agg.reason == "2 of 3 answers agree: Paris")
        #expect(agg.tally.groups.map(\.answer) == ["paris", "lyon"])
        #expect(agg.tally.groups.map(\.workers) == [[0, 1], [2]])
        #expect(!agg.tally.isTie)
    }

    @Test("vote: a tie is reported as a tie, not broken silently")
    func voteTie() async {
        let (record, _) = await run(["Paris", "Lyon", "paris.", "LYON"], strategy: .vote)
        let agg = record.latestAggregation!
        #expect(agg.tally.isTie)
        #expect(agg.chosenWorker == nil)
        #expect(agg.reason == "tie: Paris (workers 1, 3) vs Lyon (workers 2, 4)")
        #expect(record.output?.hasPrefix("No majority: a tie of 2 each between Paris (workers 1, 3) vs Lyon (workers 2, 4).") == true)
    }

    @Test("vote: answers that all differ are reported as such, not as a tie")
    func voteAllDifferent() async {
        let (record, _) = await run(["Paris", "Lyon", "Nice"], strategy: .vote)
        #expect(record.latestAggregation?.reason == "no two answers agree")
        #expect(record.output?.hasPrefix("No majority: no two of the 3 answers agree.") == true)
    }

    @Test("judge: the chosen answer verbatim, and the judge's reason")
    func judge() async {
        let clock = ManualClock()
        var models = TestModels(clock: clock, workers: [[.text("Paris")], [.text("Paris, on the Seine")], [.text("Lyon")]])
        models.byName["agg"] = judgePicking("Paris, on the Seine", reason: "most complete", clock: clock)
        let record = await makeController(testPlan(workers: 3, strategy: .judge), models, clock).start()
        #expect(models["agg"].calls == 2, "a shuffled pass and a reversed one")
        #expect(record.output == "Paris, on the Seine")
        #expect(record.latestAggregation?.chosenWorker == 1)
        #expect(record.latestAggregation?.reason == "most complete")
        #expect(record.fallbackUsed == false)
    }

    @Test("judge: an answer that names no valid choice falls back")
    func judgeUnparseable() async {
        let (record, _) = await run(["A", "B"], strategy: .judge, aggregator: [.text("BEST: 7")])
        #expect(record.fallbackUsed)
        #expect(record.latestAggregation?.error == #"the judge named no answer: concatenated (2 passes replied: "BEST: 7" / "BEST: 7")"#)
    }

    @Test("every aggregation carries the tally")
    func tallyEverywhere() async {
        let (record, _) = await run(["12", "twelve", "12.0"], strategy: .concatenate)
        #expect(record.latestAggregation?.tally.groups.count == 1)
        #expect(record.latestAggregation?.tally.groups.first?.workers == [0, 1, 2])
    }
}
