import Chorus
import Foundation
import Testing

@Suite("Escalation: the plan (reserve, temperatures, JSON)")
struct EscalationPlanTests {
    @Test("extra temperatures are midpoints of the widest gaps, never a planned worker's")
    func temperatureRule() {
        // 3 workers at 0.2, 0.6, 1.0: the gaps' midpoints, then the new gaps'.
        #expect(EscalationPlan.temperatures(count: 4, after: [0.2, 0.6, 1.0], in: 0.2...1.0) == [0.4, 0.8, 0.3, 0.5])
        // One worker at the range's low end: the middle of the range first.
        #expect(EscalationPlan.temperatures(count: 2, after: [0.2], in: 0.2...1.0) == [0.6, 0.4])
        // Five workers (0.2, 0.4, ..., 1.0): 0.3, 0.5, 0.7, 0.9, none of theirs.
        let five = Plan.spread(0.2...1.0, count: 5)
        let extra = EscalationPlan.temperatures(count: 4, after: five, in: 0.2...1.0)
        #expect(extra == [0.3, 0.5, 0.7, 0.9])
        #expect(Set(extra).isDisjoint(with: five))
        // A range of one value has no other point.
        #expect(EscalationPlan.temperatures(count: 2, after: [0.7, 0.7], in: 0.7...0.7) == [0.7, 0.7])
        #expect(EscalationPlan.temperatures(count: 0, after: [0.2], in: 0.2...1.0).isEmpty)
    }

    @Test("Plan(escalate:) plans K reserve workers continuing indices and focus areas")
    func planReserve() throws {
        let plan = Plan(
            task: "t", workerCount: 3, focusAreas: ["cost", "risk"], model: ModelChoice(provider: "p", model: "m"), escalate: 3)
        #expect(plan.workers.map(\.focus) == ["cost", "risk", "cost"])
        let reserve = try #require(plan.escalation).reserve
        #expect(plan.escalation?.budget == 3)
        #expect(reserve.map(\.index) == [3, 4, 5])
        #expect(reserve.map(\.focus) == ["risk", "cost", "risk"])
        #expect(reserve.map(\.temperature) == [0.4, 0.8, 0.3])
        #expect(plan.validate().isEmpty)
        #expect(Plan(task: "t", workerCount: 3, model: ModelChoice(provider: "p", model: "m")).escalation == nil)
    }

    @Test("continuing(_:budget:) copies the workers' settings cycling, with new numbers and temperatures")
    func continuing() {
        var workers = Plan(task: "t", workerCount: 2, focusAreas: ["cost", "2"], model: ModelChoice(provider: "p", model: "m")).workers
        workers[1].label = "2"
        workers[0].seed = 1
        let plan = EscalationPlan.continuing(workers, budget: 3)
        #expect(plan.reserve.map(\.index) == [2, 3, 4])
        #expect(plan.reserve.map(\.label) == ["cost", "4", "cost"])
        #expect(plan.reserve.map(\.temperature) == [0.6, 0.4, 0.8])
        #expect(plan.reserve.map(\.seed) == [3, nil, 5])
        #expect(EscalationPlan.continuing([], budget: 2).reserve.isEmpty)
    }

    @Test("a plan with escalation round-trips through JSON; an older plan decodes without it")
    func planJSON() throws {
        let plan = Plan(task: "t", workerCount: 2, model: ModelChoice(provider: "p", model: "m"), escalate: 2)
        let data = try JSONEncoder().encode(plan)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"escalation\""))
        #expect(try JSONDecoder().decode(Plan.self, from: data) == plan)
        let old = Plan(task: "t", workerCount: 2, model: ModelChoice(provider: "p", model: "m"))
        let oldData = try JSONEncoder().encode(old)
        #expect(!String(decoding: oldData, as: UTF8.self).contains("escalation"))
        #expect(try JSONDecoder().decode(Plan.self, from: oldData).escalation == nil)
    }

    @Test("validate names a negative budget and a reserve shorter than the budget")
    func validate() {
        var plan = Plan(task: "t", workerCount: 2, model: ModelChoice(provider: "p", model: "m"), escalate: 2)
        plan.escalation?.budget = -1
        #expect(plan.validate() == ["escalate: -1 is below 0; give the most extra workers to start, e.g. --escalate 4 (0 is off)"])
        plan.escalation?.budget = 3
        #expect(plan.validate() == ["escalate: a budget of 3 but 2 reserve workers; plan one per extra worker"])
    }
}

@Suite("Escalation: how many to start (EscalationStep)")
struct EscalationStepTests {
    func answers(_ texts: [String]) -> [Answer] {
        texts.enumerated().map { Answer(worker: $0.offset, label: "\($0.offset + 1)", text: $0.element) }
    }

    let task = "What is 17 * 23?"

    @Test("a clear group stops at once, naming it")
    func clear() {
        let step = EscalationStep.next(answers: answers(["389", "389", "389", "380", "406"]), task: task, left: 4)
        #expect(step == .stop(.clear, reason: "a group is clear: 3 of 5 say 389"))
    }

    @Test("a 2-2-1 tie starts 1, not 4")
    func tieStartsOne() {
        let step = EscalationStep.next(answers: answers(["389", "389", "380", "380", "406"]), task: task, left: 4)
        #expect(step == .start(1, why: "2-2-1: 1 more answer could make a group clear"))
    }

    /// Whatever rule `clearWinner` follows (the tally decides it), the number started is the
    /// fewest copies of one answer given that make a group clear: one fewer copies of any
    /// answer given does not.
    @Test(
        "the count started is the fewest extra answers that could make a group clear",
        arguments: [
            ["389", "389", "380", "380", "406"], ["1", "2", "3", "4", "5"], ["389", "380"], ["7", "7", "8", "8", "9", "9"],
            ["Paris", "paris.", "Lyon", "Lyon", "Nice"],
            // The largest group is a hedge, which is never clear: the runner-up can win.
            ["Paris or Lyon", "Paris or Lyon", "Paris"], ["389 or 380", "389 or 380", "389 or 380", "406", "389"],
        ])
    func fewest(_ texts: [String]) throws {
        let given = answers(texts)
        guard case .start(let n, _) = EscalationStep.next(answers: given, task: task, left: 6) else {
            Issue.record("expected a start for \(texts), got \(EscalationStep.next(answers: given, task: task, left: 6))")
            return
        }
        func clear(adding m: Int, of text: String) -> Bool {
            let copies = (0..<m).map { Answer(worker: given.count + $0, label: "x", text: text) }
            return AggregationInput(task: task, answers: given + copies).clearWinner != nil
        }
        #expect(Set(texts).contains { clear(adding: n, of: $0) })
        #expect(!Set(texts).contains { clear(adding: n - 1, of: $0) })
    }

    @Test("a hedge as the largest group (2 say 'Paris or Lyon', 1 'Paris') starts 2: Paris 3-2 is clear")
    func hedgeLargest() {
        let step = EscalationStep.next(
            answers: answers(["Paris or Lyon", "Paris or Lyon", "Paris"]), task: "What is the capital of France?", left: 4)
        #expect(step == .start(2, why: "2-1: 2 more answers could make a group clear"))
    }

    /// With `--schema` the groups are whole objects, as the record's tally is, and the reason
    /// names the object readably (issue 15: it showed `2 of 3 say label\":\"pos`).
    func objects(_ labels: [String]) -> [Answer] {
        labels.enumerated().map {
            Answer(
                worker: $0.offset, label: "\($0.offset + 1)", text: "{\"label\":\"\($0.element)\",\"score\":3}",
                object: .object(["label": .string($0.element), "score": .number(3)]))
        }
    }

    @Test("with a schema, a clear group is the same object given twice, named readably")
    func objectsClear() {
        let task = "Label the review: 'Great phone.'"
        #expect(EscalationStep.next(answers: objects(["pos", "pos", "neg"]), task: task, left: 2)
            == .stop(.clear, reason: "a group is clear: 2 of 3 objects agree (label: pos, score: 3)"))
        // "POS" and "pos" are one value for the per-field vote, so one object here too.
        #expect(EscalationStep.next(answers: objects(["pos", "POS", "neg"]), task: task, left: 2)
            == .stop(.clear, reason: "a group is clear: 2 of 3 objects agree (label: pos, score: 3)"))
        #expect(EscalationStep.next(answers: objects(["pos", "neg"]), task: task, left: 2)
            == .start(1, why: "1-1: 1 more answer could make a group clear"))
        // Objects that differ in one field are different objects.
        var split = objects(["pos", "pos"])
        split[1].object = .object(["label": .string("pos"), "score": .number(4)])
        #expect(EscalationStep.next(answers: split, task: task, left: 2) == .start(1, why: "1-1: 1 more answer could make a group clear"))
    }

    @Test("the budget caps it: nothing left is budget spent")
    func budgetSpent() {
        let step = EscalationStep.next(answers: answers(["389", "380"]), task: task, left: 0)
        #expect(step == .stop(.budgetSpent, reason: "budget spent, no group is clear"))
    }

    @Test("essays start nobody: auto merges them whatever the count")
    func outOfReach() {
        // Essays: over 100 words each (`ExtractedAnswer.isEssay`), with no words in common.
        let essays = [
            String(repeating: "Keeping one deployable application while five people learn what two customers need remains sensible. ", count: 8),
            String(repeating: "Splitting into separate services before hiring platform engineers would double operational work today. ", count: 8),
        ]
        guard case .stop(.outOfReach, let reason) = EscalationStep.next(answers: answers(essays), task: "Split it?", left: 2) else {
            Issue.record("expected out of reach, got \(EscalationStep.next(answers: answers(essays), task: "Split it?", left: 2))")
            return
        }
        #expect(reason.contains("the answers are essays, merged whatever the count"))
    }

    @Test("no answers: nothing to build on")
    func noAnswers() {
        #expect(EscalationStep.next(answers: [], task: task, left: 3) == .stop(.noAnswers, reason: "no worker answered, so no group to build on"))
    }
}
