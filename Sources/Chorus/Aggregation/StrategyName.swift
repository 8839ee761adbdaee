/// The ways of turning the successful answers into one. See `Aggregation/` for each.
public enum StrategyName: String, Sendable, Codable, Hashable, CaseIterable {
    /// The default: the vote when the answers are short and a strict majority exists, otherwise
    /// synthesize shown the tally. Measured here (README "Aggregation"), this keeps what the
    /// fan-out won on short answers and still merges long ones.
    case auto
    /// An LLM call merges every answer into one, shown the agreement tally.
    case synthesize
    /// The answers one after the other, labelled; no model call. Also the fallback.
    case concatenate
    /// The majority over each answer's normalised final answer, with the tally and ties.
    case vote
    /// An LLM call picks the best answer and says why.
    case judge

    /// The strategy that implements this name.
    public var strategy: any AggregationStrategy {
        switch self {
        case .auto: Auto()
        case .synthesize: Synthesize()
        case .concatenate: Concatenate()
        case .vote: Vote()
        case .judge: Judge()
        }
    }

    // The traits, as each strategy states them (see `AggregationStrategy`).

    /// Whether the strategy may call a model (and so can fail and fall back).
    public var callsModel: Bool { strategy.callsModel }
    /// Whether the strategy counts agreeing final answers (vote, auto): an early quorum then
    /// waits for k workers that agree, not k that succeeded.
    public var countsAgreement: Bool { strategy.countsAgreement }
    /// Whether a model picks one worker's answer (judge): shown as its pick, warned about when
    /// the model also answered.
    public var modelPicksAnswer: Bool { strategy.modelPicksAnswer }
    /// The most model calls one merge makes: what the cost estimate counts for the aggregator.
    public var mostModelCalls: Int { strategy.mostModelCalls }

    /// The next strategy in the order the UI's `s` key cycles through.
    public var next: StrategyName {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// The names, for help texts and error messages: "auto|synthesize|concatenate|vote|judge".
    public static var list: String { allCases.map(\.rawValue).joined(separator: "|") }
}
