/// The one door between the core and a language model.
///
/// The core never speaks HTTP: it asks a `ChatModel` for a stream of chunks and consumes
/// them. Providers (OpenAI-compatible, Anthropic) live in `ChorusProviders`; tests and
/// benchmarks use scripted in-memory models from `ChorusTestSupport`.
///
/// Cancellation contract: when the task consuming the stream is cancelled (a timeout, the user
/// pressing `c`), the model must stop its work promptly and close its connection. Consuming the
/// returned stream inside a cancelled task must end with `CancellationError` or simply finish.
public protocol ChatModel: Sendable {
    /// Starts one completion and streams it. Errors (HTTP, protocol, the server's own error
    /// message) are thrown from the stream; they should conform to `LocalizedError`-style
    /// `CustomStringConvertible` so the record gets one readable line.
    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatChunk, any Error>
}

/// One message of a chat conversation.
public struct ChatMessage: Sendable, Codable, Hashable {
    public enum Role: String, Sendable, Codable, Hashable {
        case system, user, assistant
    }

    public var role: Role
    public var content: String

    public init(role: Role, content: String) {
        self.role = role
        self.content = content
    }

    public static func system(_ text: String) -> ChatMessage { ChatMessage(role: .system, content: text) }
    public static func user(_ text: String) -> ChatMessage { ChatMessage(role: .user, content: text) }
    public static func assistant(_ text: String) -> ChatMessage { ChatMessage(role: .assistant, content: text) }
}

/// What a model is asked: the messages and the sampling settings of one worker.
public struct ChatRequest: Sendable, Hashable {
    public var messages: [ChatMessage]
    public var temperature: Double
    /// `nil` lets the provider use its own default.
    public var maxTokens: Int?
    /// The model name sent to the provider (a local server may ignore it).
    public var model: String
    /// How hard a reasoning model should think; nil sends nothing (the provider's default).
    public var reasoningEffort: ReasoningEffort?
    /// A sampling seed, for providers that honour one; nil sends none.
    public var seed: Int?
    /// The JSON Schema the answer must follow (`--schema`); nil asks for free text.
    public var responseSchema: ResponseSchema?

    public init(
        messages: [ChatMessage], temperature: Double, maxTokens: Int? = nil, model: String,
        reasoningEffort: ReasoningEffort? = nil, seed: Int? = nil, responseSchema: ResponseSchema? = nil
    ) {
        self.messages = messages
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.model = model
        self.reasoningEffort = reasoningEffort
        self.seed = seed
        self.responseSchema = responseSchema
    }
}

/// Token counts of one call, as far as they are known.
public struct TokenUsage: Sendable, Codable, Hashable {
    public var promptTokens: Int?
    public var completionTokens: Int?
    /// True when the counts were estimated by Chorus (e.g. one token per streamed chunk)
    /// because the server reported none.
    public var approximate: Bool
    /// Of `completionTokens`, those spent reasoning (OpenAI's
    /// `completion_tokens_details.reasoning_tokens`); nil when the server does not say.
    public var reasoningTokens: Int?
    /// Of `promptTokens`, those read from the provider's prompt cache (OpenAI's
    /// `prompt_tokens_details.cached_tokens`, Anthropic's `cache_read_input_tokens`).
    public var cachedPromptTokens: Int?

    public init(
        promptTokens: Int? = nil, completionTokens: Int? = nil, approximate: Bool = false, reasoningTokens: Int? = nil,
        cachedPromptTokens: Int? = nil
    ) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.approximate = approximate
        self.reasoningTokens = reasoningTokens
        self.cachedPromptTokens = cachedPromptTokens
    }

    public var totalTokens: Int? {
        switch (promptTokens, completionTokens) {
        case (nil, nil): nil
        case let (p, c): (p ?? 0) + (c ?? 0)
        }
    }

    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case approximate
        case reasoningTokens = "reasoning_tokens"
        case cachedPromptTokens = "cached_prompt_tokens"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        promptTokens = try c.decodeIfPresent(Int.self, forKey: .promptTokens)
        completionTokens = try c.decodeIfPresent(Int.self, forKey: .completionTokens)
        approximate = try c.decodeIfPresent(Bool.self, forKey: .approximate) ?? false
        reasoningTokens = try c.decodeIfPresent(Int.self, forKey: .reasoningTokens)
        cachedPromptTokens = try c.decodeIfPresent(Int.self, forKey: .cachedPromptTokens)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(promptTokens, forKey: .promptTokens)
        try c.encode(completionTokens, forKey: .completionTokens)
        try c.encode(approximate, forKey: .approximate)
        // Added later: written only when known, so older records and outputs stay as they were.
        try c.encodeIfPresent(reasoningTokens, forKey: .reasoningTokens)
        try c.encodeIfPresent(cachedPromptTokens, forKey: .cachedPromptTokens)
    }
}

/// One piece of a streamed answer.
public enum ChatChunk: Sendable, Hashable {
    /// The next piece of the answer's text, in order.
    case text(String)
    /// The next piece of the model's reasoning ("thinking"), in order, wherever the server put
    /// it (a reasoning field, a thinking block, inline `<think>` tags). Kept apart from the
    /// answer: recorded and shown, never merged, voted on or judged.
    case reasoning(String)
    /// Why the model stopped, in the provider's own words (`stop`, `length`, `end_turn`,
    /// `max_tokens`, `content_filter`, `refusal`, ...); see `StopReason` for how each counts.
    case stop(reason: String)
    /// A setting of the request was not applied: the server refused it and the request went again
    /// without it or with its replacement (e.g. `temperature` on a reasoning model). Recorded
    /// and warned about; the attempt goes on.
    case notApplied(setting: String, reason: String)
    /// Token usage, usually sent once near the end. A later usage chunk replaces an earlier one.
    case usage(TokenUsage)
    /// The provider is retrying before any text arrived (e.g. HTTP 429); shown in the record.
    case retrying(attempt: Int, reason: String)
    /// The client itself is holding the request back before sending it (a batch's rate limiter,
    /// or a provider that asked it to slow down). Until `.released`, the worker's clock stops:
    /// time spent queued on our side is not the model's slowness, so it must not use up the
    /// worker's timeout (recorded as `queued_ms`). Only honoured before the first text.
    case held(reason: String)
    /// The hold is over; the request is on its way and the worker's clock runs again.
    case released
    /// The server answered the request with a success head (HTTP 2xx): it took the request and
    /// is working on it. Until then the request may be queued at a proxy or at a server that
    /// serves one request at a time, so waiting for the head and answering are separate limits
    /// (`WorkerSpec.headTimeout`). Sent once per HTTP exchange, before its first chunk; a model
    /// that never sends it (a scripted one) has its head implied by its first chunk.
    case responseStarted
}
