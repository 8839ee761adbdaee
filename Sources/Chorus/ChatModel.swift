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
}

/// What a model is asked: the messages and the sampling settings of one worker.
public struct ChatRequest: Sendable, Hashable {
    public var messages: [ChatMessage]
    public var temperature: Double
    /// `nil` lets the provider use its own default.
    public var maxTokens: Int?
    /// The model name sent to the provider (a local server may ignore it).
    public var model: String

    public init(messages: [ChatMessage], temperature: Double, maxTokens: Int? = nil, model: String) {
        self.messages = messages
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.model = model
    }
}

/// Token counts of one call, as far as they are known.
public struct TokenUsage: Sendable, Codable, Hashable {
    public var promptTokens: Int?
    public var completionTokens: Int?
    /// True when the counts were estimated by Chorus (e.g. one token per streamed chunk)
    /// because the server reported none.
    public var approximate: Bool

    public init(promptTokens: Int? = nil, completionTokens: Int? = nil, approximate: Bool = false) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.approximate = approximate
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
    }
}

/// One piece of a streamed answer.
public enum ChatChunk: Sendable, Hashable {
    /// The next piece of text, in order.
    case text(String)
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
}
