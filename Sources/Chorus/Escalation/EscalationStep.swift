/// The escalation loop's one decision, pure: given the answers so far and the budget left, stop
/// (and why) or start how many more workers. `RunController` applies it.
///
/// The rule (README "Escalation"): a group is clear when `AggregationInput.clearWinner` says so,
/// the same property that makes `auto` take the vote (its rule is the tally's, not restated here).
/// Otherwise start the fewest extra workers that could make a group clear if every one of them
/// joined one group, found by simulating it with that same property: for each group that can
/// win (every group but a hedge such as "Paris or Lyon", which `clearWinner` never takes),
/// copies of its first answer added one at a time; the fewest over all groups, capped by the
/// budget left. So a 2-2-1 tie starts 1, not 4; a 1-1-1-1-1 split starts 1 too (a 2-1-1-1-1
/// plurality is clear); a hedge 2 ("Paris or Lyon") over 1 "Paris" starts 2 (Paris 3-2). When not even
/// the whole budget left could make a group clear, or the answers are essays (which `auto`
/// merges whatever the count), nothing is started: those calls could not change the decision.
/// With `--schema` the groups are whole objects (`reading(_:task:)`), as in the record's tally.
public enum EscalationStep: Sendable, Equatable {
    /// Start this many extra workers now; `why` says why this many.
    case start(Int, why: String)
    /// Stop: the kind and its one-line reason.
    case stop(EscalationRecord.Stop, reason: String)

    public static func next(answers: [Answer], task: String, left: Int) -> EscalationStep {
        let input = reading(answers, task: task)
        if let winner = input.clearWinner {
            return .stop(.clear, reason: clearReason(winner, answers: answers))
        }
        guard !answers.isEmpty else { return .stop(.noAnswers, reason: "no worker answered, so no group to build on") }
        guard left > 0 else { return .stop(.budgetSpent, reason: "budget spent, no group is clear") }
        let split = shape(input.tally)
        // Essays are merged whatever the count (`Auto`: merging is the point), so more of them
        // could not change how the answer is made.
        if !objects(answers), input.mostlyEssays {
            return .stop(.outOfReach, reason: "no group is clear (\(split)) and the answers are essays, merged whatever the count")
        }
        guard let needed = fewestToClear(answers: answers, task: task, within: left, input: input) else {
            return .stop(
                .outOfReach,
                reason: "no group is clear (\(split)) and \(left) more answer\(left == 1 ? "" : "s") could not make one")
        }
        return .start(needed, why: "\(split): \(needed) more answer\(needed == 1 ? "" : "s") could make a group clear")
    }

    /// "2-2-1": the groups' sizes, largest first.
    static func shape(_ tally: Tally) -> String {
        tally.groups.map { String($0.count) }.joined(separator: "-")
    }

    /// The fewest copies (1...`within`) of one group's answer that make `clearWinner` non-nil,
    /// over every group that can win; nil when none does. Groups are taken from both the exact
    /// tally and the shown tally (they differ for long answers), largest first; a hedged group
    /// (an answer naming two candidates) is skipped, since `clearWinner` never takes it however
    /// large it grows. Trying the largest first lets each later group stop below the best so far.
    static func fewestToClear(answers: [Answer], task: String, within: Int, input: AggregationInput) -> Int? {
        guard within > 0 else { return nil }
        let groups = (input.exactTally.groups + input.tally.groups)
            .filter { !$0.hedged }
            .sorted { $0.count > $1.count }
        var seeds: [Answer] = []
        for group in groups {
            guard let first = group.workers.first, let answer = answers.first(where: { $0.worker == first }),
                !seeds.contains(answer)
            else { continue }
            seeds.append(answer)
        }
        let next = (answers.map(\.worker).max() ?? -1) + 1
        var best: Int?
        for seed in seeds {
            for m in 1...within where best.map({ m < $0 }) ?? true {
                let copies = (0..<m).map { j in
                    Answer(worker: next + j, label: "\(next + j + 1)", text: seed.text, stopReason: seed.stopReason, object: seed.object)
                }
                if reading(answers + copies, task: task).clearWinner != nil {
                    best = m
                    break
                }
            }
        }
        return best
    }
}
