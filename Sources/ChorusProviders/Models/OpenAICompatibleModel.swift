import Chorus
import Foundation

/// A model behind an OpenAI-compatible `/v1/chat/completions` (OpenAI, Ollama, llama.cpp's
/// server, vLLM, LM Studio, OpenRouter, Groq, Together...), streamed with
/// `stream_options.include_usage`. The model name comes with each request.
public struct OpenAICompatibleModel: ChatModel, WireFormat {
    public let settings: ProviderSettings
    let endpoint: ProviderEndpoint
    let http: ProviderHTTPClient
    let clock: any Clock<Duration>

    /// Fails only when the base URL cannot work (see `ProviderSettings.baseURL`).
    /// `clock` times the waits between retries (tests pass a manual clock).
    public init(
        settings: ProviderSettings, http: ProviderHTTPClient, clock: any Clock<Duration> = ContinuousClock()
    ) throws(ProviderError) {
        var settings = settings
        settings.kind = .openai
        self.settings = settings
        self.endpoint = try ProviderEndpoint.resolve(kind: .openai, baseURL: settings.baseURL)
        self.http = http
        self.clock = clock
    }

    /// The chat completions URL this model posts to (for messages and logs).
    public var chatURL: String { endpoint.displayURL(endpoint.chatPath) }

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatChunk, any Error> {
        StreamingCall(format: self, http: http, clock: clock).stream(request)
    }

    func requestBody(for request: ChatRequest) throws -> Data {
        try OpenAIWire.body(for: request)
    }

    var formatHeaders: [(String, String)] {
        settings.apiKey.map { [("authorization", "Bearer \($0)")] } ?? []
    }

    func makeDecoder(_ context: ErrorContext) -> OpenAIStreamDecoder {
        OpenAIStreamDecoder(context: context)
    }
}
