import Chorus
import Testing
@testable import ChorusTUI

/// A run with `--schema`: the answer area's table (field, value, agreement, dissent; fields
/// under the threshold marked; "needs review" in the title) and each pane's object with the
/// fields that differ from the merged value marked, as text snapshots (`structured-*.txt`).
@Suite struct StructuredSnapshotTests {
    @Test(arguments: ["120x36", "80x24"])
    func tableAndPaneMarks(size: String) async throws {
        let dims = size.split(separator: "x").compactMap { Int($0) }
        let state = try await StructuredFixtures.state(width: dims[0], height: dims[1])
        Snapshot.check(Renderer.render(state), named: "structured-\(size)")
    }

    @Test func theTableSaysWhatTheRecordSays() async throws {
        let state = try await StructuredFixtures.state(width: 120, height: 36)
        let outcome = try #require(state.structured)
        let rows = Renderer.fieldRows(outcome)
        #expect(rows.map(\.field) == ["label", "amount", "weight", "reason"])
        let label = try #require(rows.first { $0.field == "label" })
        #expect(label.value == "positive")
        #expect(label.agreement == "4/5")
        #expect(label.dissent == "5", "worker numbers from 1")
        #expect(!label.belowThreshold)
        let amount = try #require(rows.first { $0.field == "amount" })
        #expect(amount.value == "12")
        #expect(amount.belowThreshold, "2 of 5 is under a strict majority")
        #expect(amount.dissent == "3,4,5")
        #expect(outcome.needsReview && outcome.reviewFields.contains("amount"))

        let grid = Renderer.render(state)
        let text = grid.plainText
        #expect(text.contains("needs review: amount"))
        // Worker 5's pane: label and amount differ from the merged values, marked; worker 1's are not.
        let five = Renderer.workerObjectLines(outcome, worker: 4)
        let marked = five.filter { $0.first?.text == "≠ " }.map { $0[1].text }
        #expect(marked.contains("label: ") && marked.contains("amount: "))
        #expect(five.allSatisfy { $0.first?.text == "≠ " ? $0.allSatisfy { $0.role == .warning } : true })
        let one = Renderer.workerObjectLines(outcome, worker: 0)
        #expect(!one.contains { $0.first?.text == "≠ " && $0[1].text == "label: " })
    }

    @Test func aFreeTextRunKeepsItsAnswerText() {
        var state = Fixtures.state(workers: 3, width: 100, height: 30)
        for w in 0..<3 { Fixtures.stream(&state, worker: w, text: Fixtures.answers[w]) }
        state.update(.run(.aggregationStarted(strategy: .synthesize)))
        state.update(.run(.aggregationFinished(record: Fixtures.aggregation(output: "Keep one deployable.", inputs: [0, 1, 2]))))
        #expect(state.structured == nil)
        let text = Renderer.render(state).plainText
        #expect(text.contains("Keep one deployable."))
        #expect(!text.contains("needs review"))
    }
}
