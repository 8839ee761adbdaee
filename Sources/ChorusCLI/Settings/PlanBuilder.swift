import Chorus

/// Turns effective settings into the core's `Plan`: one `ModelChoice` per worker and for the
/// aggregator, with provider, model and base URL resolved and checked (unknown provider, missing
/// model, missing key are one line each, naming where the bad value came from).
public struct PlanBuilder: Sendable {
    public var loaded: LoadedSettings

    public init(_ loaded: LoadedSettings) { self.loaded = loaded }

    var settings: EffectiveSettings { loaded.settings }

    /// - Parameter headTimeout: the wait for the response head when `head_timeout` is unset
    ///   (`chorus batch` passes `Plan.batchHeadTimeout`; nil keeps `timeout` alone).
    /// - Parameter checkingKeys: false for a dry run, which calls nothing and so needs no key
    ///   (it reports a missing one with `missingKey(_:)` instead of failing).
    public func plan(
        task: String, headTimeout defaultHeadTimeout: Duration? = nil, checkingKeys: Bool = true
    ) throws(ChorusError) -> Plan {
        let main = try mainChoice()
        var fallbacks: [ModelChoice] = []
        for entry in settings.aggregatorFallback.value {
            fallbacks.append(try fallbackChoice(entry, main: main))
        }
        var aggregator = AggregatorSpec(
            strategy: settings.strategy.value, model: try aggregatorChoice(main: main), fallbackModels: fallbacks,
            maxTokens: settings.aggregatorMaxTokens.value, timeout: .seconds(settings.aggregatorTimeout.value))
        aggregator.minAgreement = settings.minAgreement.value
        let count = settings.workers.value
        let focus = settings.focus.value
        // `--escalate K`: K reserve workers made by the same rules as the first N, as workers
        // N...N+K-1 of one list (per-worker lists and focus areas continue cycling), except the
        // temperature (below).
        let extra = settings.escalate.value
        var workers: [WorkerSpec] = []
        for i in 0..<(count + extra) {
            // A profile's listed worker (cycled) may carry its own values. Flags and variables are
            // about this invocation and override it; profile-level and [defaults] values only fill
            // what it leaves out (`Sourced.overriding`).
            let entry = settings.workerList.map { list in list[i % list.count] }
            let own = entry?.values ?? SettingValues()
            let providerName = settings.provider.overriding(own.provider) ?? main.provider
            let choice: ModelChoice
            if providerName == main.provider {
                choice = ModelChoice(
                    provider: main.provider, model: Sourced(main.model, settings.model.source).overriding(own.model),
                    baseURL: main.baseURL)
            } else {
                // Another provider's worker: a profile's model names a model of the main provider,
                // so only a flag's or variable's model (or the worker's own) applies.
                let model = settings.model.invocationValue.flatMap { $0 } ?? own.model
                choice = try otherChoice(providerName, model: model, for: "worker \(i + 1)")
            }
            let runFocus = Sourced(Plan.focus(forWorker: i, areas: focus), settings.focus.source)
            let runTemperature = Sourced(
                Plan.temperature(forWorker: i, of: count, in: settings.temperature.value), settings.temperature.source)
            var worker = WorkerSpec(
                index: i, label: entry?.label,
                temperature: runTemperature.overriding(own.temperature?.lowerBound),
                focus: runFocus.overriding(own.focus?.first),
                model: choice,
                maxTokens: settings.maxTokens.overriding(own.maxTokens),
                timeout: .seconds(settings.timeout.overriding(own.timeout)),
                idleTimeout: .seconds(settings.idleTimeout.overriding(own.idleTimeout)))
            worker.reasoningEffort = settings.reasoningEffort.overriding(own.reasoningEffort)
            // Each worker sees the enums in its own order unless asked not to (`EnumOrder`).
            worker.schema = settings.enumOrder.value == .rotate ? settings.schema.value?.rotatingEnumerations(by: i) : settings.schema.value
            worker.headTimeout = settings.headTimeout.overriding(own.headTimeout).map { .seconds($0) } ?? defaultHeadTimeout
            workers.append(worker)
        }
        // The reserve's temperatures are new points of the same range, none a planned worker's
        // (`EscalationPlan.temperatures`): a copy of a planned worker would manufacture agreement.
        let extraTemperatures = EscalationPlan.temperatures(
            count: extra, after: workers.prefix(count).map(\.temperature), in: settings.temperature.value)
        for j in 0..<extra { workers[count + j].temperature = extraTemperatures[j] }
        // A model that takes no temperature: vary what it does take (README "What Chorus varies
        // when a model takes no temperature"). Seeds are given over the whole list (a reserve
        // worker's is its own), the notes are about the planned workers.
        if extra > 0 { _ = PlanDiversity.apply(to: &workers) { loaded.catalog.entry(named: $0.model.provider)?.kind } }
        var planned = Array(workers.prefix(count))
        let notes = PlanDiversity.apply(to: &planned) { loaded.catalog.entry(named: $0.model.provider)?.kind }
        var plan = priced(
            Plan(task: task, workers: planned, aggregator: aggregator, earlyQuorum: settings.earlyQuorum.value, notes: notes))
        if extra > 0 { plan.escalation = EscalationPlan(budget: extra, reserve: priced(Array(workers.dropFirst(count)))) }
        plan.profile = settings.profile?.value
        let problems = plan.validate()
        if !problems.isEmpty { throw .usage(problems.joined(separator: "; ")) }
        if checkingKeys { try checkKeys(plan) }
        return plan
    }

    /// What a real run of `plan` would say about a missing API key; nil when every key is set.
    public func missingKey(_ plan: Plan) -> String? {
        do { try checkKeys(plan) } catch { return error.message }
        return nil
    }

    /// The run's main provider, base URL and model (what workers use unless a profile says otherwise).
    public func mainChoice() throws(ChorusError) -> ModelChoice {
        guard let name = settings.provider.value else {
            throw ChorusError(ProviderDiscovery.nothingFoundMessage(catalog: loaded.catalog), code: .unreachable)
        }
        guard let entry = loaded.catalog.entry(named: name) else {
            throw unknownProvider(name, source: settings.provider.source)
        }
        let baseURL = settings.baseURL.value ?? entry.baseURL
        guard let model = settings.model.value ?? entry.defaultModel else {
            throw .usage(
                "provider '\(name)' has no default model; pass --model NAME or set model in [providers.\(name)]"
                    + (name == "ollama" ? " (see `ollama list`)" : ""))
        }
        return ModelChoice(provider: name, model: model, baseURL: baseURL)
    }

    func aggregatorChoice(main: ModelChoice) throws(ChorusError) -> ModelChoice {
        let name = settings.aggregatorProvider.value ?? main.provider
        if name == main.provider {
            return ModelChoice(provider: name, model: settings.aggregatorModel.value ?? main.model, baseURL: main.baseURL)
        }
        guard loaded.catalog.entry(named: name) != nil else {
            throw unknownProvider(name, source: settings.aggregatorProvider.source)
        }
        return try otherChoice(name, model: settings.aggregatorModel.value, for: "the aggregator")
    }

    /// One `aggregator_fallback` entry, "PROVIDER" or "PROVIDER:MODEL".
    func fallbackChoice(_ entry: String, main: ModelChoice) throws(ChorusError) -> ModelChoice {
        let parts = entry.split(separator: ":", maxSplits: 1).map(String.init)
        let name = parts[0]
        let model = parts.count > 1 ? parts[1] : nil
        guard loaded.catalog.entry(named: name) != nil else {
            throw unknownProvider(name, source: settings.aggregatorFallback.source)
        }
        if name == main.provider {
            return ModelChoice(provider: name, model: model ?? main.model, baseURL: main.baseURL)
        }
        return try otherChoice(name, model: model, for: "aggregator_fallback \"\(entry)\"")
    }

    /// A provider other than the main one: its own base URL and default model.
    func otherChoice(_ name: String, model: String?, for who: String) throws(ChorusError) -> ModelChoice {
        guard let entry = loaded.catalog.entry(named: name) else {
            throw unknownProvider(name, source: settings.profile?.source ?? .builtIn)
        }
        guard let model = model ?? entry.defaultModel else {
            throw .usage("\(who) uses provider '\(name)', which has no default model; set model for it or in [providers.\(name)]")
        }
        return ModelChoice(provider: name, model: model, baseURL: entry.baseURL)
    }

    /// A hosted provider without its key would fail every worker with HTTP 401; say so up front.
    func checkKeys(_ plan: Plan) throws(ChorusError) {
        let choices = plan.workers.map(\.model) + (plan.escalation?.reserve.map(\.model) ?? []) + [plan.aggregator.model]
        var seen = Set<String>()
        for choice in choices where seen.insert(choice.provider).inserted {
            guard let entry = loaded.catalog.entry(named: choice.provider) else { continue }
            guard ProviderCatalog.requiresKey(entry, baseURL: choice.baseURL ?? entry.baseURL),
                case .missing(let variable) = ProviderCatalog.keyStatus(of: entry, environment: loaded.environment)
            else { continue }
            throw .usage(
                "provider '\(entry.name)' needs an API key but \(variable) is not set; export \(variable)=..., or pick another provider with --provider"
            )
        }
    }

    func unknownProvider(_ name: String, source: SettingSource) -> ChorusError {
        let listed = loaded.catalog.names.sorted().joined(separator: ", ")
        let given: String
        switch source {
        case .flag(let flag): given = "\(flag) \(name)"
        case .environment(let variable): given = "\(variable)=\(name)"
        default: given = "provider \"\(name)\" (\(source))"
        }
        return .usage("\(given): no such provider; use one of: \(listed), or define [providers.\(name)] in the config file")
    }
}
