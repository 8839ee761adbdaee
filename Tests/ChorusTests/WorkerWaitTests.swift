@testable import Chorus
import Testing

/// Issue 14: a waiting worker says what it waits on and when it gives up, from its limits, on
/// either observer clock (the UI's milliseconds, the progress lines' `Duration`); and a timed-out
/// attempt says which limit fired.
@Suite struct WorkerWaitTests {
    let limits = AttemptLimits(timeout: .seconds(60), idleTimeout: .seconds(10))

    @Test func aQueuedWorkerCountsDownToItsTotalLimit() {
        var p = WorkerProgress<Int64>()
        p.apply(.workerStarted(worker: 0, attempt: 1), at: 1_000)
        #expect(p.waitNote(limits: limits, now: 13_400) == "queued 12s · gives up in 48s")
        // Rounded so that a worker never gives up before the time shown.
        #expect(p.waitNote(limits: limits, now: 60_500) == "queued 59s · gives up in 1s")
        #expect(p.waitNote(limits: limits, now: 90_000) == "queued 89s · gives up in 0s")
        p.apply(.workerResponded(worker: 0, attempt: 1), at: 20_000)
        #expect(p.waitNote(limits: limits, now: 21_000) == "answering · gives up in 40s")
        p.apply(.workerChunk(worker: 0, attempt: 1, text: "a"), at: 22_000)
        #expect(p.waitNote(limits: limits, now: 23_000) == nil, "streaming: the idle limit applies, no countdown")
    }

    @Test func withAHeadLimitTheHeadWaitHasItsOwnDeadline() {
        var p = WorkerProgress<Duration>()
        let head = AttemptLimits(timeout: .seconds(30), idleTimeout: .seconds(10), headTimeout: .seconds(120))
        p.apply(.workerStarted(worker: 0, attempt: 1), at: .zero)
        #expect(p.waitNote(limits: head, now: .seconds(20)) == "queued 20s · gives up in 100s")
        p.apply(.workerResponded(worker: 0, attempt: 1), at: .seconds(50))
        #expect(p.waitNote(limits: head, now: .seconds(55)) == "answering · gives up in 25s")
    }

    @Test func notWaitingSaysNothing() {
        var p = WorkerProgress<Int64>()
        #expect(p.waitNote(limits: limits, now: 5) == nil)
        p.apply(.workerStarted(worker: 0, attempt: 1), at: 0)
        p.apply(.workerFinished(worker: 0, record: AttemptRecord(number: 1, status: .failed, startedMs: 0)), at: 1)
        #expect(p.waitNote(limits: limits, now: 5) == nil)
    }

    @Test func theSpecIsWhereTheLimitsComeFrom() {
        var spec = WorkerSpec(index: 0, temperature: 0.2, model: ModelChoice(provider: "p", model: "m"), timeout: .seconds(7), idleTimeout: .seconds(3))
        spec.headTimeout = .seconds(9)
        #expect(spec.limits == AttemptLimits(timeout: .seconds(7), idleTimeout: .seconds(3), headTimeout: .seconds(9)))
    }

    @Test(arguments: [
        // (head limit?, chunk?, wake at, limit fired)
        (false, false, 15, TimeoutLimit.total),
        (false, true, 12, TimeoutLimit.idle),
        (false, true, 15, TimeoutLimit.total),
        (true, false, 20, TimeoutLimit.head),
    ])
    func theRecordSaysWhichLimitFired(head: Bool, chunk: Bool, wake: Int, fired: TimeoutLimit) {
        var m = Worker.StateMachine(
            startedAt: .zero, timeout: .seconds(15), idleTimeout: .seconds(10), headTimeout: head ? .seconds(20) : nil)
        if chunk {
            _ = m.receivedText("a", at: .seconds(2))
            if wake == 15 { _ = m.receivedText("b", at: .seconds(9)) }
        }
        #expect(m.watchdogWoke(at: .seconds(Int64(wake))) == .timedOut)
        let record = m.record(number: 1, base: 0)
        #expect(record.timeoutLimit == fired)
        #expect(record.firedLimit == fired)
        // The old error text names the same limit, so older records read the same.
        #expect(TimeoutLimit(error: record.error) == fired)
    }

    @Test func summariesNameTheLimitAndItsFigure() {
        let l = AttemptLimits(timeout: .seconds(15), idleTimeout: .seconds(10), headTimeout: .seconds(120))
        #expect(TimeoutLimit.total.summary(l) == "total timeout 15 s")
        #expect(TimeoutLimit.idle.summary(l) == "idle timeout 10 s (stalled)")
        #expect(TimeoutLimit.head.summary(l).hasPrefix("head timeout "))
        #expect(TimeoutLimit.idle.summary(nil) == "idle timeout (stalled)")
        var ok = AttemptRecord(number: 1, status: .succeeded, startedMs: 0)
        ok.timeoutLimit = .idle
        #expect(ok.timeoutSummary == nil, "only a timed-out attempt has a limit that fired")
    }
}
