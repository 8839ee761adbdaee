@testable import Chorus
import ChorusTestSupport
import Foundation
import Testing

/// Waiting for the response head and answering are two limits (`WorkerSpec.headTimeout`): a
/// proxy that holds a request for its next rate window must not use up the worker's `timeout`.
/// Without a head limit, nothing changes: `timeout` counts from the start.
@Suite("Worker head timeout")
struct WorkerHeadTimeoutTests {
    typealias Machine = Worker.StateMachine

    /// Started at 1 s; 15 s to answer, 10 s idle, and (when given) a head limit.
    func machine(head: Duration? = .seconds(60)) -> Machine {
        Machine(startedAt: .seconds(1), timeout: .seconds(15), idleTimeout: .seconds(10), headTimeout: head)
    }

    // MARK: The state machine

    @Test("a head after 40 s (beyond the 15 s total) is waited for; the total then counts from the head")
    func headBeyondTotal() {
        var m = machine()
        #expect(m.deadline == .seconds(61))
        #expect(m.awaitingHead)
        // The old deadline (16 s) passes: no time-out while the head limit holds.
        #expect(m.watchdogWoke(at: .seconds(16)) == .sleep(until: .seconds(26)))
        #expect(m.responseStarted(at: .seconds(41)) == .forward)
        #expect(!m.awaitingHead)
        #expect(m.deadline == .seconds(56))
        #expect(m.receivedText("Paris", at: .seconds(45)) == .forward)
        #expect(m.streamFinished(at: .seconds(50))?.status == .succeeded)
        let r = m.record(number: 1, base: 0)
        #expect(r.headMs == 40_000)
        #expect(r.firstTokenMs == 44_000)
        #expect(r.limits == AttemptLimits(timeout: .seconds(15), idleTimeout: .seconds(10), headTimeout: .seconds(60)))
    }

    @Test("no head within the head limit: timed out with its own message, naming the setting")
    func headTimeoutFires() {
        var m = machine()
        #expect(m.watchdogWoke(at: .seconds(56)) == .sleep(until: .seconds(61)))
        #expect(m.watchdogWoke(at: .seconds(61)) == .timedOut)
        #expect(m.outcome?.error == "no response after 60 s: the server or a proxy held the request; raise --head-timeout")
        let r = m.record(number: 1, base: 0)
        #expect(r.status == .timedOut)
        #expect(r.headMs == nil)
        #expect(r.timedOutBeforeResponse)
    }

    @Test("the total counts from the head: a head at 5 s and no text times out at 5 + 15 s, not 1 + 15 s")
    func totalFromHead() {
        var m = machine()
        _ = m.responseStarted(at: .seconds(5))
        #expect(m.watchdogWoke(at: .seconds(16)) == .sleep(until: .seconds(20)))
        #expect(m.watchdogWoke(at: .seconds(20)) == .timedOut)
        #expect(m.outcome?.error == "timed out after 15 s with no answer (counted from the response head, which came after 4 s)")
        let r = m.record(number: 1, base: 0)
        #expect(r.headMs == 4000)
        #expect(!r.timedOutBeforeResponse, "a request the server took is not sent again")

        var streaming = machine()
        _ = streaming.responseStarted(at: .seconds(30))
        _ = streaming.receivedText("a", at: .seconds(31))
        _ = streaming.receivedText("b", at: .seconds(40))
        #expect(streaming.watchdogWoke(at: .seconds(45)) == .timedOut)
        #expect(streaming.outcome?.error == "timed out after 15 s (answer incomplete)")
    }

    @Test("a head between two looks of the watchdog: the total's deadline is still met on time (timeout below idle)")
    func headBetweenLooks() {
        var m = Machine(startedAt: .zero, timeout: .seconds(3), idleTimeout: .seconds(10), headTimeout: .seconds(60))
        // While no head came, it looks every 3 s (the total), not every 10 s (idle).
        #expect(m.nextWake == .seconds(3))
        #expect(m.watchdogWoke(at: .seconds(3)) == .sleep(until: .seconds(6)))
        _ = m.responseStarted(at: .seconds(4))
        #expect(m.watchdogWoke(at: .seconds(6)) == .sleep(until: .seconds(7)))
        #expect(m.watchdogWoke(at: .seconds(7)) == .timedOut)
    }

    @Test("without a head limit, nothing changes: the total counts from the start, the head is only recorded")
    func unsetKeepsOneLimit() {
        var m = machine(head: nil)
        #expect(m.nextWake == .seconds(11))
        _ = m.responseStarted(at: .seconds(10))
        #expect(m.deadline == .seconds(16))
        #expect(m.watchdogWoke(at: .seconds(11)) == .sleep(until: .seconds(16)))
        #expect(m.watchdogWoke(at: .seconds(16)) == .timedOut)
        #expect(m.outcome?.error == "timed out after 15 s with no answer")
        let r = m.record(number: 1, base: 0)
        #expect(r.headMs == 9000)
        #expect(r.limits == AttemptLimits(timeout: .seconds(15), idleTimeout: .seconds(10), headTimeout: nil))
    }

    @Test("a model that sends no head: its first chunk (text or reasoning) is the head")
    func firstChunkImpliesHead() {
        var m = machine()
        _ = m.receivedReasoning("hmm", at: .seconds(50))
        #expect(m.deadline == .seconds(65))
        #expect(m.responseStarted(at: .seconds(51)) == .drop, "a later head changes nothing")
        #expect(m.record(number: 1, base: 0).headMs == 49_000)

        var text = machine(head: nil)
        _ = text.receivedText("a", at: .seconds(3))
        #expect(text.record(number: 1, base: 0).headMs == 2000)
    }

    @Test("a hold at the client's own rate limiter moves the head limit too; only the first head counts")
    func holdMovesHeadLimit() {
        var m = machine()
        _ = m.held(at: .seconds(1))
        _ = m.released(at: .seconds(21))
        #expect(m.deadline == .seconds(81))
        #expect(m.responseStarted(at: .seconds(30)) == .forward)
        #expect(m.responseStarted(at: .seconds(31)) == .drop)
        #expect(m.deadline == .seconds(45))
    }

    @Test("the record's new fields round-trip; an older attempt without them decodes")
    func recordFields() throws {
        var m = machine()
        _ = m.responseStarted(at: .seconds(2))
        _ = m.receivedText("ok", at: .seconds(3))
        _ = m.streamFinished(at: .seconds(4))
        var r = m.record(number: 2, base: 0)
        r.resend = 1
        let data = try RunRecord.makeEncoder(pretty: false).encode(r)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains(#""head_ms":1000"#))
        #expect(json.contains(#""limits":{"head_timeout_ms":60000,"idle_timeout_ms":10000,"timeout_ms":15000}"#))
        #expect(json.contains(#""resend":1"#))
        #expect(try RunRecord.makeDecoder().decode(AttemptRecord.self, from: data) == r)

        let old = #"{"attempt":1,"status":"succeeded","text":"x","error":null,"started_ms":0,"elapsed_ms":5,"first_token_ms":1,"usage":null,"chunks":1,"provider_retries":[]}"#
        let decoded = try RunRecord.makeDecoder().decode(AttemptRecord.self, from: Data(old.utf8))
        #expect(decoded.headMs == nil && decoded.limits == nil && decoded.resend == nil)
        let oldSpec = #"{"index":0,"label":"1","temperature":0.2,"focus":null,"model":{"provider":"p","model":"m"},"max_tokens":null,"timeout_ms":15000,"idle_timeout_ms":10000}"#
        #expect(try RunRecord.makeDecoder().decode(WorkerSpec.self, from: Data(oldSpec.utf8)).headTimeout == nil)
    }

    // MARK: Through the engine, on the manual clock

    func plan(head: Duration?, timeout: Duration = .seconds(15)) -> Plan {
        var plan = testPlan(workers: 1, timeout: timeout)
        plan.workers[0].headTimeout = head
        return plan
    }

    @Test("engine: a proxy holds the request 50 s, then answers: succeeds with a 15 s timeout and a 60 s head limit")
    func engineHeldByProxy() async {
        let clock = ManualClock()
        let models = TestModels(clock: clock, workers: [[.wait(.seconds(50)), .head, .wait(.seconds(2)), .text("Paris")]])
        let log = EventLog()
        let controller = makeController(plan(head: .seconds(60)), models, clock, events: log.sink)
        let run = Task { await controller.start() }
        #expect(await clock.drive { await controller.record.status != .running })
        let record = await run.value
        let attempt = record.workers[0].attempts[0]
        #expect(attempt.status == .succeeded, "\(attempt.error ?? "")")
        #expect(attempt.headMs == 50_000)
        #expect(attempt.firstTokenMs == 52_000)
        #expect(log.all.contains(.workerResponded(worker: 0, attempt: 1)))
    }

    @Test("engine: the same hold without a head limit times out at 15 s, as it always did")
    func engineWithoutHeadLimit() async {
        let clock = ManualClock()
        let models = TestModels(clock: clock, workers: [[.wait(.seconds(50)), .head, .wait(.seconds(2)), .text("Paris")]])
        let controller = makeController(plan(head: nil), models, clock)
        let run = Task { await controller.start() }
        #expect(await clock.drive { await controller.record.status != .running })
        let attempt = await run.value.workers[0].attempts[0]
        #expect(attempt.status == .timedOut)
        #expect(attempt.elapsedMs == 15_000)
        #expect(attempt.error == "timed out after 15 s with no answer")
    }

    @Test("engine: no head within the head limit: timed out at 60 s with the head message")
    func engineHeadTimeout() async {
        let clock = ManualClock()
        let models = TestModels(clock: clock, workers: [[.hang]])
        let controller = makeController(plan(head: .seconds(60)), models, clock)
        let run = Task { await controller.start() }
        #expect(await clock.drive { await controller.record.status != .running })
        let attempt = await run.value.workers[0].attempts[0]
        #expect(attempt.status == .timedOut)
        #expect(attempt.elapsedMs == 60_000)
        #expect(attempt.error?.hasPrefix("no response after 60 s") == true)
        #expect(attempt.resend == nil, "chorus run sends nothing again by itself")
        #expect(await controller.record.workers[0].attempts.count == 1)
    }

    @Test("engine: the total counts from the head: head at 30 s, then silence, times out at 30 + 15 s")
    func engineTotalFromHead() async {
        let clock = ManualClock()
        let models = TestModels(clock: clock, workers: [[.wait(.seconds(30)), .head, .hang]])
        let controller = makeController(plan(head: .seconds(60)), models, clock)
        let run = Task { await controller.start() }
        #expect(await clock.drive { await controller.record.status != .running })
        let attempt = await run.value.workers[0].attempts[0]
        #expect(attempt.status == .timedOut)
        #expect(attempt.elapsedMs == 45_000)
        #expect(attempt.headMs == 30_000)
    }
}

@Suite("Worker head timeout in the run record")
struct WorkerHeadTimeoutRecordTests {
    @Test("a worker's head limit survives the record (a batch's --retry-failed compares the plans)")
    func workerRecordKeepsTheHeadLimit() throws {
        var plan = testPlan(workers: 2)
        plan.workers[0].headTimeout = .seconds(120)
        let record = RunRecord(plan: plan, startedAt: fixedDate)
        let decoded = try RunRecord.makeDecoder().decode(RunRecord.self, from: try record.jsonData(pretty: false))
        #expect(decoded.workers.map(\.spec) == plan.workers)
        #expect(decoded.workers.map(\.spec.headTimeout) == [.seconds(120), nil])
    }
}
