import Chorus
import Foundation

/// A Claude model behind Anthropic's Messages API (`/v1/messages`), streamed. A worker's
/// focus area (a system message) goes in the `system` field; `max_tokens`, which Anthropic
/// requires, defaults to `ProviderSettings.defaultMaxTokens`.
public struct AnthropicModel: ChatModel, WireFormat {
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
        settings.kind = .anthropic
        self.settings = settings
        self.endpoint = try ProviderEndpoint.resolve(kind: .anthropic, baseURL: settings.baseURL)
        self.http = http
        self.clock = clock
    }

    /// The messages URL this model posts to (for messages and logs).
    public var chatURL: String { endpoint.displayURL(endpoint.chatPath) }

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatChunk, any Error> {
        StreamingCall(format: self, http: http, clock: clock).stream(request)
    }

    func requestBody(for request: ChatRequest) throws -> Data {
        try AnthropicWire.body(for: request, defaultMaxTokens: settings.defaultMaxTokens)
    }

    var formatHeaders: [(String, String)] {
        var headers = [("anthropic-version", settings.anthropicVersion)]
        if let key = settings.apiKey { headers.append(("x-api-key", key)) }
        return headers
    }

    func makeDecoder(_ context: ErrorContext) -> AnthropicStreamDecoder {
        AnthropicStreamDecoder(context: context)
    }
}
