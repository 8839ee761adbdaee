/// A way of turning answers into one: one type per strategy, one file each (`Auto.swift`,
/// `Vote.swift`, ...), named by `StrategyName`.
///
/// Besides `aggregate`, a strategy states the traits the rest of Chorus asks about (the
/// engine's early quorum, the aggregator's warnings, the UI's wording). They have no defaults
/// on purpose: a new strategy is one new file plus its case in `StrategyName`, and the compiler
/// names every trait it must decide.
///
/// Strategies that call a model get an `AggregatorFallback` (the aggregator models, tried in
/// turn); the `Aggregator` gives them a deadline and concatenates the answers when they throw.
public protocol AggregationStrategy: Sendable {
    /// Whether it may call a model, and so can fail, fall back, and take the aggregator's time.
    var callsModel: Bool { get }
    /// Whether its answer rests on how many workers give the same final answer. An early quorum
    /// then waits for k agreeing workers rather than k successful ones.
    var countsAgreement: Bool { get }
    /// Whether a model picks one worker's answer as it stands (the judge). The pick is the
    /// model's judgement, named as such, and a model that also answered may favour its own.
    var modelPicksAnswer: Bool { get }
    /// The most model calls one merge makes (0 when it calls none): the dry run's estimate and
    /// `--budget` count this many aggregator calls (`RunEstimate`). Declared by each strategy in
    /// `AggregationStrategy+ModelCalls.swift`; the judge's is its passes (issue 15: it makes two).
    var mostModelCalls: Int { get }

    func aggregate(_ input: AggregationInput, call: AggregatorFallback) async throws -> AggregationResult
}
