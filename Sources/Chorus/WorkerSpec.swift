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
    /// Total time this worker may take, from its start to its last chunk; with a `headTimeout`,
    /// from the response head to its last chunk.
    public var timeout: Duration
    /// Longest silence allowed between two chunks once the first one arrived. Before the first
    /// chunk only `timeout` applies, so a worker queued at a one-request-at-a-time local server
    /// is not cut off while it waits its turn.
    public var idleTimeout: Duration
    /// Longest wait for the response head (the server took the request), queued at a proxy that
    /// holds requests above its rate limit or at a server that serves one request at a time.
    /// When set, only this limit applies before the head, and `timeout` counts from the head;
    /// nil (the default of `chorus run`) keeps one limit, `timeout`, from the attempt's start.
    /// `chorus batch` sets `Plan.batchHeadTimeout` when the user set none.
    public var headTimeout: Duration?
    /// How hard a reasoning model thinks; nil leaves it to the provider.
    public var reasoningEffort: ReasoningEffort?
    /// A sampling seed for providers that honour one (varies the workers when the temperature
    /// cannot); nil sends none.
    public var seed: Int?
    /// The schema the worker's answer must follow (`--schema`): sent with the request
    /// (`ChatRequest.responseSchema`) and checked when the answer ends; nil asks for free text.
    public var schema: StructuredSchema?

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

    /// "1", or "2 risk" when the worker has a label of its own: how every view names a worker,
    /// so the number is never written twice ("1 1").
    public var displayName: String {
        let number = String(index + 1)
        return label == number ? number : "\(number) \(label)"
    }

    /// The messages this worker sends: its focus area as a system message, then each earlier
    /// exchange of a conversation (the user's message, then this worker's assistant turn, see
    /// `FollowUpMode`), then the task.
    public func messages(task: String, history: [PriorTurn] = []) -> [ChatMessage] {
        var messages: [ChatMessage] = []
        if let focus, !focus.isEmpty {
            messages.append(.system("Answer the user's task. Focus on: \(focus)."))
        }
        for turn in history {
            messages.append(.user(turn.message))
            messages.append(.assistant(turn.reply(forWorker: index)))
        }
        messages.append(.user(task))
        return messages
    }

    public func request(task: String, history: [PriorTurn] = []) -> ChatRequest {
        ChatRequest(
            messages: messages(task: task, history: history), temperature: temperature, maxTokens: maxTokens, model: model.model,
            reasoningEffort: reasoningEffort, seed: seed, responseSchema: schema?.responseSchema)
    }

    enum CodingKeys: String, CodingKey {
        case index, label, temperature, focus, model, maxTokens = "max_tokens"
        case timeout = "timeout_ms", idleTimeout = "idle_timeout_ms", headTimeout = "head_timeout_ms"
        case reasoningEffort = "reasoning_effort", seed, schema
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        index = try c.decode(Int.self, forKey: .index)
        label = try c.decode(String.self, forKey: .label)
        temperature = try c.decode(Double.self, forKey: .temperature)
        focus = try c.decodeIfPresent(String.self, forKey: .focus)
        model = try c.decode(ModelChoice.self, forKey: .model)
        maxTokens = try c.decodeIfPresent(Int.self, forKey: .maxTokens)
        timeout = try c.decodeMilliseconds(forKey: .timeout)
        idleTimeout = try c.decodeMilliseconds(forKey: .idleTimeout)
        headTimeout = try c.decodeMillisecondsIfPresent(forKey: .headTimeout)
        reasoningEffort = try c.decodeIfPresent(ReasoningEffort.self, forKey: .reasoningEffort)
        seed = try c.decodeIfPresent(Int.self, forKey: .seed)
        schema = try c.decodeIfPresent(StructuredSchema.self, forKey: .schema)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(index, forKey: .index)
        try c.encode(label, forKey: .label)
        try c.encode(temperature, forKey: .temperature)
        try c.encode(focus, forKey: .focus)
        try c.encode(model, forKey: .model)
        try c.encode(maxTokens, forKey: .maxTokens)
        try c.encodeMilliseconds(timeout, forKey: .timeout)
        try c.encodeMilliseconds(idleTimeout, forKey: .idleTimeout)
        if let headTimeout { try c.encodeMilliseconds(headTimeout, forKey: .headTimeout) }
        try c.encodeIfPresent(reasoningEffort, forKey: .reasoningEffort)
        try c.encodeIfPresent(seed, forKey: .seed)
        try c.encodeIfPresent(schema, forKey: .schema)
    }
}
