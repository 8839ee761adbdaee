import Chorus
import ChorusTestSupport
import Foundation
import Synchronization
import Testing

/// An attempt that timed out before any response (no head, no chunk) may be sent again: the
/// request may never have reached the model, so nothing is shown or paid twice. `chorus batch`
/// does this up to `Plan.batchResends` times per item worker, each re-send its own attempt
/// marked `resend`; `chorus run` never does (a person sees the time-out and retries).
@Suite("Re-sends after no response")
struct ResendTests {
    /// One worker with a 60 s head limit and a 15 s total; its model plays `script` per call.
    func controller(
        _ clock: ManualClock, resends: Int, script: @escaping @Sendable (Int) -> [ScriptedModel.Step]
    ) -> (RunController, ScriptedModel) {
        var plan = testPlan(workers: 1)
        plan.workers[0].headTimeout = .seconds(60)
        let worker = ScriptedModel(clock: clock) { _, call in script(call) }
        let models = TestModels(["w0": worker, "agg": ScriptedModel(clock: clock, steps: [.text("merged")])])
        return (RunController(plan: plan, models: models.factory, clock: clock, now: { fixedDate }, resends: resends), worker)
    }

    @Test("held past the head limit once, then answered: the re-send succeeds and both attempts are in the record")
    func resendSucceeds() async {
        let clock = ManualClock()
        let (controller, model) = controller(clock, resends: 2) { call in
            call == 0 ? [.hang] : [.head, .text("Paris")]
        }
        let run = Task { await controller.start() }
        #expect(await clock.drive { await controller.record.status != .running })
        let record = await run.value
        #expect(record.status == .succeeded)
        let attempts = record.workers[0].attempts
        #expect(attempts.map(\.status) == [.timedOut, .succeeded])
        #expect(attempts.map(\.resend) == [nil, 1])
        #expect(attempts[0].error?.hasPrefix("no response after 60 s") == true)
        #expect(attempts[1].startedMs == 60_000)
        #expect(model.calls == 2)
    }

    @Test("never answered: sent again at most twice, then the worker stays timed out")
    func boundedResends() async {
        let clock = ManualClock()
        let (controller, model) = controller(clock, resends: 2) { _ in [.hang] }
        let run = Task { await controller.start() }
        #expect(await clock.drive { await controller.record.status != .running })
        let record = await run.value
        #expect(record.status == .failed)
        #expect(record.workers[0].attempts.map(\.resend) == [nil, 1, 2])
        #expect(record.workers[0].status == .timedOut)
        #expect(model.calls == 3)
    }

    @Test("a request the server took (a head came, or text) is never sent again")
    func noResendAfterHead() async {
        for script: [ScriptedModel.Step] in [[.head, .hang], [.text("Par"), .hang]] {
            let clock = ManualClock()
            let (controller, model) = controller(clock, resends: 2) { _ in script }
            let run = Task { await controller.start() }
            #expect(await clock.drive { await controller.record.status != .running })
            let record = await run.value
            #expect(record.workers[0].attempts.count == 1, "\(script)")
            #expect(record.workers[0].status == .timedOut)
            #expect(model.calls == 1)
        }
    }

    @Test("a failure that is not a time-out (HTTP 500) is not sent again; neither is anything in chorus run")
    func onlyTimeouts() async {
        let clock = ManualClock()
        let (failing, failModel) = controller(clock, resends: 2) { _ in [.fail(.init("HTTP 500"))] }
        _ = await failing.start()
        #expect(failModel.calls == 1)

        let runClock = ManualClock()
        let (run, runModel) = controller(runClock, resends: 0) { _ in [.hang] }
        let task = Task { await run.start() }
        #expect(await runClock.drive { await run.record.status != .running })
        _ = await task.value
        #expect(runModel.calls == 1)
    }

    @Test("after the run is stopped (cancelAll), nothing is sent again")
    func noResendAfterStop() async {
        let clock = ManualClock()
        let (controller, model) = controller(clock, resends: 2) { _ in [.hang] }
        let run = Task { await controller.start() }
        #expect(await clock.waitForSleepers(1))
        await controller.cancelAll()
        let record = await run.value
        #expect(record.workers[0].attempts.map(\.status) == [.cancelled])
        #expect(model.calls == 1)
    }

    @Test("batch: re-sends are on by default, counted in the progress and in the compact record")
    func batchCountsResends() async throws {
        let clock = ManualClock()
        let calls = Mutex(0)
        let model = ScriptedModel(clock: clock) { request, _ in
            // Item 1's first call is held past the head limit; everything else answers.
            let first = request.messages.last?.content.contains("question 1") == true && calls.withLock { n in
                n += 1
                return n == 1
            }
            return first ? [.hang] : [.head, .text("answer")]
        }
        var plan = testPlan(workers: 1)
        plan.workers[0].headTimeout = .seconds(120)
        let results = Mutex<[BatchResult]>([])
        let items = (1...3).map { (n: Int) in
            BatchItem(id: "i\(n)", idSource: .field, fields: ["text": "question \(n)"], location: "line \(n)", line: n)
        }
        let runner = BatchRunner(
            plan: plan, template: try PromptTemplate("Q: {text}"), items: items, concurrency: 3, models: { _ in model },
            clock: clock, now: { fixedDate }, sink: { r in results.withLock { $0.append(r) } })
        let task = Task { await runner.run() }
        #expect(await clock.drive { results.withLock { $0.count } == 3 })
        let progress = await task.value
        #expect(progress.succeeded == 3)
        #expect(progress.resends == 1)
        let first = try #require(results.withLock { $0 }.first { $0.id == "i1" })
        let line = String(decoding: first.jsonLine(compact: true), as: UTF8.self)
        #expect(line.contains(#""attempts":2"#) && line.contains(#""resends":1"#), "\(line)")
    }
}
