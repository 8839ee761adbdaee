/// The ways of turning the successful answers into one. See `Aggregation/` for each.
public enum StrategyName: String, Sendable, Codable, Hashable, CaseIterable {
    /// An LLM call merges every answer into one (the default).
    case synthesize
    /// The answers one after the other, labelled; no model call. Also the fallback.
    case concatenate
    /// The majority over each answer's normalised final answer, with the tally and ties.
    case vote
    /// An LLM call picks the best answer and says why.
    case judge

    /// Whether the strategy calls a model (and so can fail and fall back).
    public var callsModel: Bool { self == .synthesize || self == .judge }

    /// The next strategy in the order the UI's `s` key cycles through.
    public var next: StrategyName {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
