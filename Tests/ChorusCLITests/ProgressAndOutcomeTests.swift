import Chorus
import ChorusTestSupport
import Testing

@testable import ChorusCLI

@Suite struct ProgressBoardTests {
    @Test func rowsFollowTheEvents() {
        var board = ProgressBoard(plan: Records.plan())
        #expect(board.render(now: .zero, width: 80) == ["1  cost   · queued", "2  risk   · queued", "3  speed  · queued"])
        _ = board.apply(.workerStarted(worker: 0, attempt: 1), at: .zero)
        _ = board.apply(.workerStarted(worker: 1, attempt: 1), at: .zero)
        _ = board.apply(.workerChunk(worker: 0, attempt: 1, text: "Pa"), at: .milliseconds(300))
        _ = board.apply(.workerChunk(worker: 0, attempt: 1, text: "ris"), at: .milliseconds(400))
        _ = board.apply(.workerRetrying(worker: 1, attempt: 1, reason: "HTTP 429"), at: .milliseconds(500))
        let lines = board.render(now: .milliseconds(1940), width: 80, frame: 0)
        #expect(lines[0] == "1  cost   ⠋ streaming  1.9s    ~2 tok")
        #expect(lines[1] == "2  risk   ⠋ waiting    1.9s    retrying: HTTP 429")
        _ = board.apply(
            .workerFinished(worker: 0, record: AttemptRecord(number: 1, status: .succeeded, text: "Paris", startedMs: 0, elapsedMs: 2400, usage: TokenUsage(completionTokens: 96))),
            at: .milliseconds(2400))
        _ = board.apply(
            .workerFinished(worker: 2, record: AttemptRecord(number: 1, status: .failed, error: "HTTP 500: \u{1B}[31mboom", startedMs: 0, elapsedMs: 400)),
            at: .milliseconds(2500))
        let after = board.render(now: .seconds(9), width: 80)
        #expect(after[0] == "1  cost   ✓ done       2.4s    96 tok")
        #expect(after[2] == "3  speed  ✗ failed     0.4s    HTTP 500: ␛[31mboom")
        #expect(board.isRunning)
    }

    @Test func aggregationGetsItsOwnLineAndLinesFitTheWidth() {
        var board = ProgressBoard(plan: Records.plan(workers: 1))
        _ = board.apply(.aggregationStarted(strategy: .judge), at: .seconds(1))
        let lines = board.render(now: .seconds(2), width: 12)
        #expect(lines == ["1  cost  ·…", "   merging…"])
        _ = board.apply(.aggregationFinished(record: Records.record([.succeeded]).aggregations[0]), at: .seconds(3))
        #expect(board.render(now: .seconds(3), width: 80).count == 1)
    }
}

@Suite struct RunOutcomeTests {
    @Test func exitCodes() {
        #expect(RunOutcome.exitCode(for: Records.record([.succeeded, .succeeded, .timedOut]), unreachableFailures: 0, interrupted: false) == .success)
        #expect(RunOutcome.exitCode(for: Records.record([.succeeded, .failed, .failed]), unreachableFailures: 0, interrupted: false) == .quorumNotMet)
        #expect(RunOutcome.exitCode(for: Records.record([.failed, .timedOut]), unreachableFailures: 1, interrupted: false) == .allFailed)
        #expect(RunOutcome.exitCode(for: Records.record([.failed, .failed]), unreachableFailures: 2, interrupted: false) == .unreachable)
        #expect(RunOutcome.exitCode(for: Records.record([.succeeded]), unreachableFailures: 0, interrupted: true) == .interrupted)
    }

    @Test func codesAreDistinctAndDocumentedInHelp() {
        let codes = ChorusExitCode.allCases.map(\.rawValue)
        #expect(Set(codes).count == codes.count)
        #expect(ChorusExitCode.helpTable.contains("  2    fewer than half of the workers succeeded (quorum not met)"))
        #expect(ChorusExitCode.helpTable.contains("  130  interrupted"))
    }

    @Test func interruptMarksAnUnfinishedRunCancelled() {
        var record = Records.record([.cancelled, .succeeded, .cancelled])
        RunOutcome.markInterrupted(&record)
        #expect(record.failure == .cancelled)
        #expect(record.error == "interrupted before the run finished; 1 of 3 workers had succeeded")
        var done = Records.record([.succeeded])
        RunOutcome.markInterrupted(&done)
        #expect(done.status == .succeeded)
    }

    @Test func warningsNameDroppedWorkersAndTheFallback() {
        let lines = RunWarnings.lines(for: Records.record([.succeeded, .succeeded, .timedOut], fallback: true))
        #expect(lines == [
            "warning: worker 3 (speed) timed out after 15 s",
            "warning: fallback: synthesize failed (HTTP 500); showing the answers concatenated",
        ])
        #expect(RunWarnings.lines(for: Records.record([.succeeded, .succeeded])).isEmpty)
    }

    @Test func terminalTextShowsControlsHarmlessly() {
        #expect(TerminalSafeText.sanitize("a\u{1B}]0;pwned\u{07}b\nc\td") == "a␛]0;pwned␇b\nc\td")
        #expect(TerminalSafeText.oneLine("x\ny\u{9B}z") == "x y\u{FFFD}z")
    }
}
