import Chorus
import Testing

@testable import ChorusCLI

/// Issue 14 on the headless progress lines: a worker's number is written once ("1  1  ⠧
/// waiting" was the bug), and a timeout says which limit fired in the words the UI's panes use.
@Suite struct ProgressLineTruthTests {
    @Test func aLabelThatIsTheNumberIsNotRepeated() {
        let plan = Plan(task: "t", workerCount: 2, model: Records.model)
        var board = ProgressBoard(plan: plan)
        _ = board.apply(.workerStarted(worker: 0, attempt: 1), at: .zero)
        let lines = board.render(now: .seconds(12), width: 80)
        #expect(lines[0] == "1  ⠋ waiting    12.0s   queued 12s · gives up in 3s")
        #expect(lines[1] == "2  · queued")
        // Labels of their own (focus areas) keep their column.
        let named = ProgressBoard(plan: Records.plan(workers: 2)).render(now: .zero, width: 80)
        #expect(named == ["1  cost  · queued", "2  risk  · queued"])
    }

    @Test(arguments: [
        (TimeoutLimit.idle, "stalled: no text for 10s", "idle timeout 10 s (stalled) · partial text kept"),
        (TimeoutLimit.total, "timed out after 15s (answer incomplete)", "total timeout 15 s · partial text kept"),
    ])
    func aTimeoutSaysWhichLimitFired(limit: TimeoutLimit, error: String, note: String) {
        var board = ProgressBoard(plan: Plan(task: "t", workerCount: 1, model: Records.model))
        var attempt = AttemptRecord(number: 1, status: .timedOut, text: "half an", error: error, startedMs: 0, elapsedMs: 15_000)
        attempt.limits = AttemptLimits(timeout: .seconds(15), idleTimeout: .seconds(10))
        attempt.timeoutLimit = limit
        _ = board.apply(.workerStarted(worker: 0, attempt: 1), at: .zero)
        _ = board.apply(.workerFinished(worker: 0, record: attempt), at: .seconds(15))
        #expect(board.rows[0].note == note)
        #expect(board.render(now: .seconds(16), width: 200)[0].hasSuffix(note))
    }
}
