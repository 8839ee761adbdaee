/// The default: count when counting is exact, merge when it is not.
///
/// When a strict majority of the answers agree on a short answer, the vote's answer is the output
/// (no model call: measured here, a small aggregator asked to merge loses to the majority). A long,
/// rambling minority does not stop that. Otherwise the answers are synthesized with the tally
/// shown. The record's `path` and `reason` say which.
public struct Auto: AggregationStrategy {
    public var name: StrategyName { .auto }
    public init() {}

    public func aggregate(_ input: AggregationInput, call: AggregatorCall) async throws -> AggregationResult {
        let tally = input.exactTally
        if let majority = input.shortMajority {
            var result = try await Vote().aggregate(input, call: call)
            result.path = .vote
            result.reason = "\(majority.count) of \(tally.total) short answers agree (\(majority.display)): took the vote"
            return result
        }
        var result = try await Synthesize().aggregate(input, call: call)
        result.path = .synthesize
        if !input.mostlyShort {
            result.reason = "answers are long: synthesized with the agreement shown"
        } else if let top = tally.groups.first {
            result.reason = "no strict majority (largest group \(top.count) of \(tally.total)): synthesized with the tally shown"
        }
        return result
    }
}
