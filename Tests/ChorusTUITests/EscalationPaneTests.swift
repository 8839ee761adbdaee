import Chorus
import Testing
@testable import ChorusTUI

/// Escalation's extra workers in the UI: the record the controller publishes before their first
/// events adds a pane each (the record is the truth), the key line says why, and the answer's
/// title says how many the run started.
@Suite struct EscalationPaneTests {
    /// The fixtures' run with `extra` escalated workers appended, as the controller appends them.
    func escalated(_ base: RunRecord, extra: Int) -> RunRecord {
        var record = base
        let plan = EscalationPlan.continuing(base.workers.map(\.spec), budget: extra)
        record.escalation = EscalationRecord(plan: plan)
        var indices: [Int] = []
        for spec in plan.reserve {
            var worker = WorkerRecord(spec: spec)
            worker.escalated = true
            record.workers.append(worker)
            indices.append(spec.index)
        }
        record.escalation?.steps = [EscalationRecord.Step(workers: indices, atMs: 900, why: "1-1-1: 1 more answer could make a group clear")]
        return record
    }

    @Test func anExtraWorkerGetsAPaneBeforeItsFirstEvent() {
        var state = Fixtures.state()
        let record = escalated(Fixtures.record(workers: 3), extra: 1)
        state.update(.run(.runUpdated(record: record)))
        #expect(state.panes.count == 4)
        #expect(state.panes[3].displayName == "4 cost")
        #expect(state.message?.text == "escalating: +1 worker (1-1-1: 1 more answer could make a group clear)")
        // Its events now land in its pane.
        state.update(.tick(now: 1000))
        state.update(.run(.workerStarted(worker: 3, attempt: 1)))
        #expect(state.panes[3].status == .waiting)
        // A second sync with the same workers adds nothing.
        state.update(.run(.runUpdated(record: record)))
        #expect(state.panes.count == 4)
    }

    @Test func theAnswerTitleSaysTheRunEscalated() {
        var state = Fixtures.state(width: 140)
        var record = escalated(Fixtures.record(workers: 3), extra: 2)
        for i in record.workers.indices {
            record.workers[i].attempts = [Fixtures.attempt(.succeeded, text: i == 1 ? "380" : "389")]
        }
        record.aggregations = [
            AggregationRecord(
                strategy: .vote, status: .succeeded, output: "389", inputs: [0, 1, 2, 3, 4],
                tally: Tally(groups: [Tally.Group(answer: "389", display: "389", workers: [0, 2, 3, 4]), Tally.Group(answer: "380", display: "380", workers: [1])]),
                startedMs: 1000, elapsedMs: 5)
        ]
        record.status = .succeeded
        state.update(.run(.runUpdated(record: record)))
        #expect(state.panes.count == 5)
        let screen = Renderer.render(state).plainText
        #expect(screen.contains("escalated +2"), "\(screen)")
        #expect(screen.contains("5 of 5 merged"))
    }
}
