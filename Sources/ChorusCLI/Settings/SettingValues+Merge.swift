extension SettingValues {
    /// Whether this layer sets `key`.
    public func has(_ key: SettingKey) -> Bool {
        switch key {
        case .workers: workers != nil
        case .temperature: temperature != nil
        case .focus: focus != nil
        case .timeout: timeout != nil
        case .idleTimeout: idleTimeout != nil
        case .aggregatorTimeout: aggregatorTimeout != nil
        case .strategy: strategy != nil
        case .provider: provider != nil
        case .baseURL: baseURL != nil
        case .model: model != nil
        case .aggregatorProvider: aggregatorProvider != nil
        case .aggregatorModel: aggregatorModel != nil
        case .aggregatorMaxTokens: aggregatorMaxTokens != nil
        case .maxTokens: maxTokens != nil
        case .theme: theme != nil
        case .earlyQuorum: earlyQuorum != nil
        case .aggregatorFallback: aggregatorFallback != nil
        case .concurrency: concurrency != nil
        case .rpm: rpm != nil
        case .tpm: tpm != nil
        }
    }

    /// The keys this layer sets, in `SettingKey` order.
    public var keys: [SettingKey] { SettingKey.allCases.filter(has) }

    /// Takes every value `other` sets; keeps the rest.
    public mutating func merge(_ other: SettingValues) {
        workers = other.workers ?? workers
        temperature = other.temperature ?? temperature
        focus = other.focus ?? focus
        timeout = other.timeout ?? timeout
        idleTimeout = other.idleTimeout ?? idleTimeout
        aggregatorTimeout = other.aggregatorTimeout ?? aggregatorTimeout
        strategy = other.strategy ?? strategy
        provider = other.provider ?? provider
        baseURL = other.baseURL ?? baseURL
        model = other.model ?? model
        aggregatorProvider = other.aggregatorProvider ?? aggregatorProvider
        aggregatorModel = other.aggregatorModel ?? aggregatorModel
        aggregatorMaxTokens = other.aggregatorMaxTokens ?? aggregatorMaxTokens
        maxTokens = other.maxTokens ?? maxTokens
        theme = other.theme ?? theme
        earlyQuorum = other.earlyQuorum ?? earlyQuorum
        aggregatorFallback = other.aggregatorFallback ?? aggregatorFallback
        concurrency = other.concurrency ?? concurrency
        rpm = other.rpm ?? rpm
        tpm = other.tpm ?? tpm
    }
}
