/// What "a group is clear" means for `--escalate` with `--schema` (issue 15: the reason showed
/// the text tally's key of the JSON, `2 of 3 say label\":\"pos`).
///
/// A schema run is merged field by field (`StructuredMerge`), and the record's tally groups the
/// workers that gave the same whole object (`Aggregator.objectTally`). Escalation reads the same
/// groups: answers that carry an object are grouped by it (values compared as the per-field vote
/// compares them, `FieldMerge.key`), and `AggregationInput.clearWinner`, the one rule, decides on
/// those groups. So "clear" means at least two answers give the same object and no other object
/// is given as often; the reason names it readably ("2 of 3 objects agree (label: pos)").
extension EscalationStep {
    /// True when the answers are structured (`--schema`): at least one carries an object.
    static func objects(_ answers: [Answer]) -> Bool { answers.contains { $0.object != nil } }

    /// The input whose `tally` and `clearWinner` the step reads: the answers' own for free text,
    /// the whole-object groups for structured answers.
    static func reading(_ answers: [Answer], task: String) -> AggregationInput {
        var input = AggregationInput(task: task, answers: answers)
        if objects(answers) { input.tally = objectTally(answers) }
        return input
    }

    /// Workers grouped by the object they gave; an answer without an object is a group of its own.
    static func objectTally(_ answers: [Answer]) -> Tally {
        var order: [String] = []
        var groups: [String: Tally.Group] = [:]
        for answer in answers {
            let key = answer.object.map(FieldMerge.key) ?? "text:\(answer.worker)"
            if groups[key] == nil {
                order.append(key)
                groups[key] = Tally.Group(answer: key, display: answer.object.map(readable) ?? answer.text, workers: [])
            }
            groups[key]!.workers.append(answer.worker)
        }
        return Tally(groups: order.map { groups[$0]! })  // sorted by `Tally`: largest first
    }

    /// An object as a reader says it: `label: pos, score: 3` (keys sorted, strings unquoted);
    /// a nested value as compact JSON.
    static func readable(_ value: JSONValue) -> String {
        guard case .object(let members) = value else { return value.stringValue ?? value.description }
        return members.keys.sorted().map { key in
            let v = members[key]!
            return "\(key): \(v.stringValue ?? v.description)"
        }.joined(separator: ", ")
    }

    /// The reason a clear group stops the loop: "a group is clear: 3 of 5 say 389", or with
    /// objects "a group is clear: 2 of 3 objects agree (label: pos)".
    static func clearReason(_ winner: Tally.Group, answers: [Answer]) -> String {
        objects(answers)
            ? "a group is clear: \(winner.count) of \(answers.count) objects agree (\(winner.display))"
            : "a group is clear: \(winner.count) of \(answers.count) say \(winner.display)"
    }
}
