import Chorus

/// The run settings after every layer was applied, each with the layer it came from.
///
/// What `chorus config` prints and what `PlanBuilder` turns into a `Plan`. Provider and model may
/// still be nil here: discovery (`ProviderDiscovery`) fills them when nothing was configured.
public struct EffectiveSettings: Sendable, Equatable {
    public var workers = Sourced(Plan.defaultWorkerCount, .builtIn)
    public var temperature = Sourced(Plan.defaultTemperatureRange, .builtIn)
    public var focus = Sourced([String](), .builtIn)
    public var timeout = Sourced(Plan.defaultTimeout.seconds, .builtIn)
    public var idleTimeout = Sourced(Plan.defaultIdleTimeout.seconds, .builtIn)
    public var aggregatorTimeout = Sourced(Plan.defaultAggregatorTimeout.seconds, .builtIn)
    public var strategy = Sourced(StrategyName.auto, .builtIn)
    public var provider = Sourced(String?.none, .builtIn)
    public var baseURL = Sourced(String?.none, .builtIn)
    public var model = Sourced(String?.none, .builtIn)
    public var aggregatorProvider = Sourced(String?.none, .builtIn)
    public var aggregatorModel = Sourced(String?.none, .builtIn)
    public var aggregatorMaxTokens = Sourced(Int?.none, .builtIn)
    public var maxTokens = Sourced(Int?.none, .builtIn)
    public var theme = Sourced("default", .builtIn)
    /// Aggregate once this many workers agree (or succeeded), cancelling the rest; nil: wait for all.
    public var earlyQuorum = Sourced(Int?.none, .builtIn)
    public var aggregatorFallback = Sourced([String](), .builtIn)
    /// `chorus batch` only.
    public var concurrency = Sourced(SettingRules.defaultConcurrency, .builtIn)
    public var rpm = Sourced(Double?.none, .builtIn)
    public var tpm = Sourced(Double?.none, .builtIn)
    /// The profile in use and why (flag, variable or `[defaults] profile`).
    public var profile: Sourced<String>?
    /// The profile's individually listed workers, if it lists them.
    public var workerList: [ProfileWorker]?

    public init() {}

    /// Applies one layer: every key it sets replaces the current value, with `source(key)` as origin.
    public mutating func apply(_ values: SettingValues, source: (SettingKey) -> SettingSource) {
        func take<T>(_ key: SettingKey, _ value: T?, _ field: inout Sourced<T>) {
            if let value { field = Sourced(value, source(key)) }
        }
        func takeOptional<T>(_ key: SettingKey, _ value: T?, _ field: inout Sourced<T?>) {
            if let value { field = Sourced(value, source(key)) }
        }
        take(.workers, values.workers, &workers)
        take(.temperature, values.temperature, &temperature)
        take(.focus, values.focus, &focus)
        take(.timeout, values.timeout, &timeout)
        take(.idleTimeout, values.idleTimeout, &idleTimeout)
        take(.aggregatorTimeout, values.aggregatorTimeout, &aggregatorTimeout)
        take(.strategy, values.strategy, &strategy)
        takeOptional(.provider, values.provider, &provider)
        takeOptional(.baseURL, values.baseURL, &baseURL)
        takeOptional(.model, values.model, &model)
        takeOptional(.aggregatorProvider, values.aggregatorProvider, &aggregatorProvider)
        takeOptional(.aggregatorModel, values.aggregatorModel, &aggregatorModel)
        takeOptional(.aggregatorMaxTokens, values.aggregatorMaxTokens, &aggregatorMaxTokens)
        takeOptional(.maxTokens, values.maxTokens, &maxTokens)
        take(.theme, values.theme, &theme)
        takeOptional(.earlyQuorum, values.earlyQuorum, &earlyQuorum)
        take(.aggregatorFallback, values.aggregatorFallback, &aggregatorFallback)
        take(.concurrency, values.concurrency, &concurrency)
        takeOptional(.rpm, values.rpm, &rpm)
        takeOptional(.tpm, values.tpm, &tpm)
    }
}
