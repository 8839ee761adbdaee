import Foundation
import Testing

@testable import Chorus
@testable import ChorusCLI

/// Issue 14 follow-ups on the command line: a cancelled merge is named as such in the session
/// list and on quit, and a batch's advice names the likely cause of its failures.
@Suite struct FollowUpAdviceTests {
    static func cancelledMerge() -> RunRecord {
        var record = Records.record([.succeeded, .succeeded, .succeeded], fallback: true)
        record.aggregations[0].strategy = .judge
        record.aggregations[0].cancelled = true
        record.aggregations[0].error = "judge cancelled by the user; showing the answers concatenated (s merges again)"
        return record
    }

    @Test func aCancelledMergeIsListedAndNotedAsMergeCancelled() {
        let summary = SessionSummary(path: "/s/a.json", record: Self.cancelledMerge())
        #expect(summary.outcome == "merge cancelled")
        #expect(RunOutcome.fallbackNote(Self.cancelledMerge())?.contains("merge cancelled (judge)") == true)
        #expect(RunOutcome.fallbackNote(Self.cancelledMerge())?.contains("concatenated, not merged") == true)
        // A failed aggregator is a fallback too, and says so; a merged answer gets no note.
        let failed = Records.record([.succeeded, .succeeded, .succeeded], fallback: true)
        #expect(SessionSummary(path: "/s/b.json", record: failed).outcome == "answered (fallback)")
        #expect(RunOutcome.fallbackNote(failed)?.contains("synthesize failed") == true)
        let merged = Records.record([.succeeded, .succeeded, .succeeded])
        #expect(SessionSummary(path: "/s/c.json", record: merged).outcome == "answered")
        #expect(RunOutcome.fallbackNote(merged) == nil)
    }

    func summary(_ p: BatchProgress) -> BatchSummary {
        BatchSummary(progress: p, selection: BatchLedger.Selection(), items: p.total, inputName: "in.csv", out: "out.jsonl", shard: nil, pushbacks: 0)
    }

    func failedItem(_ statuses: [AttemptStatus], id: String) -> BatchResult {
        let record = Records.record(statuses)
        return BatchResult(id: id, idSource: .generated, status: .failed, failure: .allFailed, output: nil, error: record.error,
                           source: "line \(id)", elapsedMs: 15_000, usage: TokenUsage(), finishedAt: Date(), record: record)
    }

    @Test func aBatchFailingMostlyOnTimeoutsNamesTheLikelyCause() {
        var p = BatchProgress()
        p.total = 10
        p.count(failedItem([.timedOut, .timedOut, .timedOut], id: "1"))
        p.count(failedItem([.timedOut, .timedOut, .failed], id: "2"))
        p.count(failedItem([.failed, .failed, .failed], id: "3"))
        for _ in 0..<7 { p.succeeded += 1; p.finished += 1 }
        #expect(p.timedOut == 2)
        let lines = summary(p).lines
        let advice = lines.last!
        #expect(advice.contains("2 of the 3 failed items timed out"))
        #expect(advice.contains("smaller --concurrency"))
        #expect(advice.contains("larger --timeout"))
        #expect(advice.contains("more servers"))
        #expect(summary(p).json().contains(#""timed_out":2"#))
        // Mostly other failures: the plain advice.
        var q = BatchProgress()
        q.total = 3
        q.count(failedItem([.failed, .failed, .failed], id: "1"))
        q.count(failedItem([.failed, .failed, .failed], id: "2"))
        q.count(failedItem([.timedOut, .timedOut, .timedOut], id: "3"))
        #expect(summary(q).lines.last == "3 items failed; run the same command with --retry-failed to run them again")
    }

    @Test func anUnreadableRowSaysToFixItsLineNotToRetry() {
        var p = BatchProgress()
        p.total = 5
        let item = BatchItem(id: "line-4", idSource: .generated, fields: [:], location: "line 4", line: 4, problem: "line 4: 3 fields, expected 2")
        p.count(BatchResult(invalid: item, finishedAt: Date()))
        for _ in 0..<4 { p.succeeded += 1; p.finished += 1 }
        let lines = summary(p).lines
        #expect(lines.last == "1 item could not be read (line 4): fix that line in in.csv first; re-running reads it as it is")
        #expect(!lines.contains { $0.contains("--retry-failed") })
    }
}
