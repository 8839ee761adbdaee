import Foundation
import Testing

@testable import Chorus
@testable import ChorusCLI

/// A judge whose passes all replied without naming an answer (issue 15) is named as such on the
/// command line: the session list and the note on quit, not "judge failed".
@Suite struct JudgeNamedNoAnswerTests {
    static func noAnswer() -> RunRecord {
        var record = Records.record([.succeeded, .succeeded, .succeeded], fallback: true)
        record.aggregations[0].strategy = .judge
        record.aggregations[0].error = #"the judge named no answer: concatenated (2 passes replied: "fine" / "fine")"#
        record.aggregations[0].judge = JudgeRecord(
            passes: [.init(order: [2, 0, 1], reply: "fine"), .init(order: [1, 0, 2], reply: "fine")], decision: .none, worker: nil,
            how: "no pass named an answer")
        return record
    }

    @Test func theSessionListAndTheQuitNoteSayTheJudgeNamedNoAnswer() {
        let summary = SessionSummary(path: "/s/a.json", record: Self.noAnswer())
        #expect(summary.outcome == "answered (fallback)")
        #expect(summary.reason == "the judge named no answer: concatenated")
        #expect(RunOutcome.fallbackNote(Self.noAnswer()) == "chorus: note: the judge named no answer; the answer above is the workers' answers concatenated, not merged")
        // A judge whose call failed is still a failure.
        var failed = Self.noAnswer()
        failed.aggregations[0].judge?.decision = .failed
        #expect(SessionSummary(path: "/s/b.json", record: failed).reason == "judge failed; answers concatenated")
        #expect(RunOutcome.fallbackNote(failed)?.contains("judge failed") == true)
    }
}
