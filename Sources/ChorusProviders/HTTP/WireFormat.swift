import Chorus
import Foundation

/// What differs between the OpenAI-compatible and the Anthropic wire formats; everything
/// else (sending, retrying, reading the stream, errors) is shared by `StreamingCall`.
protocol WireFormat: Sendable {
    associatedtype Decoder: StreamDecoder

    var settings: ProviderSettings { get }
    var endpoint: ProviderEndpoint { get }
    /// The JSON body of a streaming request.
    func requestBody(for request: ChatRequest) throws -> Data
    /// Authentication and version headers (before `extraHeaders` are applied).
    var formatHeaders: [(String, String)] { get }
    func makeDecoder(_ context: ErrorContext) -> Decoder
}

extension WireFormat {
    /// Every header of a chat request: the common ones, the format's, then the user's extra
    /// headers, which replace any default of the same name.
    var requestHeaders: [(String, String)] {
        var headers: [(String, String)] = [
            ("content-type", "application/json"),
            ("accept", "text/event-stream, application/json"),
            ("user-agent", "chorus"),
        ]
        headers += formatHeaders
        for (name, value) in settings.extraHeaders.sorted(by: { $0.key < $1.key }) {
            headers.removeAll { $0.0.lowercased() == name.lowercased() }
            headers.append((name, value))
        }
        return headers
    }
}
