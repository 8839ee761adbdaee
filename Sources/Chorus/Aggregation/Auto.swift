/// The default: take the group that clearly wins, merge when none does or merging is the point.
///
/// When one group of the record's tally (exact final answers, or long answers sharing key
/// words) clearly outweighs the others (`AggregationInput.clearWinner`: at least two answers,
/// no tie), its most typical member is the output (`AggregationInput.representative(of:)`, the
/// medoid by word overlap): no model call, since measured here a small aggregator asked to
/// merge loses to the count. Otherwise (a tie, every answer different, an answer that names
/// two candidates on top) and for essays, where merging is the point, the answers are
/// synthesized with the tally shown. The record's `path`, `chosen_worker` and `reason` say which
/// group was taken and why.
public struct Auto: AggregationStrategy {
    public var callsModel: Bool { true }
    public var countsAgreement: Bool { true }
    public var modelPicksAnswer: Bool { false }
    public init() {}

    public func aggregate(_ input: AggregationInput, call: AggregatorFallback) async throws -> AggregationResult {
        let tally = input.tally
        if !input.mostlyEssays, let winner = input.clearWinner {
            let representative = input.representative(of: winner)
            let kind = winner.count * 2 > tally.total ? "a majority" : "the largest group, no tie"
            let typical = winner.count > 2 ? ", the group's most typical" : ""
            var result = AggregationResult(
                output: representative.text.trimmingTrailingWhitespace(), chosenWorker: representative.worker,
                reason: "\(winner.count) of \(tally.total) answers agree (\(winner.display)), \(kind): "
                    + "took worker \(representative.worker + 1)'s answer\(typical)")
            result.path = .vote
            return result
        }
        var result = try await Synthesize().aggregate(input, call: call)
        result.path = .synthesize
        result.reason = Self.whySynthesize(input)
        return result
    }

    /// Why no group was taken, for the record's `reason`.
    static func whySynthesize(_ input: AggregationInput) -> String {
        let tally = input.tally
        let top = tally.groups.first
        if input.mostlyEssays {
            if let winner = input.clearWinner {
                return "the answers are essays, where merging is the point (\(winner.count) of \(tally.total) agree): "
                    + "synthesized with the agreement shown"
            }
            return "the answers are essays, where merging is the point: synthesized with the agreement shown"
        }
        if (top?.count ?? 0) < 2 {
            return input.mostlyShort
                ? "no two answers agree: synthesized with the tally shown"
                : "answers are long and no two agree: synthesized with the agreement shown"
        }
        if tally.isTie {
            return "a tie (\(tally.tied.count) answers with \(tally.tied[0].count) each): synthesized with the tally shown"
        }
        if let top, top.hedged {
            return "the largest group (\(top.display)) names two answers, a vote for neither: synthesized with the tally shown"
        }
        return "no group stands out: synthesized with the tally shown"
    }
}
