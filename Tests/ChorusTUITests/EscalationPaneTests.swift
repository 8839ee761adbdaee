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
        #expect(state.panes[3].displayName == "+4 cost", "an extra worker is marked")
        #expect(state.panes[2].displayName == "3 speed")
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

    /// The "escalating" line goes when the loop stops (issue 15: it stayed ~4 s after the run).
    @Test func theEscalatingLineGoesWhenTheLoopStops() {
        var state = Fixtures.state()
        var record = escalated(Fixtures.record(workers: 3), extra: 1)
        state.update(.run(.runUpdated(record: record)))
        #expect(state.message?.text.hasPrefix("escalating: ") == true)
        // Another sync while the extra worker runs keeps it.
        state.update(.run(.runUpdated(record: record)))
        #expect(state.message != nil)
        record.escalation?.stop = .clear
        record.escalation?.reason = "a group is clear: 2 of 4 say 389"
        state.update(.run(.runUpdated(record: record)))
        #expect(state.message == nil, "no tick needed: the loop stopped")

        // A merge starting ends it too.
        var merging = Fixtures.state()
        merging.update(.run(.runUpdated(record: escalated(Fixtures.record(workers: 3), extra: 1))))
        merging.update(.run(.aggregationStarted(strategy: .vote)))
        #expect(merging.message == nil)
        // Other messages are not dropped by the loop's stop.
        var other = Fixtures.state()
        other.update(.run(.runUpdated(record: escalated(Fixtures.record(workers: 3), extra: 1))))
        other.say("saved the answer to /tmp/a.md")
        other.update(.run(.runUpdated(record: record)))
        #expect(other.message?.text == "saved the answer to /tmp/a.md")
    }

    /// Extra workers are marked wherever workers are named: the pane title and the agreement view.
    @Test func extraWorkersAreMarkedInTheirPaneAndTheAgreementView() {
        var state = Fixtures.state(width: 140, height: 40)
        var record = escalated(Fixtures.record(workers: 3), extra: 1)
        for i in record.workers.indices {
            record.workers[i].attempts = [Fixtures.attempt(.succeeded, text: i == 1 ? "380" : "389")]
        }
        record.aggregations = [
            AggregationRecord(
                strategy: .vote, status: .succeeded, output: "389", inputs: [0, 1, 2, 3],
                tally: Tally(groups: [Tally.Group(answer: "389", display: "389", workers: [0, 2, 3]), Tally.Group(answer: "380", display: "380", workers: [1])]),
                startedMs: 1000, elapsedMs: 5)
        ]
        record.escalation?.stop = .clear
        record.status = .succeeded
        state.update(.run(.runUpdated(record: record)))
        let screen = Renderer.render(state).plainText
        #expect(screen.contains("+4 cost"), "\(screen)")
        state.update(.key(.character("a")))
        let view = Renderer.render(state).plainText
        #expect(view.contains("1 cost · 3 speed · +4 cost"), "\(view)")

        // A reopened session marks them as well.
        let reopened = UIState(record: record, width: 140, height: 40, reopened: true)
        #expect(reopened.panes.map(\.displayName) == ["1 cost", "2 risk", "3 speed", "+4 cost"])
    }
}
