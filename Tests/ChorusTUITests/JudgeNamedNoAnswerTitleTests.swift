import Chorus
import Testing

@testable import ChorusTUI

/// The answer's title and the agreement view name a judge that named no answer as such
/// (issue 15), and keep "failed" for a judge whose call failed.
@Suite struct JudgeNamedNoAnswerTitleTests {
    static func record(decision: JudgeRecord.Decision) -> AggregationRecord {
        var record = Fixtures.aggregation(
            .judge, output: "## Worker 1\n\nA\n\n## Worker 2\n\nB", inputs: [0, 1, 2], fallback: true,
            error: #"the judge named no answer: concatenated (2 passes replied: "fine" / "fine")"#)
        record.judge = JudgeRecord(
            passes: [.init(order: [0, 1, 2], reply: "fine"), .init(order: [2, 1, 0], reply: "fine")], decision: decision,
            worker: nil, how: "no pass named an answer")
        return record
    }

    @Test func theTitleSaysTheJudgeNamedNoAnswer() {
        var state = SnapshotTests.answered(workers: 3, width: 100, height: 24)
        state.update(.run(.aggregationStarted(strategy: .judge)))
        state.update(.run(.aggregationFinished(record: Self.record(decision: .none))))
        let screen = Renderer.render(state).plainText
        #expect(screen.contains("the judge named no answer: concatenated"))
        #expect(!screen.contains("judge failed"))
        #expect(AgreementReport.how(Self.record(decision: .none)) == "the judge named no answer: concatenated")
        #expect(AgreementReport.how(Self.record(decision: .failed)) == "judge failed → concatenate")
    }
}
