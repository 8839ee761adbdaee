import Chorus
import ChorusTestSupport
import Testing

/// auto, disagreement, honest partial results, early quorum, the fallback chain, self-preference.
@Suite("Aggregation that keeps what the fan-out won")
struct AggregationQualityTests {
    func run(
        _ answers: [[ScriptedModel.Step]], strategy: StrategyName, aggregator: [ScriptedModel.Step] = [.text("merged")],
        extra: [String: [ScriptedModel.Step]] = [:], fallbacks: [String] = []
    ) async -> (RunRecord, TestModels) {
        let clock = ManualClock()
        var models = TestModels(clock: clock, workers: answers, aggregator: aggregator)
        for (name, steps) in extra { models.byName[name] = ScriptedModel(clock: clock, steps: steps) }
        let plan = testPlan(workers: answers.count, strategy: strategy, fallbackAggregators: fallbacks)
        return (await makeController(plan, models, clock).start(), models)
    }

    @Test("auto: short answers with a strict majority take the vote, with no model call")
    func autoVotes() async {
        let (record, models) = await run([[.text("Paris")], [.text("paris.")], [.text("Lyon")]], strategy: .auto)
        let agg = record.latestAggregation!
        #expect(agg.path == .vote)
        #expect(agg.reason == "2 of 3 answers agree (Paris), a majority: took worker 1's answer")
        #expect(agg.chosenWorker == 0)
        #expect(record.output == "Paris")
        #expect(models["agg"].calls == 0)
    }

    @Test("auto: a plurality without a tie also takes the vote")
    func autoVotesOnPlurality() async {
        let (record, models) = await run(
            [[.text("Paris")], [.text("Lyon")], [.text("Nice")], [.text("paris")], [.text("Metz")]], strategy: .auto)
        let agg = record.latestAggregation!
        #expect(agg.path == .vote)
        #expect(agg.reason == "2 of 5 answers agree (Paris), the largest group, no tie: took worker 1's answer")
        #expect(record.output == "Paris")
        #expect(models["agg"].calls == 0)
    }

    @Test("auto: a tie is synthesized, shown the tally")
    func autoSynthesizesOnTie() async {
        let (record, models) = await run(
            [[.text("Paris")], [.text("Lyon")], [.text("paris")], [.text("lyon")]], strategy: .auto, aggregator: [.text("Paris")])
        let agg = record.latestAggregation!
        #expect(agg.path == .synthesize)
        #expect(agg.reason == "a tie (2 answers with 2 each): synthesized with the tally shown")
        #expect(models["agg"].calls == 1)
        #expect(models["agg"].requests[0].messages.last!.content.contains("Most common answer (2 of 4): Paris (tied with Lyon)"))
        #expect(agg.promptVersion == "synthesize-short-v1")
    }

    @Test("auto: a rambling minority does not stop the vote of a short majority")
    func autoVotesPastRambling() async {
        let rambling = "Ladies and gentlemen, my trusty assistant has solved your query and is glad you found it easy to ask today."
        let (record, models) = await run(
            [[.text("The capital of France is Paris.")], [.text("Paris")], [.text(rambling)], [.text("Paris, France's capital.")], [.text("Lyon")]],
            strategy: .auto)
        #expect(record.latestAggregation?.path == .vote)
        // The group's most typical member (issue 15): it shares the most words with the other two.
        #expect(record.output == "Paris, France's capital.")
        #expect(record.latestAggregation?.reason == "3 of 5 answers agree (Paris), a majority: took worker 4's answer, the group's most typical")
        #expect(models["agg"].calls == 0)
    }

    @Test("auto: answers that all differ are synthesized")
    func autoSynthesizesWhenAllDiffer() async {
        let (record, _) = await run([[.text("Paris")], [.text("Lyon")], [.text("Nice")]], strategy: .auto, aggregator: [.text("Paris")])
        #expect(record.latestAggregation?.path == .synthesize)
        #expect(record.latestAggregation?.reason == "no two answers agree: synthesized with the tally shown")
    }

    @Test("auto: long answers that no group of shared key words wins are synthesized")
    func autoLong() async {
        let p = [
            "Keep one deployable service until the team grows past two squads, because microservices multiply the deployment, monitoring and on-call work that a small team must carry every single week, and the gains in independent scaling rarely show up before the traffic does. Revisit the question once the release train starts to block people.",
            "Split early into microservices so every feature ships independently and scales on demand without coordination between teams; the upfront cost of tooling pays back quickly once several squads work in parallel, and service boundaries drawn early are cheaper than boundaries carved out of a tangled codebase later.",
        ]
        let (record, models) = await run([[.text(p[0])], [.text(p[1])]], strategy: .auto, aggregator: [.text("Keep one service.")])
        let prompt = models["agg"].requests[0].messages.last!.content
        #expect(prompt.contains("Answer 2:\n\(p[1])"))
        #expect(prompt.contains("1 of 2 answers stands alone (worker 1): Keep one deployable service until the team grows past two squads"))
        let agg = record.latestAggregation!
        #expect(agg.path == .synthesize)
        #expect(agg.reason == "answers are long and no two agree: synthesized with the agreement shown")
        #expect(agg.tally.method == .overlap)
        #expect(agg.tally.groups.map(\.workers) == [[0], [1]])
        #expect(agg.disagreesWithMajority == false)
        #expect(agg.promptVersion == "synthesize-v2")
    }

    @Test("an LLM-merged answer that contradicts the strict majority is flagged")
    func disagreement() async {
        let (record, _) = await run([[.text("Paris")], [.text("Paris")], [.text("Lyon")]], strategy: .synthesize, aggregator: [.text("Lyon")])
        let agg = record.latestAggregation!
        #expect(agg.disagreesWithMajority)
        #expect(agg.warnings.contains("the merged answer (Lyon) differs from the majority: 2 of 3 workers say Paris"))
        #expect(record.warnings == agg.warnings)
    }

    @Test("dropped workers are named, with the note that they may be the stronger ones")
    func dropped() async {
        let (record, _) = await run([[.text("Paris")], [.fail(.init("HTTP 500"))], [.text("Paris")]], strategy: .vote)
        let agg = record.latestAggregation!
        #expect(agg.dropped == [.init(index: 1, status: .failed, reason: "HTTP 500")])
        #expect(agg.warnings.first?.hasPrefix("1 of 3 workers left out (worker 2 failed); the slow or failing ones may be the stronger models") == true)
    }

    @Test("the fallback chain tries each aggregator model in order, then concatenates")
    func fallbackChainOrder() async {
        let (record, models) = await run(
            [[.text("A")], [.text("B")]], strategy: .synthesize, aggregator: [.fail(.init("HTTP 503"))],
            extra: ["agg2": [.fail(.init("HTTP 429"))], "agg3": [.text("merged by three")]], fallbacks: ["agg2", "agg3"])
        let agg = record.latestAggregation!
        #expect(record.output == "merged by three")
        #expect(agg.model == "agg3")
        #expect(agg.modelErrors == ["agg: HTTP 503", "agg2: HTTP 429"])
        #expect(agg.fallbackUsed == false)
        #expect([models["agg"].calls, models["agg2"].calls, models["agg3"].calls] == [1, 1, 1])

        let (allFail, _) = await run(
            [[.text("A")], [.text("B")]], strategy: .synthesize, aggregator: [.fail(.init("HTTP 503"))],
            extra: ["agg2": [.fail(.init("HTTP 429"))]], fallbacks: ["agg2"])
        #expect(allFail.fallbackUsed)
        #expect(allFail.latestAggregation?.error == "synthesize failed (agg: HTTP 503; agg2: HTTP 429); showing the answers concatenated")
    }

    @Test("the fallback chain shares one deadline: a hanging first model leaves no time for the next")
    func fallbackChainBudget() async {
        let clock = ManualClock()
        var models = TestModels(clock: clock, workers: [[.text("A")], [.text("B")]], aggregator: [.hang])
        models.byName["agg2"] = ScriptedModel(clock: clock, steps: [.text("late")])
        let log = EventLog()
        let controller = makeController(
            testPlan(workers: 2, strategy: .synthesize, aggregatorTimeout: .seconds(30), fallbackAggregators: ["agg2"]), models, clock,
            events: log.sink)
        let run = Task { await controller.start() }
        #expect(await log.waitFor { $0 == .aggregationStarted(strategy: .synthesize) })
        #expect(await clock.waitForSleepers(1))
        await clock.advance(by: .seconds(30))
        let record = await run.value
        #expect(record.fallbackUsed)
        #expect(record.latestAggregation?.elapsedMs == 30_000)
        #expect(models["agg2"].calls == 0)
    }

    @Test("a judge whose model also answered is warned about")
    func selfPreference() async {
        let clock = ManualClock()
        let same = ModelChoice(provider: "test", model: "m")
        let plan = Plan(
            task: "q",
            workers: [
                WorkerSpec(index: 0, temperature: 0.2, model: same),
                WorkerSpec(index: 1, temperature: 0.6, model: ModelChoice(provider: "test", model: "other")),
                WorkerSpec(index: 2, temperature: 1.0, model: same),
            ],
            aggregator: AggregatorSpec(strategy: .judge, model: same))
        let judgeAndWorker = ScriptedModel(clock: clock) { request, _ in
            request.messages.first?.content.contains("judge") == true ? [.text("BEST: 1\nREASON: r")] : [.text("Paris")]
        }
        let models = TestModels(["m": judgeAndWorker, "other": ScriptedModel(clock: clock, steps: [.text("Paris")])])
        let record = await makeController(plan, models, clock).start()
        #expect(record.latestAggregation?.warnings == ["the judge's model (m) also answered as workers 1, 3: judges tend to favour their own answers"])
        #expect(record.latestAggregation?.promptVersion == "judge-v3")
    }

    @Test("early quorum: once K agree the rest are cancelled, recorded with the time saved")
    func earlyQuorum() async {
        let clock = ManualClock()
        let scripts: [[ScriptedModel.Step]] = [
            [.wait(.seconds(1)), .text("Paris")], [.wait(.seconds(1)), .text("paris")], [.hang],
            [.wait(.seconds(1)), .text("The answer is Paris.")], [.hang],
        ]
        let models = TestModels(clock: clock, workers: scripts)
        let plan = testPlan(workers: 5, strategy: .vote, earlyQuorum: 3)
        let controller = makeController(plan, models, clock)
        let run = Task { await controller.start() }
        #expect(await clock.waitForSleepers(8))
        await clock.advance(by: .seconds(1))
        let record = await run.value
        #expect(record.workers.map(\.status) == [.succeeded, .succeeded, .cancelled, .succeeded, .cancelled])
        #expect(record.workers[2].error == "cancelled: early quorum reached (3 agree)")
        #expect(record.earlyQuorum == RunRecord.EarlyQuorum(k: 3, reachedMs: 1_000, cancelled: [2, 4], savedMsUpTo: 14_000))
        #expect(record.status == .succeeded)
        #expect(record.output == "Paris")
        #expect(await eventually { models["w2"].cancellations == 1 && models["w4"].cancellations == 1 })
    }

    @Test("early quorum for merging strategies counts successes, not agreement")
    func earlyQuorumSuccesses() async {
        let clock = ManualClock()
        let scripts: [[ScriptedModel.Step]] = [[.text("A")], [.text("B")], [.hang]]
        let models = TestModels(clock: clock, workers: scripts)
        let record = await makeController(testPlan(workers: 3, strategy: .concatenate, earlyQuorum: 2), models, clock).start()
        #expect(record.workers.map(\.status) == [.succeeded, .succeeded, .cancelled])
        #expect(record.workers[2].error == "cancelled: early quorum reached (2 succeeded)")
    }
}
