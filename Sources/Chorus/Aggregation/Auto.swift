/// The default: count when counting is exact, merge when it is not.
///
/// When a clear winner exists (at least two answers share a short final answer and no other
/// answer is as common), the vote's answer is the output: no model call, since measured here a
/// small aggregator asked to merge loses to the count. Otherwise (a tie, every answer different,
/// long answers) the answers are synthesized with the tally shown. The record's `path` and
/// `reason` say which.
public struct Auto: AggregationStrategy {
    public var callsModel: Bool { true }
    public var countsAgreement: Bool { true }
    public var modelPicksAnswer: Bool { false }
    public init() {}

    public func aggregate(_ input: AggregationInput, call: AggregatorFallback) async throws -> AggregationResult {
        let tally = input.exactTally
        if let winner = input.clearWinner {
            var result = try await Vote().aggregate(input, call: call)
            result.path = .vote
            let kind = winner.count * 2 > tally.total ? "a majority" : "the largest group, no tie"
            result.reason = "\(winner.count) of \(tally.total) answers agree (\(winner.display)), \(kind): took the vote"
            return result
        }
        var result = try await Synthesize().aggregate(input, call: call)
        result.path = .synthesize
        if !input.mostlyShort {
            result.reason = "answers are long: synthesized with the agreement shown"
        } else if (tally.groups.first?.count ?? 0) < 2 {
            result.reason = "no two answers agree: synthesized with the tally shown"
        } else if tally.isTie {
            result.reason = "a tie (\(tally.tied.count) answers with \(tally.tied[0].count) each): synthesized with the tally shown"
        } else {
            result.reason = "the most common final answer is too long to count exactly: synthesized with the tally shown"
        }
        return result
    }
}
