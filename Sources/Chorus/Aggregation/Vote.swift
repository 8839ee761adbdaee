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
        let tied = tally.tied
        let names = tied.map { g in "\(g.named) (\(Worker.names(g.workers)))" }.joined(separator: " vs ")
        let headline = first.count == 1
            ? "No majority: no two of the \(tally.total) answers agree."
            : "No majority: a tie of \(first.count) each between \(names)."
        let body = tied.map { g -> String in
            let answer = input.representative(of: g)
            return "## \(g.display): \(Worker.names(g.workers))\n\n\(answer.text.trimmingTrailingWhitespace())"
        }.joined(separator: "\n\n")
        return AggregationResult(
            output: "\(headline)\n\n\(body)",
            reason: first.count == 1 ? "no two answers agree" : "tie: \(names)")
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
            if groups[x.key] == nil {
                order.append(x.key)
                groups[x.key] = Tally.Group(answer: x.key, display: x.final, workers: [], hedged: x.hedged)
            }
            groups[x.key]!.workers.append(answer.worker)
            groups[x.key]!.answers.append(x.final)
        }
        return Tally(groups: order.map { groups[$0]! })
    }
}
