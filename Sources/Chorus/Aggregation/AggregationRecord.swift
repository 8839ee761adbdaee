/// One aggregation of a run's successful answers. A run keeps every aggregation it made (one per
/// strategy switch or re-merge after a retry); the newest is the run's answer.
public struct AggregationRecord: Sendable, Codable, Hashable {
    public enum Status: String, Sendable, Codable, Hashable {
        case running, succeeded, failed
    }

    public var strategy: StrategyName
    public var status: Status
    public var output: String?
    /// True when the strategy's model call failed or timed out and the answers were concatenated.
    public var fallbackUsed: Bool
    /// The aggregator's error when it fell back (or why aggregation could not happen).
    public var error: String?
    /// Which workers' answers went in (indices from 0).
    public var inputs: [Int]
    public var tally: Tally
    /// For `judge`: the chosen worker and the judge's reason.
    public var chosenWorker: Int?
    public var reason: String?
    /// The aggregator model, for strategies that call one.
    public var model: String?
    public var startedMs: Int64
    public var elapsedMs: Int64?
    public var usage: TokenUsage?

    public init(
        strategy: StrategyName, status: Status, output: String? = nil, fallbackUsed: Bool = false,
        error: String? = nil, inputs: [Int], tally: Tally, chosenWorker: Int? = nil, reason: String? = nil,
        model: String? = nil, startedMs: Int64, elapsedMs: Int64? = nil, usage: TokenUsage? = nil
    ) {
        self.strategy = strategy
        self.status = status
        self.output = output
        self.fallbackUsed = fallbackUsed
        self.error = error
        self.inputs = inputs
        self.tally = tally
        self.chosenWorker = chosenWorker
        self.reason = reason
        self.model = model
        self.startedMs = startedMs
        self.elapsedMs = elapsedMs
        self.usage = usage
    }

    enum CodingKeys: String, CodingKey {
        case strategy, status, output, fallbackUsed = "fallback_used", error, inputs, tally
        case chosenWorker = "chosen_worker", reason, model, startedMs = "started_ms", elapsedMs = "elapsed_ms", usage
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(strategy, forKey: .strategy)
        try c.encode(status, forKey: .status)
        try c.encode(output, forKey: .output)
        try c.encode(fallbackUsed, forKey: .fallbackUsed)
        try c.encode(error, forKey: .error)
        try c.encode(inputs, forKey: .inputs)
        try c.encode(tally, forKey: .tally)
        try c.encode(chosenWorker, forKey: .chosenWorker)
        try c.encode(reason, forKey: .reason)
        try c.encode(model, forKey: .model)
        try c.encode(startedMs, forKey: .startedMs)
        try c.encode(elapsedMs, forKey: .elapsedMs)
        try c.encode(usage, forKey: .usage)
    }
}
