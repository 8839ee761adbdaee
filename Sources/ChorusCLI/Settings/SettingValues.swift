import Chorus

/// One layer's worth of run settings; nil means "this layer does not say".
///
/// The config file's `[defaults]`, a profile, the environment and the flags each produce one of
/// these; `SettingsResolver` stacks them. Values here are already checked (`SettingRules`).
public struct SettingValues: Sendable, Equatable {
    public var workers: Int?
    public var temperature: ClosedRange<Double>?
    public var focus: [String]?
    /// Seconds.
    public var timeout: Double?
    public var idleTimeout: Double?
    public var aggregatorTimeout: Double?
    public var strategy: StrategyName?
    public var provider: String?
    public var baseURL: String?
    public var model: String?
    public var aggregatorProvider: String?
    public var aggregatorModel: String?
    public var aggregatorMaxTokens: Int?
    public var maxTokens: Int?
    public var theme: String?
    public var earlyQuorum: Int?
    /// Aggregator models tried in turn when the aggregator's model fails: "PROVIDER" or "PROVIDER:MODEL".
    public var aggregatorFallback: [String]?
    /// `chorus batch`: items in flight at once.
    public var concurrency: Int?
    /// `chorus batch`: requests and tokens per minute, per provider.
    public var rpm: Double?
    public var tpm: Double?

    public init() {}

    /// Checks `raw` with the key's rule and stores it; throws one line naming `location` and the fix.
    public mutating func set(_ key: SettingKey, _ raw: RawValue, at location: SettingLocation) throws(ChorusError) {
        func fail(_ problem: String) -> ChorusError { .usage("\(location.describe(raw)): \(problem)") }
        do {
            switch key {
            case .workers: workers = try SettingRules.workers(raw)
            case .temperature: temperature = try SettingRules.temperature(raw)
            case .focus: focus = try SettingRules.focus(raw)
            case .timeout: timeout = try SettingRules.seconds(raw)
            case .idleTimeout: idleTimeout = try SettingRules.seconds(raw)
            case .aggregatorTimeout: aggregatorTimeout = try SettingRules.seconds(raw)
            case .strategy: strategy = try SettingRules.strategy(raw)
            case .provider: provider = try SettingRules.name(raw, what: "provider")
            case .baseURL: baseURL = try SettingRules.baseURL(raw)
            case .model: model = try SettingRules.name(raw, what: "model")
            case .aggregatorProvider: aggregatorProvider = try SettingRules.name(raw, what: "provider")
            case .aggregatorModel: aggregatorModel = try SettingRules.name(raw, what: "model")
            case .aggregatorMaxTokens: aggregatorMaxTokens = try SettingRules.maxTokens(raw)
            case .maxTokens: maxTokens = try SettingRules.maxTokens(raw)
            case .theme: theme = try SettingRules.name(raw, what: "theme")
            case .earlyQuorum: earlyQuorum = try SettingRules.earlyQuorum(raw)
            case .aggregatorFallback: aggregatorFallback = try SettingRules.modelList(raw)
            case .concurrency: concurrency = try SettingRules.concurrency(raw)
            case .rpm: rpm = try SettingRules.perMinute(raw, what: "requests")
            case .tpm: tpm = try SettingRules.perMinute(raw, what: "tokens")
            }
        } catch {
            throw fail(error.problem)
        }
    }
}
