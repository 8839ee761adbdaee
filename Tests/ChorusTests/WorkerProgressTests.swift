import Chorus
import Testing

/// The one fold of run events into a worker's progress that the UI's panes and `chorus run`'s
/// progress lines share: what resets, what a late event of an older attempt may not change.
@Suite struct WorkerProgressTests {
    @Test func anAttemptFoldsFromStartToRecord() {
        var p = WorkerProgress<Int>()
        var applied: Bool
        applied = p.apply(.workerStarted(worker: 0, attempt: 1), at: 10)
        #expect(applied)
        applied = p.apply(.workerRetrying(worker: 0, attempt: 1, reason: "HTTP 429"), at: 20)
        #expect(applied)
        #expect(p.providerRetry == .init(count: 1, reason: "HTTP 429"))
        applied = p.apply(.workerChunk(worker: 0, attempt: 1, text: "a"), at: 30)
        #expect(applied)
        applied = p.apply(.workerChunk(worker: 0, attempt: 1, text: "b"), at: 40)
        #expect(applied)
        #expect(p.status == .streaming && p.firstTokenAt == 30 && p.chunks == 2 && p.providerRetry == nil)
        #expect(p.tokens?.count == 2 && p.tokens?.approximate == true)
        applied = p.apply(.workerUsage(worker: 0, attempt: 1, usage: TokenUsage(completionTokens: 7)), at: 50)
        #expect(applied)
        #expect(p.tokens?.count == 7 && p.tokens?.approximate == false)
        let record = AttemptRecord(number: 1, status: .succeeded, text: "ab", startedMs: 0, elapsedMs: 90, chunks: 2)
        applied = p.apply(.workerFinished(worker: 0, record: record), at: 100)
        #expect(applied)
        #expect(p.status == .succeeded && p.finished == record && p.endedAt == 100)
        #expect(p.tokens?.count == 7, "the usage seen live stays when the record has none")
    }

    @Test func eventsOfAnotherAttemptOrAfterTheEndChangeNothing() {
        var p = WorkerProgress<Int>()
        var applied: Bool
        p.apply(.workerStarted(worker: 0, attempt: 2), at: 0)
        let started = p
        applied = p.apply(.workerChunk(worker: 0, attempt: 1, text: "late"), at: 1)
        #expect(!applied)
        applied = p.apply(.workerUsage(worker: 0, attempt: 1, usage: TokenUsage(completionTokens: 3)), at: 1)
        #expect(!applied)
        applied = p.apply(.workerRetrying(worker: 0, attempt: 1, reason: "HTTP 500"), at: 1)
        #expect(!applied)
        applied = p.apply(.workerFinished(worker: 0, record: AttemptRecord(number: 1, status: .failed, startedMs: 0)), at: 1)
        #expect(!applied)
        applied = p.apply(.aggregationStarted(strategy: .vote), at: 1)
        #expect(!applied)
        #expect(p == started)
        p.apply(.workerFinished(worker: 0, record: AttemptRecord(number: 2, status: .timedOut, startedMs: 0)), at: 2)
        applied = p.apply(.workerChunk(worker: 0, attempt: 2, text: "after the end"), at: 3)
        #expect(!applied)
        #expect(p.status == .timedOut && p.chunks == 0)
    }

    @Test func eventsNameTheirWorker() {
        #expect(RunEvent.workerChunk(worker: 3, attempt: 1, text: "x").worker == 3)
        #expect(RunEvent.aggregationChunk(text: "x").worker == nil)
    }
}
