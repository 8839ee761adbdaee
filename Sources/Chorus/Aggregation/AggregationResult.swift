/// What a strategy produced.
public struct AggregationResult: Sendable, Hashable {
    public var output: String
    public var chosenWorker: Int?
    public var reason: String?
    public var usage: TokenUsage?
    /// For `auto`: the strategy it took.
    public var path: StrategyName?
    /// The prompt file an LLM call used.
    public var promptVersion: String?

    public init(
        output: String, chosenWorker: Int? = nil, reason: String? = nil, usage: TokenUsage? = nil,
        path: StrategyName? = nil, promptVersion: String? = nil
    ) {
        self.output = output
        self.chosenWorker = chosenWorker
        self.reason = reason
        self.usage = usage
        self.path = path
        self.promptVersion = promptVersion
    }
}
