import Chorus
import ChorusTestSupport
import Testing

@Suite("Retry, cancel and re-aggregation")
struct RunRetryTests {
    /// Worker 0 always answers; workers 1 and 2 fail their first call and answer the next.
    func flakyModels(_ clock: ManualClock) -> TestModels {
        let flaky: @Sendable (ChatRequest, Int) -> [ScriptedModel.Step] = { _, call in
            call == 0 ? [.fail(.init("HTTP 502"))] : [.text("Paris")]
        }
        return TestModels([
            "w0": ScriptedModel(clock: clock, steps: [.text("Paris")]),
            "w1": ScriptedModel(clock: clock, script: flaky),
            "w2": ScriptedModel(clock: clock, script: flaky),
            "agg": ScriptedModel(clock: clock, steps: [.text("merged")]),
        ])
    }

    @Test("a failed worker retried to success turns a failed run into a succeeded one")
    func retryToSuccess() async {
        let clock = ManualClock()
        let models = flakyModels(clock)
        let controller = makeController(testPlan(workers: 3, strategy: .synthesize), models, clock)
        let first = await controller.start()
        #expect(first.status == .failed)
        #expect(first.failure == .quorumNotMet)

        let second = await controller.retry(worker: 1)
        #expect(second.status == .succeeded)
        #expect(second.output == "merged")
        #expect(second.workers[1].attempts.map(\.status) == [.failed, .succeeded])
        #expect(second.workers[1].attempts.map(\.number) == [1, 2])
        #expect(second.workers[1].attempts[0].error == "HTTP 502")
        #expect(second.latestAggregation?.inputs == [0, 1])
        #expect(models["w1"].calls == 2)
    }

    @Test("retrying a succeeded worker makes no model call")
    func retrySucceededIsNoOp() async {
        let clock = ManualClock()
        let models = flakyModels(clock)
        let controller = makeController(testPlan(workers: 3), models, clock)
        _ = await controller.start()
        let before = await controller.record
        let after = await controller.retry(worker: 0)
        #expect(models["w0"].calls == 1)
        #expect(after == before)
    }

    @Test("retryFailed re-runs only the failed workers, once each")
    func retryFailed() async {
        let clock = ManualClock()
        let models = flakyModels(clock)
        let controller = makeController(testPlan(workers: 3), models, clock)
        _ = await controller.start()
        let record = await controller.retryFailed()
        #expect(record.status == .succeeded)
        #expect(record.workers.map { $0.attempts.count } == [1, 2, 2])
        #expect([models["w0"].calls, models["w1"].calls, models["w2"].calls] == [1, 2, 2])
        #expect(record.latestAggregation?.inputs == [0, 1, 2])
    }

    @Test("a timed-out worker can be retried; the first attempt stays in the record")
    func retryTimedOut() async {
        let clock = ManualClock()
        let slowThenFast: @Sendable (ChatRequest, Int) -> [ScriptedModel.Step] = { _, call in call == 0 ? [.hang] : [.text("late")] }
        let models = TestModels([
            "w0": ScriptedModel(clock: clock, steps: [.text("A")]),
            "w1": ScriptedModel(clock: clock, script: slowThenFast),
            "agg": ScriptedModel(clock: clock, steps: [.text("m")]),
        ])
        let controller = makeController(testPlan(workers: 2), models, clock)
        let run = Task { await controller.start() }
        #expect(await clock.waitForSleepers(1))
        await clock.advance(by: .seconds(15))
        #expect(await run.value.workers[1].status == .timedOut)
        let record = await controller.retry(worker: 1)
        #expect(record.workers[1].attempts.map(\.status) == [.timedOut, .succeeded])
        #expect(record.workers[1].attempts[1].startedMs == 15_000)
        #expect(record.aggregations.count == 2)
    }

    @Test("re-aggregating with another strategy re-uses the answers: no worker is called")
    func reaggregate() async {
        let clock = ManualClock()
        let models = TestModels(clock: clock, workers: [[.text("Paris")], [.text("paris")], [.text("Lyon")]], aggregator: [.text("merged")])
        let controller = makeController(testPlan(workers: 3, strategy: .synthesize), models, clock)
        _ = await controller.start()
        let voted = await controller.reaggregate(strategy: .vote)
        #expect(voted.strategy == .vote)
        #expect(voted.output == "Paris")
        #expect(voted.aggregations.map(\.strategy) == [.synthesize, .vote])
        #expect([models["w0"].calls, models["w1"].calls, models["w2"].calls] == [1, 1, 1])
        let concatenated = await controller.reaggregate(strategy: .concatenate)
        #expect(concatenated.aggregations.count == 3)
        #expect(models["agg"].calls == 1)
    }

    @Test("re-aggregating a run below quorum stays a failure")
    func reaggregateBelowQuorum() async {
        let clock = ManualClock()
        let models = TestModels(clock: clock, workers: [[.fail(.init("x"))], [.fail(.init("y"))], [.text("z")]])
        let controller = makeController(testPlan(workers: 3), models, clock)
        _ = await controller.start()
        let record = await controller.reaggregate(strategy: .vote)
        #expect(record.status == .failed)
        #expect(record.aggregations.isEmpty)
    }

    @Test("a reopened run keeps its answers, retries only failed workers and re-aggregates")
    func reopen() async throws {
        let clock = ManualClock()
        let models = flakyModels(clock)
        let first = await makeController(testPlan(workers: 3), models, clock).start()
        let data = try first.jsonData()
        let saved = try RunRecord.makeDecoder().decode(RunRecord.self, from: data)
        let reopened = RunController(record: saved, models: models.factory, clock: clock, now: { fixedDate.addingTimeInterval(60) })
        let record = await reopened.retryFailed()
        #expect(record.status == .succeeded)
        #expect(record.workers.map { $0.attempts.count } == [1, 2, 2])
        #expect(record.workers[1].attempts[1].startedMs == 60_000)
        #expect(models["w0"].calls == 1)
    }
}
