import Foundation

/// Which model a worker (or the aggregator) talks to.
///
/// `provider` is a name the executable resolves to a real back end ("openai", "anthropic",
/// a named provider from the config file); the core only carries it. `baseURL` lets workers of
/// one run point at different servers (e.g. one local llama.cpp process per worker).
public struct ModelChoice: Sendable, Codable, Hashable {
    public var provider: String
    public var model: String
    public var baseURL: String?

    public init(provider: String, model: String, baseURL: String? = nil) {
        self.provider = provider
        self.model = model
        self.baseURL = baseURL
    }

    enum CodingKeys: String, CodingKey {
        case provider, model
        case baseURL = "base_url"
    }
}

/// The settings of one worker. A worker is one LLM call on the shared task.
public struct WorkerSpec: Sendable, Codable, Hashable {
    /// Position in the plan, from 0. Shown to people as `index + 1`.
    public var index: Int
    /// A short name for the pane title; defaults to the focus area or the number.
    public var label: String
    public var temperature: Double
    /// A perspective sent as a system message ("focus on cost"), or nil for none.
    public var focus: String?
    public var model: ModelChoice
    public var maxTokens: Int?
    /// Total time this worker may take, from its start to its last chunk.
    public var timeout: Duration
    /// Longest silence allowed between two chunks once the first one arrived. Before the first
    /// chunk only `timeout` applies, so a worker queued at a one-request-at-a-time local server
    /// is not cut off while it waits its turn.
    public var idleTimeout: Duration

    public init(
        index: Int, label: String? = nil, temperature: Double, focus: String? = nil,
        model: ModelChoice, maxTokens: Int? = nil,
        timeout: Duration = Plan.defaultTimeout, idleTimeout: Duration = Plan.defaultIdleTimeout
    ) {
        self.index = index
        self.label = label ?? focus ?? "\(index + 1)"
        self.temperature = temperature
        self.focus = focus
        self.model = model
        self.maxTokens = maxTokens
        self.timeout = timeout
        self.idleTimeout = idleTimeout
    }

    /// The messages this worker sends: its focus area as a system message, then the task.
    public func messages(task: String) -> [ChatMessage] {
        var messages: [ChatMessage] = []
        if let focus, !focus.isEmpty {
            messages.append(.system("Answer the user's task. Focus on: \(focus)."))
        }
        messages.append(.user(task))
        return messages
    }

    public func request(task: String) -> ChatRequest {
        ChatRequest(messages: messages(task: task), temperature: temperature, maxTokens: maxTokens, model: model.model)
    }

    enum CodingKeys: String, CodingKey {
        case index, label, temperature, focus, model, maxTokens = "max_tokens"
        case timeout = "timeout_ms", idleTimeout = "idle_timeout_ms"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        index = try c.decode(Int.self, forKey: .index)
        label = try c.decode(String.self, forKey: .label)
        temperature = try c.decode(Double.self, forKey: .temperature)
        focus = try c.decodeIfPresent(String.self, forKey: .focus)
        model = try c.decode(ModelChoice.self, forKey: .model)
        maxTokens = try c.decodeIfPresent(Int.self, forKey: .maxTokens)
        timeout = .milliseconds(try c.decode(Int64.self, forKey: .timeout))
        idleTimeout = .milliseconds(try c.decode(Int64.self, forKey: .idleTimeout))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(index, forKey: .index)
        try c.encode(label, forKey: .label)
        try c.encode(temperature, forKey: .temperature)
        try c.encode(focus, forKey: .focus)
        try c.encode(model, forKey: .model)
        try c.encode(maxTokens, forKey: .maxTokens)
        try c.encode(timeout.milliseconds, forKey: .timeout)
        try c.encode(idleTimeout.milliseconds, forKey: .idleTimeout)
    }
}

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
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        strategy = try c.decode(StrategyName.self, forKey: .strategy)
        model = try c.decode(ModelChoice.self, forKey: .model)
        fallbackModels = try c.decodeIfPresent([ModelChoice].self, forKey: .fallbackModels) ?? []
        maxTokens = try c.decodeIfPresent(Int.self, forKey: .maxTokens)
        temperature = try c.decode(Double.self, forKey: .temperature)
        timeout = .milliseconds(try c.decode(Int64.self, forKey: .timeout))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(strategy, forKey: .strategy)
        try c.encode(model, forKey: .model)
        try c.encode(fallbackModels, forKey: .fallbackModels)
        try c.encode(maxTokens, forKey: .maxTokens)
        try c.encode(temperature, forKey: .temperature)
        try c.encode(timeout.milliseconds, forKey: .timeout)
    }
}

/// The task and every worker's settings: everything a run needs besides the models themselves.
public struct Plan: Sendable, Codable, Hashable {
    public static let defaultWorkerCount = 3
    public static let defaultTemperatureRange: ClosedRange<Double> = 0.2...1.0
    public static let defaultTimeout: Duration = .seconds(15)
    public static let defaultIdleTimeout: Duration = .seconds(10)
    public static let defaultAggregatorTimeout: Duration = .seconds(45)

    public var task: String
    public var workers: [WorkerSpec]
    public var aggregator: AggregatorSpec
    /// Opt-in: aggregate as soon as this many workers agree (vote, auto) or have succeeded
    /// (other strategies), cancelling the rest. At least the quorum, ceil(N/2).
    public var earlyQuorum: Int?

    public init(task: String, workers: [WorkerSpec], aggregator: AggregatorSpec, earlyQuorum: Int? = nil) {
        self.task = task
        self.workers = workers
        self.aggregator = aggregator
        self.earlyQuorum = earlyQuorum
    }

    enum CodingKeys: String, CodingKey {
        case task, workers, aggregator, earlyQuorum = "early_quorum"
    }

    /// Builds the usual plan: `count` workers on one model, temperatures spread evenly over
    /// `temperatures` (worker i of N gets min + i*(max-min)/(N-1); N = 1 gets min), focus area i
    /// to worker i, cycling when there are fewer areas than workers.
    public init(
        task: String,
        workerCount: Int = Plan.defaultWorkerCount,
        temperatures: ClosedRange<Double> = Plan.defaultTemperatureRange,
        focusAreas: [String] = [],
        model: ModelChoice,
        maxTokens: Int? = nil,
        timeout: Duration = Plan.defaultTimeout,
        idleTimeout: Duration = Plan.defaultIdleTimeout,
        aggregator: AggregatorSpec? = nil,
        earlyQuorum: Int? = nil
    ) {
        let temps = Plan.spread(temperatures, count: workerCount)
        let workers = (0..<max(0, workerCount)).map { i in
            WorkerSpec(
                index: i, temperature: temps[i],
                focus: focusAreas.isEmpty ? nil : focusAreas[i % focusAreas.count],
                model: model, maxTokens: maxTokens, timeout: timeout, idleTimeout: idleTimeout)
        }
        self.init(task: task, workers: workers, aggregator: aggregator ?? AggregatorSpec(model: model), earlyQuorum: earlyQuorum)
    }

    /// Evenly spread values: i of N gets min + i*(max-min)/(N-1); N = 1 gets min.
    public static func spread(_ range: ClosedRange<Double>, count: Int) -> [Double] {
        guard count > 0 else { return [] }
        guard count > 1 else { return [range.lowerBound] }
        let step = (range.upperBound - range.lowerBound) / Double(count - 1)
        return (0..<count).map { i in
            // Round to 1e-6 so 0.2 + 2*0.4 prints as 1.0, not 1.0000000000000002.
            ((range.lowerBound + Double(i) * step) * 1_000_000).rounded() / 1_000_000
        }
    }

    /// Fewest successful workers that still make a run: ceil(N/2).
    public var quorum: Int { Quorum.required(workerCount: workers.count) }

    /// Problems that make the plan unusable, each one line naming the setting and the fix.
    public func validate() -> [String] {
        var problems: [String] = []
        if workers.isEmpty { problems.append("workers: 0 workers; use at least 1 (e.g. --workers 3)") }
        if task.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append("task: the task is empty; give the question as an argument or on standard input")
        }
        for w in workers {
            if w.timeout <= .zero { problems.append("worker \(w.index + 1): timeout must be above 0 s") }
            if w.idleTimeout <= .zero { problems.append("worker \(w.index + 1): idle timeout must be above 0 s") }
            if !(0...2).contains(w.temperature) {
                problems.append("worker \(w.index + 1): temperature \(w.temperature) is outside 0...2")
            }
        }
        if aggregator.timeout <= .zero { problems.append("aggregator: timeout must be above 0 s") }
        if let k = earlyQuorum, !workers.isEmpty, !(quorum...workers.count).contains(k) {
            problems.append(
                "early quorum: \(k) is outside \(quorum)...\(workers.count); it must be at least the quorum (ceil(N/2)) and at most the worker count")
        }
        return problems
    }
}

extension Duration {
    /// Whole milliseconds, rounded down; what the record stores.
    public var milliseconds: Int64 {
        let (s, atto) = components
        return s * 1000 + atto / 1_000_000_000_000_000
    }

    /// Seconds as a Double, for display and ratios.
    public var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
