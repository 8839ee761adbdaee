/// The majority over each answer's normalised final answer.
///
/// Exact on purpose: measured on a small model (DESIGN.md), counting normalised answers beats
/// asking a model to merge them. A tie is reported as a tie, never broken silently. The output
/// is the winning group's most typical answer (`AggregationInput.representative(of:)`), not
/// the first worker's.
public struct Vote: AggregationStrategy {
    public var callsModel: Bool { false }
    public var countsAgreement: Bool { true }
    public var modelPicksAnswer: Bool { false }
    public init() {}

    public func aggregate(_ input: AggregationInput, call: AggregatorFallback) async throws -> AggregationResult {
        let tally = input.exactTally
        guard let first = tally.groups.first else { throw AggregationError(message: "no answers to vote on") }
        if let winner = tally.winner {
            let representative = input.representative(of: winner)
            return AggregationResult(
                output: representative.text.trimmingTrailingWhitespace(), chosenWorker: representative.worker,
                reason: "\(winner.count) of \(tally.total) answers agree: \(winner.named)")
        }
        // A largest group that names two candidates is no winner: every group is listed.
        let listed = tally.hedgedLead != nil ? tally.groups : tally.tied
        let names = listed.map { g in "\(g.named) (\(Worker.names(g.workers)))" }.joined(separator: " vs ")
        let headline: String
        let reason: String
        if let lead = tally.hedgedLead {
            headline = "No majority: the largest group (\(lead.count) of \(tally.total)) names two answers, a vote for neither."
            reason = "the largest group (\(lead.display)) names two answers, a vote for neither: \(names)"
        } else if first.count == 1 {
            headline = "No majority: no two of the \(tally.total) answers agree."
            reason = "no two answers agree"
        } else {
            headline = "No majority: a tie of \(first.count) each between \(names)."
            reason = "tie: \(names)"
        }
        let body = listed.map { g -> String in
            let answer = input.representative(of: g)
            return "## \(g.named): \(Worker.names(g.workers))\n\n\(answer.text.trimmingTrailingWhitespace())"
        }.joined(separator: "\n\n")
        return AggregationResult(output: "\(headline)\n\n\(body)", reason: reason)
    }

    /// Groups the answers by their final answer's key (`AnswerExtraction.extract`). With the task
    /// given, words the answer only repeats from the task are dropped first ("The capital of
    /// France is Paris" counts as "paris" for "What is the capital of France?").
    public static func tally(_ answers: [Answer], task: String = "") -> Tally {
        let task = AnswerTask(task)
        return tally(answers, extracted: answers.map { AnswerExtraction.extract($0.text, in: task) })
    }

    /// Groups `answers` by the keys already read (`extracted[i]` is `answers[i]`'s).
    public static func tally(_ answers: [Answer], extracted: [ExtractedAnswer]) -> Tally {
        var order: [String] = []
        var groups: [String: Tally.Group] = [:]
        for (answer, x) in zip(answers, extracted) {
            // An answer with no key gives no answer ("The answer is not a number."): it agrees
            // with nothing, not even another such answer, so it is a group of its own.
            let slot = x.key.isEmpty ? "\u{0}\(answer.worker)" : x.key
            if groups[slot] == nil {
                order.append(slot)
                groups[slot] = Tally.Group(answer: x.key, display: x.final, workers: [], hedged: x.hedged)
            }
            groups[slot]!.workers.append(answer.worker)
            groups[slot]!.answers.append(x.final)
        }
        // Named by its most typical answer, not its first worker's ("Paris", not "PARIS").
        for key in order { groups[key]!.display = Tally.Group.typical(groups[key]!.answers) }
        return Tally(groups: order.map { groups[$0]! })
    }
}
