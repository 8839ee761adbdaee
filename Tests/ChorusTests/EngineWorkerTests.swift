import Chorus
import ChorusTestSupport
import Testing

/// Each worker outcome in isolation, through the real engine, with a manual clock.
@Suite("Engine: one worker")
struct EngineWorkerTests {
    @Test("success: text streamed in order, events emitted, usage kept")
    func success() async {
        let clock = ManualClock()
        let log = EventLog()
        let models = TestModels(clock: clock, workers: [[.text("Par"), .text("is"), .usage(TokenUsage(promptTokens: 9, completionTokens: 2))]])
        let record = await makeController(testPlan(workers: 1), models, clock, events: log.sink).start()
        let attempt = record.workers[0].attempts[0]
        #expect(attempt.status == .succeeded)
        #expect(attempt.text == "Paris")
        #expect(attempt.usage == TokenUsage(promptTokens: 9, completionTokens: 2))
        #expect(attempt.firstTokenMs == 0)
        #expect(record.status == .succeeded)
        let chunks = log.all.compactMap { e -> String? in if case .workerChunk(_, _, let t) = e { t } else { nil } }
        #expect(chunks == ["Par", "is"])
        #expect(log.all.first == .workerStarted(worker: 0, attempt: 1))
    }

    @Test("provider error: failed with the error's line, partial text kept")
    func providerError() async {
        let clock = ManualClock()
        let models = TestModels(clock: clock, workers: [[.text("Par"), .fail(.init("HTTP 500 from openai at http://x"))]])
        let record = await makeController(testPlan(workers: 1), models, clock).start()
        let attempt = record.workers[0].attempts[0]
        #expect(attempt.status == .failed)
        #expect(attempt.error == "HTTP 500 from openai at http://x")
        #expect(attempt.text == "Par")
    }

    @Test("a model that cannot be resolved fails that worker with the reason")
    func unresolvableModel() async {
        let clock = ManualClock()
        let models = TestModels([:])
        let record = await makeController(testPlan(workers: 1), models, clock).start()
        #expect(record.workers[0].status == .failed)
        #expect(record.workers[0].error == "no model w0")
    }

    @Test("total timeout: marked timed out at the deadline, its stream cancelled")
    func totalTimeout() async {
        let clock = ManualClock()
        let models = TestModels(clock: clock, workers: [[.hang]])
        let controller = makeController(testPlan(workers: 1, timeout: .seconds(15)), models, clock)
        let run = Task { await controller.start() }
        #expect(await clock.waitForSleepers(1))
        await clock.advance(by: .seconds(15))
        let record = await run.value
        let attempt = record.workers[0].attempts[0]
        #expect(attempt.status == .timedOut)
        #expect(attempt.elapsedMs == 15_000)
        #expect(attempt.error == "timed out after 15 s with no answer")
        #expect(await eventually { models["w0"].cancellations == 1 })
    }

    @Test("idle timeout: a stream that stalls after its first chunk is cut at the idle limit")
    func idleTimeout() async {
        let clock = ManualClock()
        let models = TestModels(clock: clock, workers: [[.wait(.seconds(2)), .text("Par"), .hang]])
        let controller = makeController(testPlan(workers: 1, timeout: .seconds(30), idle: .seconds(5)), models, clock)
        let run = Task { await controller.start() }
        #expect(await clock.waitForSleepers(2))
        await clock.advance(by: .seconds(2))
        await clock.advance(by: .seconds(5))
        let record = await run.value
        let attempt = record.workers[0].attempts[0]
        #expect(attempt.status == .timedOut)
        #expect(attempt.error == "stalled: no text for 5 s")
        #expect(attempt.elapsedMs == 7_000)
        #expect(attempt.text == "Par")
        #expect(await eventually { models["w0"].cancellations == 1 })
    }

    @Test("cancellation by the user: cancelled, the others unaffected")
    func userCancel() async {
        let clock = ManualClock()
        let models = TestModels(clock: clock, workers: [[.hang], [.wait(.seconds(1)), .text("B")], [.wait(.seconds(1)), .text("C")]])
        let controller = makeController(testPlan(workers: 3), models, clock)
        let run = Task { await controller.start() }
        #expect(await clock.waitForSleepers(5))
        await controller.cancel(worker: 0)
        await clock.advance(by: .seconds(1))
        let record = await run.value
        #expect(record.workers.map(\.status) == [.cancelled, .succeeded, .succeeded])
        #expect(record.workers[0].error == "cancelled by the user")
        #expect(record.status == .succeeded)
        #expect(await eventually { models["w0"].cancellations == 1 })
    }

    @Test("empty output is a failure")
    func emptyOutput() async {
        let clock = ManualClock()
        let models = TestModels(clock: clock, workers: [[.text(""), .text("   ")]])
        let record = await makeController(testPlan(workers: 1), models, clock).start()
        #expect(record.workers[0].status == .failed)
        #expect(record.workers[0].error == "the model returned an empty answer")
        #expect(record.failure == .allFailed)
    }

    @Test("provider retries before the first chunk are recorded on the attempt")
    func providerRetriesRecorded() async {
        let clock = ManualClock()
        let models = TestModels(clock: clock, workers: [[.retrying("HTTP 429, retry in 1 s"), .text("ok")]])
        let record = await makeController(testPlan(workers: 1), models, clock).start()
        #expect(record.workers[0].attempts[0].providerRetries == ["HTTP 429, retry in 1 s"])
    }
}
