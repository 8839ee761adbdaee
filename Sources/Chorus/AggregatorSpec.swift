/// The settings of the aggregation step.
public struct AggregatorSpec: Sendable, Codable, Hashable {
    public var strategy: StrategyName
    public var model: ModelChoice
    /// Models tried in turn when `model` fails, within the same deadline, before the answers
    /// are concatenated (the fallback chain).
    public var fallbackModels: [ModelChoice]
    public var maxTokens: Int?
    public var temperature: Double
    /// The aggregator's own deadline; longer than a worker's because it reads every answer.
    public var timeout: Duration
    /// With `--schema`: the agreement a required field needs before the run is trusted without
    /// review (`--min-agreement`); nil is the default, a strict majority.
    public var minAgreement: MinAgreement?

    public init(
        strategy: StrategyName = .auto, model: ModelChoice, fallbackModels: [ModelChoice] = [], maxTokens: Int? = nil,
        temperature: Double = 0.2, timeout: Duration = Plan.defaultAggregatorTimeout
    ) {
        self.strategy = strategy
        self.model = model
        self.fallbackModels = fallbackModels
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.timeout = timeout
    }

    /// The aggregator models in the order they are tried.
    public var chain: [ModelChoice] { [model] + fallbackModels }

    enum CodingKeys: String, CodingKey {
        case strategy, model, fallbackModels = "fallback_models", maxTokens = "max_tokens", temperature, timeout = "timeout_ms"
        case minAgreement = "min_agreement"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        strategy = try c.decode(StrategyName.self, forKey: .strategy)
        model = try c.decode(ModelChoice.self, forKey: .model)
        fallbackModels = try c.decodeIfPresent([ModelChoice].self, forKey: .fallbackModels) ?? []
        maxTokens = try c.decodeIfPresent(Int.self, forKey: .maxTokens)
        temperature = try c.decode(Double.self, forKey: .temperature)
        timeout = try c.decodeMilliseconds(forKey: .timeout)
        minAgreement = try c.decodeIfPresent(MinAgreement.self, forKey: .minAgreement)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(strategy, forKey: .strategy)
        try c.encode(model, forKey: .model)
        try c.encode(fallbackModels, forKey: .fallbackModels)
        try c.encode(maxTokens, forKey: .maxTokens)
        try c.encode(temperature, forKey: .temperature)
        try c.encodeMilliseconds(timeout, forKey: .timeout)
        try c.encodeIfPresent(minAgreement, forKey: .minAgreement)
    }
}
