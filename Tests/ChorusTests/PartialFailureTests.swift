import Chorus
import ChorusTestSupport
import Testing

@Suite("Engine: partial failure")
struct PartialFailureTests {
    @Test("a timed-out worker is left out, its stream cancelled, and the survivors merged")
    func survivorsMerged() async {
        let clock = ManualClock()
        let models = TestModels(
            clock: clock,
            workers: [[.wait(.seconds(1)), .text("Paris")], [.hang], [.wait(.seconds(3)), .text("Paris, France")]],
            aggregator: [.text("Paris is the capital.")])
        let log = EventLog()
        let controller = makeController(testPlan(workers: 3, strategy: .synthesize), models, clock, events: log.sink)
        let run = Task { await controller.start() }
        #expect(await clock.waitForSleepers(5))
        await clock.advance(by: .seconds(3))
        // The two fast workers are done long before the slow one's deadline.
        #expect(await log.waitFor { if case .workerFinished(2, _) = $0 { true } else { false } })
        #expect(await controller.record.workers[1].status == .waiting)
        await clock.advance(by: .seconds(12))
        let record = await run.value

        #expect(record.workers.map(\.status) == [.succeeded, .timedOut, .succeeded])
        #expect(record.workers[0].latest?.elapsedMs == 1_000)
        #expect(record.workers[2].latest?.elapsedMs == 3_000)
        #expect(record.workers[1].latest?.elapsedMs == 15_000)
        #expect(record.status == .succeeded)
        #expect(record.output == "Paris is the capital.")
        #expect(record.latestAggregation?.inputs == [0, 2])
        #expect(await eventually { models["w1"].cancellations == 1 })
        // The aggregator saw only the survivors' answers.
        let prompt = models["agg"].requests[0].messages.last!.content
        #expect(prompt.contains("Proposed answers:\n- Paris\n- Paris, France\n\n"))
    }

    @Test("a slow worker does not delay another's finish")
    func independentWorkers() async {
        let clock = ManualClock()
        let log = EventLog()
        let models = TestModels(clock: clock, workers: [[.text("fast")], [.hang]])
        let controller = makeController(testPlan(workers: 2), models, clock, events: log.sink)
        let run = Task { await controller.start() }
        // Worker 0 finishes at time zero while worker 1 is still waiting.
        #expect(await log.waitFor { if case .workerFinished(0, let r) = $0 { r.status == .succeeded && r.elapsedMs == 0 } else { false } })
        await controller.cancel(worker: 1)
        let record = await run.value
        #expect(record.workers.map(\.status) == [.succeeded, .cancelled])
        #expect(record.status == .succeeded)  // 1 of 2 meets ceil(2/2)
    }
}
