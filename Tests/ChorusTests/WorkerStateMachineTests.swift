@testable import Chorus
import Testing

@Suite("Worker.StateMachine")
struct WorkerStateMachineTests {
    typealias Machine = Worker.StateMachine

    func machine() -> Machine { Machine(startedAt: .seconds(1), timeout: .seconds(15), idleTimeout: .seconds(10)) }

    @Test("text is kept in order and the first chunk's time recorded")
    func streaming() {
        var m = machine()
        #expect(m.receivedText("Par", at: .seconds(2)) == .forward)
        #expect(m.receivedText("is", at: .seconds(3)) == .forward)
        #expect(m.streamFinished(at: .seconds(4))?.status == .succeeded)
        let r = m.record(number: 1, base: 0)
        #expect(r.text == "Paris")
        #expect(r.firstTokenMs == 1000)
        #expect(r.elapsedMs == 3000)
        #expect(r.startedMs == 1000)
        #expect(r.usage == TokenUsage(completionTokens: 2, approximate: true))
    }

    @Test("the first terminal event wins; later ones are ignored")
    func exactlyOneTerminalState() {
        var m = machine()
        _ = m.receivedText("a", at: .seconds(2))
        #expect(m.watchdogWoke(at: .seconds(16)) == .timedOut)
        #expect(m.streamFinished(at: .seconds(17)) == nil)
        #expect(m.streamFailed(Machine.TestError(), at: .seconds(17)) == nil)
        #expect(m.cancelled(at: .seconds(17)) == nil)
        #expect(m.receivedText("late", at: .seconds(17)) == .drop)
        #expect(m.outcome?.status == .timedOut)
        #expect(m.record(number: 1, base: 0).text == "a")
    }

    @Test("waiting: the watchdog wakes every idle period until the total deadline")
    func waitingWakes() {
        var m = machine()
        #expect(m.nextWake == .seconds(11))
        #expect(m.watchdogWoke(at: .seconds(11)) == .sleep(until: .seconds(16)))
        #expect(m.watchdogWoke(at: .seconds(16)) == .timedOut)
        #expect(m.outcome?.error == "timed out after 15 s with no answer")
    }

    @Test("streaming: the idle limit counts from the last chunk")
    func idle() {
        var m = machine()
        _ = m.receivedText("a", at: .seconds(2))
        #expect(m.watchdogWoke(at: .seconds(11)) == .sleep(until: .seconds(12)))
        _ = m.receivedText("b", at: .seconds(11.5))
        #expect(m.watchdogWoke(at: .seconds(12)) == .sleep(until: .seconds(16)))
        #expect(m.watchdogWoke(at: .seconds(16)) == .timedOut)
        #expect(m.outcome?.error == "timed out after 15 s (answer incomplete)")

        var stalled = machine()
        _ = stalled.receivedText("a", at: .seconds(2))
        #expect(stalled.watchdogWoke(at: .seconds(12)) == .timedOut)
        #expect(stalled.outcome?.error == "stalled: no text for 10 s")
    }

    @Test("an empty or blank answer is a failure, not a success")
    func empty() {
        var m = machine()
        #expect(m.receivedText("", at: .seconds(2)) == .drop)
        _ = m.receivedText("  \n", at: .seconds(2))
        #expect(m.streamFinished(at: .seconds(3))?.status == .failed)
        #expect(m.outcome?.error == "the model returned an empty answer")
    }

    @Test("a CancellationError from the stream means cancelled, not failed")
    func cancellation() {
        var m = machine()
        #expect(m.streamFailed(CancellationError(), at: .seconds(2))?.status == .cancelled)
    }

    @Test("provider retries are recorded only before the first text")
    func retries() {
        var m = machine()
        #expect(m.receivedRetry("HTTP 429", at: .seconds(2)) == .forward)
        _ = m.receivedText("a", at: .seconds(3))
        #expect(m.receivedRetry("HTTP 500", at: .seconds(4)) == .drop)
        #expect(m.record(number: 1, base: 0).providerRetries == ["HTTP 429"])
    }

    @Test("a multi-line error becomes one line")
    func oneLineError() {
        var m = machine()
        _ = m.streamFailed(Machine.TestError(text: "HTTP 500\nbody: oops"), at: .seconds(2))
        #expect(m.outcome?.error == "HTTP 500 body: oops")
    }
}
