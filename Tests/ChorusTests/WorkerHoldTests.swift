@testable import Chorus
import ChorusTestSupport
import Testing

/// A request held back by the client (a batch's rate limiter) does not use up the worker's
/// timeout: the clock stops from `.held` to `.released`, and the record says how long it waited.
@Suite("Worker hold (client-side queueing)")
struct WorkerHoldTests {
    typealias Machine = Worker.StateMachine

    func machine() -> Machine { Machine(startedAt: .seconds(1), timeout: .seconds(15), idleTimeout: .seconds(10)) }

    @Test("a hold moves the deadline by its length")
    func holdMovesDeadline() {
        var m = machine()
        #expect(m.held(at: .seconds(2)) == .forward)
        // Past the original deadline (16 s) while held: not timed out.
        #expect(m.watchdogWoke(at: .seconds(30)) == .sleep(until: .seconds(40)))
        #expect(m.released(at: .seconds(32)) == .forward)
        #expect(m.deadline == .seconds(46))
        #expect(m.watchdogWoke(at: .seconds(45)) == .sleep(until: .seconds(46)))
        #expect(m.watchdogWoke(at: .seconds(46)) == .timedOut)
        let record = m.record(number: 1, base: 0)
        #expect(record.queuedMs == 30_000)
        #expect(record.status == .timedOut)
    }

    @Test("holds add up; a second hold while held is ignored; release without hold is ignored")
    func holdsAddUp() {
        var m = machine()
        #expect(m.released(at: .seconds(1)) == .drop)
        _ = m.held(at: .seconds(1))
        #expect(m.held(at: .seconds(2)) == .drop)
        _ = m.released(at: .seconds(4))
        _ = m.held(at: .seconds(5))
        _ = m.released(at: .seconds(6))
        #expect(m.deadline == .seconds(20))
        _ = m.receivedText("ok", at: .seconds(7))
        _ = m.streamFinished(at: .seconds(8))
        #expect(m.record(number: 1, base: 0).queuedMs == 4000)
    }

    @Test("no hold after text: the request was already sent")
    func noHoldAfterText() {
        var m = machine()
        _ = m.receivedText("a", at: .seconds(2))
        #expect(m.held(at: .seconds(3)) == .drop)
        #expect(m.deadline == .seconds(16))
        #expect(m.record(number: 1, base: 0).queuedMs == nil)
    }

    @Test("an attempt that ends while held counts the hold up to its end")
    func endsWhileHeld() {
        var m = machine()
        _ = m.held(at: .seconds(2))
        _ = m.cancelled(at: .seconds(5), reason: "cancelled: the batch was stopped")
        #expect(m.record(number: 1, base: 0).queuedMs == 3000)
    }

    @Test("through the engine: a 20 s hold with a 15 s timeout still succeeds")
    func engineHold() async {
        let clock = ManualClock()
        let models = TestModels(
            clock: clock, workers: [[.held("rate limit"), .wait(.seconds(20)), .released, .wait(.seconds(1)), .text("ok")]])
        let controller = makeController(testPlan(workers: 1, timeout: .seconds(15)), models, clock)
        let run = Task { await controller.start() }
        #expect(await clock.waitForSleepers(2))
        await clock.advance(by: .seconds(20))
        #expect(await clock.waitForSleepers(2))
        await clock.advance(by: .seconds(1))
        let record = await run.value
        let attempt = record.workers[0].attempts[0]
        #expect(attempt.status == .succeeded)
        #expect(attempt.queuedMs == 20_000)
        #expect(attempt.elapsedMs == 21_000)
    }

    @Test("through the engine: after the hold, the timeout still applies to the model's own time")
    func engineTimeoutAfterHold() async {
        let clock = ManualClock()
        let models = TestModels(clock: clock, workers: [[.held("rate limit"), .wait(.seconds(5)), .released, .hang]])
        let controller = makeController(testPlan(workers: 1, timeout: .seconds(15)), models, clock)
        let run = Task { await controller.start() }
        #expect(await clock.waitForSleepers(2))
        await clock.advance(by: .seconds(5))
        #expect(await clock.waitForSleepers(1))
        await clock.advance(by: .seconds(15))
        let record = await run.value
        let attempt = record.workers[0].attempts[0]
        #expect(attempt.status == .timedOut)
        #expect(attempt.elapsedMs == 20_000)
        #expect(attempt.queuedMs == 5000)
    }
}
