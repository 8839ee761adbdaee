import Chorus

/// Every run setting, declared once: its spellings (key, flag, variable, `[X.aggregator]` key),
/// its scope, its rule, its built-in default and how `chorus config` shows it.
///
/// Setting, merging, stacking the layers (`SettingValues`, `EffectiveSettings`), reading the
/// config file, the environment and the flags, and `chorus config`'s report are loops over
/// `SettingTable.all`. Adding a setting is one property here plus the place that uses it (and,
/// when it has a flag, its `@Option` line: see README "Adding a setting"). The order here is the
/// order of `chorus config`.
public struct SettingTable: Sendable {
    /// The one table; settings are read through key paths into it (`settings.workers`).
    public static let shared = SettingTable()

    /// Every setting, in declaration order.
    public static let all: [any AnySetting] = Mirror(reflecting: shared).children.compactMap { $0.value as? any AnySetting }

    /// Settings by config key.
    public static let byKey: [String: any AnySetting] = Dictionary(uniqueKeysWithValues: all.map { ($0.info.key, $0) })

    /// The config key of the setting at `path` ("idle_timeout").
    public static func key(_ path: KeyPath<SettingTable, some AnySetting>) -> String { shared[keyPath: path].info.key }

    public let workers = Setting(
        SettingInfo(
            key: "workers", scope: .run, help: "Number of workers: parallel calls of the model (1-\(SettingRules.maxWorkers), default 3).",
            valueName: "n", example: "5"),
        builtIn: Plan.defaultWorkerCount, rule: SettingRules.workers, show: { String($0) })

    public let temperature = Setting(
        SettingInfo(
            key: "temperature", scope: .worker,
            help: "Temperatures spread evenly over the workers, MIN...MAX, or one value for all (default 0.2...1.0).",
            valueName: "min...max", example: "0.5"),
        builtIn: Plan.defaultTemperatureRange, rule: SettingRules.temperature, show: SettingText.range,
        workerCheck: { range throws(SettingProblem) in
            guard range.lowerBound == range.upperBound else {
                throw SettingProblem("a worker has one temperature; write e.g. temperature = 0.7")
            }
        })

    public let focus = Setting(
        SettingInfo(
            key: "focus", scope: .worker,
            help: "A focus area, sent to one worker as a system message; repeat for more (cycled over the workers).",
            valueName: "area", example: "cost", listInEnvironment: true),
        builtIn: [String](), rule: SettingRules.focus, show: { $0.isEmpty ? "(none)" : $0.joined(separator: ", ") },
        workerCheck: { areas throws(SettingProblem) in
            guard areas.count == 1 else { throw SettingProblem("a worker has one focus area; write e.g. focus = \"cost\"") }
        })

    public let timeout = Setting(
        SettingInfo(key: "timeout", scope: .worker, help: "Seconds each worker may take in all (default 15; from the response head when a head timeout applies).", valueName: "seconds", example: "20"),
        builtIn: Plan.defaultTimeout.seconds, rule: SettingRules.seconds, show: { Duration.settingText(seconds: $0) })

    public let idleTimeout = Setting(
        SettingInfo(
            key: "idle_timeout", scope: .worker, help: "Longest silence between two chunks, once a worker streams (default 10).",
            valueName: "seconds", example: "7"),
        builtIn: Plan.defaultIdleTimeout.seconds, rule: SettingRules.seconds, show: { Duration.settingText(seconds: $0) })

    /// Unset in `chorus run` and the UI: `timeout` alone, from the start (as before the setting
    /// existed). `chorus batch` uses `Plan.batchHeadTimeout` when unset (PlanBuilder).
    public let headTimeout = OptionalSetting(
        SettingInfo(
            key: "head_timeout", scope: .worker,
            help: "Seconds a worker's request may wait for the server's response head (queued at a proxy or a busy server); "
                + "then --timeout counts from the head (default: none, --timeout from the start; \(Int(Plan.batchHeadTimeout.seconds)) in chorus batch).",
            valueName: "seconds", example: "60"),
        rule: SettingRules.seconds, show: { Duration.settingText(seconds: $0) },
        unset: "(none; \(Int(Plan.batchHeadTimeout.seconds)) s in chorus batch)")

    public let aggregatorTimeout = Setting(
        SettingInfo(
            key: "aggregator_timeout", scope: .aggregator, aggregatorKey: "timeout", help: "Seconds the merging call may take (default 45).",
            valueName: "seconds", example: "30"),
        builtIn: Plan.defaultAggregatorTimeout.seconds, rule: SettingRules.seconds, show: { Duration.settingText(seconds: $0) })

    public let strategy = Setting(
        SettingInfo(
            key: "strategy", scope: .aggregator, aggregatorKey: "strategy",
            help: "How answers are merged: auto, synthesize, concatenate, vote or judge (default auto: when one group of answers is clear, at least two answers and no tie, its most typical answer; else synthesize).",
            valueName: "name", example: "vote"),
        builtIn: StrategyName.auto, rule: SettingRules.strategy, show: \.rawValue)

    public let provider = OptionalSetting(
        SettingInfo(
            key: "provider", scope: .worker,
            help: "Provider: openai, anthropic, local, ollama, or a [providers.NAME] of the config file.", valueName: "name", example: "local"),
        rule: { raw throws(SettingProblem) in try SettingRules.name(raw, what: "provider") }, show: { $0 }, unset: "(none found)")

    public let baseURL = OptionalSetting(
        SettingInfo(
            key: "base_url", scope: .run, help: "Server base URL, e.g. http://127.0.0.1:8080/v1 (implies an OpenAI-compatible server).",
            valueName: "url", example: "http://127.0.0.1:8080/v1"),
        rule: SettingRules.baseURL, show: { $0 }, unset: "(none)",
        derive: { context in
            let entry = context.settings.provider.value.flatMap(context.loaded.catalog.entry(named:))
            return (context.plan?.workers.first?.model.baseURL ?? entry?.baseURL ?? "(none)",
                    .derived(entry.map { "provider \($0.name)" } ?? "no provider"))
        })

    public let model = OptionalSetting(
        SettingInfo(key: "model", scope: .worker, help: "Model name sent to the provider.", valueName: "name", example: "gpt-4o-mini"),
        rule: { raw throws(SettingProblem) in try SettingRules.name(raw, what: "model") }, show: { $0 }, unset: "(none)",
        derive: { context in
            let entry = context.settings.provider.value.flatMap(context.loaded.catalog.entry(named:))
            return (context.plan?.workers.first?.model.model ?? entry?.defaultModel ?? "(none)",
                    .derived(entry.map { "provider \($0.name)'s default" } ?? "no provider"))
        })

    public let aggregatorProvider = OptionalSetting(
        SettingInfo(
            key: "aggregator_provider", scope: .aggregator, hasFlag: false, aggregatorKey: "provider",
            help: "Provider of the merging call (default: the workers' provider).", valueName: "name", example: "local"),
        rule: { raw throws(SettingProblem) in try SettingRules.name(raw, what: "provider") }, show: { $0 }, unset: "(as provider)",
        derive: { context in (context.plan?.aggregator.model.provider ?? "(as provider)", .derived("same as provider")) })

    public let aggregatorModel = OptionalSetting(
        SettingInfo(
            key: "aggregator_model", scope: .aggregator, aggregatorKey: "model",
            help: "Model for the merging call (default: the workers' model).", valueName: "name", example: "gpt-4o"),
        rule: { raw throws(SettingProblem) in try SettingRules.name(raw, what: "model") }, show: { $0 }, unset: "(as model)",
        derive: { context in (context.plan?.aggregator.model.model ?? "(as model)", .derived("same as the workers' model")) })

    public let aggregatorFallback = Setting(
        SettingInfo(
            key: "aggregator_fallback", scope: .aggregator, hasFlag: false, aggregatorKey: "fallback",
            help: "Aggregator models tried in turn when the aggregator's model fails: \"PROVIDER\" or \"PROVIDER:MODEL\".",
            valueName: "models", example: "local", listInEnvironment: true),
        builtIn: [String](), rule: SettingRules.modelList, show: { $0.isEmpty ? "(none: concatenate)" : $0.joined(separator: ", ") })

    public let aggregatorMaxTokens = OptionalSetting(
        SettingInfo(
            key: "aggregator_max_tokens", scope: .aggregator, aggregatorKey: "max_tokens",
            help: "Most tokens the merging call may write.", valueName: "n", example: "300"),
        rule: SettingRules.maxTokens, show: { String($0) }, unset: "(provider default)")

    public let maxTokens = OptionalSetting(
        SettingInfo(key: "max_tokens", scope: .worker, help: "Most tokens each worker may write.", valueName: "n", example: "256"),
        rule: SettingRules.maxTokens, show: { String($0) }, unset: "(provider default)")

    public let reasoningEffort = OptionalSetting(
        SettingInfo(
            key: "reasoning_effort", scope: .worker,
            help: "How hard a reasoning model thinks: none, minimal, low, medium or high (OpenAI's reasoning_effort; Anthropic's extended thinking: none, or 1024/1024/2048/4096 tokens).",
            valueName: "level", example: "high"),
        rule: SettingRules.reasoningEffort, show: \.rawValue, unset: "(provider default)")

    public let schema = OptionalSetting(
        SettingInfo(
            key: "schema", scope: .run,
            help: "Hold every worker to a schema and merge per field: a JSON Schema file, or inline 'label: positive|negative|neutral, confidence float, reason' (README \"Structured answers\").",
            valueName: "file|fields", example: "label: yes|no, score int 1..5, reason"),
        rule: SettingRules.schema, show: SettingText.schema, unset: "(none: free text)")

    public let enumOrder = Setting(
        SettingInfo(
            key: "enum_order", scope: .run,
            help: "With --schema: rotate each enum's members per worker (default), so a model that picks by position disagrees instead of agreeing on one mistake; or fixed (README \"Structured answers\").",
            valueName: "rotate|fixed", example: "fixed"),
        builtIn: EnumOrder.rotate, rule: SettingRules.enumOrder, show: \.rawValue)

    public let minAgreement = OptionalSetting(
        SettingInfo(
            key: "min_agreement", scope: .run,
            help: "With --schema: the agreement a required field needs, else the answer is flagged needs_review: majority (default), a fraction (0.6) or a count (4).",
            valueName: "share", example: "0.6"),
        rule: SettingRules.minAgreement, show: \.text, unset: "majority (more than half)")

    public let theme = Setting(
        SettingInfo(
            key: "theme", scope: .ui, help: "UI colour theme: a name from `chorus themes` or a path to a .toml file.",
            valueName: "name", example: "light"),
        builtIn: "default", rule: { raw throws(SettingProblem) in try SettingRules.name(raw, what: "theme") }, show: { $0 })

    public let earlyQuorum = OptionalSetting(
        SettingInfo(
            key: "early_quorum", scope: .run,
            help: "Merge as soon as K workers agree (auto, vote) or succeeded (others), cancelling the rest; K from ceil(N/2) to N.",
            valueName: "k", example: "2"),
        rule: SettingRules.earlyQuorum, show: { String($0) }, unset: "(off: wait for every worker)")

    public let escalate = Setting(
        SettingInfo(
            key: "escalate", scope: .run,
            help: "Adaptive sampling: when the answers have no clear group, start up to K more workers (a few at a time, continuing the plan) until one is clear; 0 is off (default).",
            valueName: "k", example: "4"),
        builtIn: 0, rule: SettingRules.escalate, show: { $0 == 0 ? "0 (off)" : "up to \($0) extra workers" })

    public let followUp = Setting(
        SettingInfo(
            key: "follow_up", scope: .run,
            help: "What a follow-up (chorus run --continue, the UI's f) sends as each worker's earlier assistant turns: own (its own answers; default) or shared (the merged answers).",
            valueName: "mode", example: "shared"),
        builtIn: FollowUpMode.own, rule: SettingRules.followUp, show: \.rawValue)

    public let concurrency = Setting(
        SettingInfo(
            key: "concurrency", scope: .batch, help: "Items in flight at once (default \(SettingRules.defaultConcurrency)).",
            valueName: "n", example: "4"),
        builtIn: SettingRules.defaultConcurrency, rule: SettingRules.concurrency, show: { "\($0) items (batch)" })

    public let rpm = OptionalSetting(
        SettingInfo(
            key: "rpm", scope: .batch,
            help: "Most requests per minute to each provider (default: none; always slows down on HTTP 429).", valueName: "n", example: "60"),
        rule: { raw throws(SettingProblem) in try SettingRules.perMinute(raw, what: "requests") },
        show: { "\(RateText.number($0)) per provider (batch)" }, unset: "(none: slow down on 429)")

    public let tpm = OptionalSetting(
        SettingInfo(
            key: "tpm", scope: .batch, help: "Most tokens per minute to each provider (estimated before a call, settled after).",
            valueName: "n", example: "90000"),
        rule: { raw throws(SettingProblem) in try SettingRules.perMinute(raw, what: "tokens") },
        show: { "\(RateText.number($0)) per provider (batch)" }, unset: "(none)")

    public let budget = OptionalSetting(
        SettingInfo(
            key: "budget", scope: .run,
            help: "Most US dollars to spend: chorus batch stops starting items before passing it; a run whose worst case exceeds it does not start (--over-budget runs it anyway).",
            valueName: "usd", example: "2.5"),
        rule: { raw throws(SettingProblem) in try SettingRules.dollars(raw, what: "budget") },
        show: { Cost.dollars($0) }, unset: "(none)")

    public let costWarn = OptionalSetting(
        SettingInfo(
            key: "cost_warn", scope: .run, help: "chorus run warns when a run cost more than this many US dollars.",
            valueName: "usd", example: "0.05"),
        rule: { raw throws(SettingProblem) in try SettingRules.dollars(raw, what: "cost warning") },
        show: { Cost.dollars($0) }, unset: "(off)")

    // MARK: - Context (`-f/--file`, piped text beside a task): README "Context from files and stdin"

    public let fileMaxBytes = Setting(
        SettingInfo(
            key: "file_max_bytes", scope: .run,
            help: "Largest file -f/--file (or piped text) may attach, in bytes (default \(ContextLimits.defaultFileMaxBytes)).",
            valueName: "bytes", example: "500000"),
        builtIn: ContextLimits.defaultFileMaxBytes,
        rule: { raw throws(SettingProblem) in try SettingRules.byteCount(raw, what: "a file size limit") }, show: { String($0) })

    public let contextMaxBytes = Setting(
        SettingInfo(
            key: "context_max_bytes", scope: .run,
            help: "Largest total of all attached files and piped text, in bytes (default \(ContextLimits.defaultTotalMaxBytes)).",
            valueName: "bytes", example: "2000000"),
        builtIn: ContextLimits.defaultTotalMaxBytes,
        rule: { raw throws(SettingProblem) in try SettingRules.byteCount(raw, what: "a total size limit") }, show: { String($0) })

    public let contextLength = OptionalSetting(
        SettingInfo(
            key: "context_length", scope: .run,
            help: "The model's context length in tokens: warn when the prompt (estimated at 4 bytes a token) comes near it.",
            valueName: "tokens", example: "32768"),
        rule: { raw throws(SettingProblem) in try SettingRules.byteCount(raw, what: "a context length in tokens") },
        show: { String($0) }, unset: "(no warning)")
}
