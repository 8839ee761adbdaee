import Chorus
import Foundation

/// A model behind an HTTP chat API that speaks `Wire`, streamed. The model name comes with
/// each request, so one value serves every worker that uses the same server.
///
/// The shell every wire shares: the settings, the checked base URL, the process's HTTP client
/// and the clock that times retries. What differs between APIs is `Wire`'s business; the call
/// itself is `StreamingCall`'s.
struct HTTPChatModel<Wire: WireFormat>: ChatModel {
    let settings: ProviderSettings
    let wire: Wire
    let endpoint: ProviderEndpoint
    let http: ProviderHTTPClient
    let clock: any Clock<Duration>

    /// Fails only when the base URL cannot work (see `ProviderSettings.baseURL`).
    /// `clock` times the waits between retries (tests pass a manual clock).
    init(
        settings: ProviderSettings, http: ProviderHTTPClient, clock: any Clock<Duration> = ContinuousClock()
    ) throws(ProviderError) {
        var settings = settings
        // The wire decides the kind, so error messages name the API actually spoken.
        settings.kind = Wire.kind
        self.settings = settings
        self.wire = Wire(settings: settings)
        self.endpoint = try ProviderEndpoint.resolve(kind: Wire.kind, baseURL: settings.baseURL)
        self.http = http
        self.clock = clock
    }

    /// The URL chat requests go to (for messages and logs).
    var chatURL: String { endpoint.displayURL(endpoint.chatPath) }

    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatChunk, any Error> {
        StreamingCall(model: self).stream(request)
    }

    /// Every header of a chat request: the common ones, the wire's, then the user's extra
    /// headers, which replace any default of the same name.
    var requestHeaders: [(String, String)] {
        var headers: [(String, String)] = [
            ("content-type", "application/json"),
            ("accept", "text/event-stream, application/json"),
            ("user-agent", "chorus"),
        ]
        headers += wire.headers
        for (name, value) in settings.extraHeaders.sorted(by: { $0.key < $1.key }) {
            headers.removeAll { $0.0.lowercased() == name.lowercased() }
            headers.append((name, value))
        }
        return headers
    }
}
