/// What the fake server does for one chat request. The same value drives both wire formats:
/// the server writes it as OpenAI chunks on `/v1/chat/completions` and as Anthropic events on
/// `/v1/messages`.
///
/// Every field has a default, so a script (JSON) names only what it changes, e.g.
/// `{"status": 429, "retryAfter": "1"}` or `{"text": "Paris", "intervalMs": 50}`.
public struct FakeResponse: Sendable, Hashable, Codable {
    /// How a streamed answer ends, after `endAfter` tokens (or all of them).
    public enum Ending: String, Sendable, Hashable, Codable, CaseIterable {
        /// The proper end: OpenAI `finish_reason` + usage + `[DONE]`; Anthropic `message_delta`
        /// + `message_stop`.
        case done
        /// The finish reason (and usage), then the body ends without `[DONE]` / `message_stop`:
        /// still a complete answer.
        case finishOnly = "finish_only"
        /// The body ends cleanly (last HTTP chunk) with no end marker at all: a truncated stream.
        case close
        /// The TCP connection is closed in the middle of the chunked body.
        case drop
        /// Nothing more is sent; the connection stays open until the client gives up.
        case stall
        /// An error object in the stream after HTTP 200 (OpenAI `data: {"error": ...}`,
        /// Anthropic `event: error`), then the body ends.
        case errorEvent = "error_event"
        /// A `data:` line that is not JSON, then the body ends.
        case malformed
    }

    /// Wait before the response head, in milliseconds.
    public var delayMs: Int
    /// Hold the response head until this many chat requests are open at once (at most 10 s):
    /// proves a client sends its requests concurrently instead of queueing them.
    public var gather: Int?
    /// Anything but 2xx sends a JSON error body in the endpoint's dialect instead of an answer.
    public var status: Int
    /// The error's message (for a non-2xx status and for `errorEvent`).
    public var errorMessage: String?
    /// The error's type (e.g. "overloaded_error", "rate_limit_error").
    public var errorType: String?
    /// The `Retry-After` header value (seconds or an HTTP date), sent as given.
    public var retryAfter: String?
    /// The `retry-after-ms` header.
    public var retryAfterMs: Int?
    /// The `x-should-retry` header.
    public var shouldRetry: Bool?
    /// More response headers.
    public var headers: [String: String]
    /// The answer; streamed one word (with its leading space) per token. When nil, the answer
    /// is `tokens` generated words, or a short sentence naming the model and the question.
    public var text: String?
    /// Number of tokens to generate when `text` is nil.
    public var tokens: Int?
    /// Wait between tokens, in milliseconds.
    public var intervalMs: Int
    public var ending: Ending
    /// Tokens sent before an ending other than `done` (default: all of them).
    public var endAfter: Int?
    /// Send token usage (OpenAI's final usage chunk, Anthropic's usage fields). llama.cpp's
    /// server sends none.
    public var usage: Bool
    /// Write every event in two pieces split inside a multi-byte UTF-8 character (the default
    /// answer becomes one full of them).
    public var splitUTF8: Bool
    /// Answer with one JSON document instead of a stream, as a server that ignores
    /// `stream: true` does.
    public var json: Bool
    /// Send this body as it is (with `contentType`, default text/html) instead of an answer:
    /// a proxy's or a web server's page where an API was expected.
    public var rawBody: String?
    public var contentType: String?
    /// Send these pieces as the body, exactly, each in its own write (`intervalMs` apart, at
    /// least 2 ms so they leave in separate TCP segments), with `status` and `contentType`
    /// (default text/event-stream; "" sends no Content-Type header) and no content length: any wire shape a real server sends,
    /// cut wherever a test wants it cut.
    public var rawPieces: [String]?
    /// With `rawPieces`: the `Content-Encoding` header to send. "gzip" and "deflate" also
    /// compress the pieces (one zlib stream, flushed after each piece so each can be decoded
    /// as it arrives; `FakeCompression`); any other value (e.g. "br") only sets the header, so a
    /// client can be checked to name an encoding it cannot decode.
    public var contentEncoding: String?

    public init(
        delayMs: Int = 0, gather: Int? = nil, status: Int = 200, errorMessage: String? = nil,
        errorType: String? = nil, retryAfter: String? = nil, retryAfterMs: Int? = nil, shouldRetry: Bool? = nil,
        headers: [String: String] = [:], text: String? = nil, tokens: Int? = nil, intervalMs: Int = 0,
        ending: Ending = .done, endAfter: Int? = nil, usage: Bool = true, splitUTF8: Bool = false,
        json: Bool = false, rawBody: String? = nil, contentType: String? = nil, rawPieces: [String]? = nil,
        contentEncoding: String? = nil
    ) {
        self.delayMs = delayMs
        self.gather = gather
        self.status = status
        self.errorMessage = errorMessage
        self.errorType = errorType
        self.retryAfter = retryAfter
        self.retryAfterMs = retryAfterMs
        self.shouldRetry = shouldRetry
        self.headers = headers
        self.text = text
        self.tokens = tokens
        self.intervalMs = intervalMs
        self.ending = ending
        self.endAfter = endAfter
        self.usage = usage
        self.splitUTF8 = splitUTF8
        self.json = json
        self.rawBody = rawBody
        self.contentType = contentType
        self.rawPieces = rawPieces
        self.contentEncoding = contentEncoding
    }

    private enum CodingKeys: String, CodingKey {
        case delayMs, gather, status, errorMessage, errorType, retryAfter, retryAfterMs, shouldRetry, headers
        case text, tokens, intervalMs, ending, endAfter, usage, splitUTF8, json, rawBody, contentType, rawPieces
        case contentEncoding
    }

    /// Every key is optional in a script.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = FakeResponse()
        self.init(
            delayMs: try c.decodeIfPresent(Int.self, forKey: .delayMs) ?? defaults.delayMs,
            gather: try c.decodeIfPresent(Int.self, forKey: .gather),
            status: try c.decodeIfPresent(Int.self, forKey: .status) ?? defaults.status,
            errorMessage: try c.decodeIfPresent(String.self, forKey: .errorMessage),
            errorType: try c.decodeIfPresent(String.self, forKey: .errorType),
            retryAfter: try c.decodeIfPresent(String.self, forKey: .retryAfter),
            retryAfterMs: try c.decodeIfPresent(Int.self, forKey: .retryAfterMs),
            shouldRetry: try c.decodeIfPresent(Bool.self, forKey: .shouldRetry),
            headers: try c.decodeIfPresent([String: String].self, forKey: .headers) ?? [:],
            text: try c.decodeIfPresent(String.self, forKey: .text),
            tokens: try c.decodeIfPresent(Int.self, forKey: .tokens),
            intervalMs: try c.decodeIfPresent(Int.self, forKey: .intervalMs) ?? defaults.intervalMs,
            ending: try c.decodeIfPresent(Ending.self, forKey: .ending) ?? defaults.ending,
            endAfter: try c.decodeIfPresent(Int.self, forKey: .endAfter),
            usage: try c.decodeIfPresent(Bool.self, forKey: .usage) ?? defaults.usage,
            splitUTF8: try c.decodeIfPresent(Bool.self, forKey: .splitUTF8) ?? defaults.splitUTF8,
            json: try c.decodeIfPresent(Bool.self, forKey: .json) ?? defaults.json,
            rawBody: try c.decodeIfPresent(String.self, forKey: .rawBody),
            contentType: try c.decodeIfPresent(String.self, forKey: .contentType),
            rawPieces: try c.decodeIfPresent([String].self, forKey: .rawPieces),
            contentEncoding: try c.decodeIfPresent(String.self, forKey: .contentEncoding)
        )
    }

    /// An HTTP error answer, e.g. `.failure(429, retryAfter: "1")`.
    public static func failure(
        _ status: Int, message: String? = nil, type: String? = nil, retryAfter: String? = nil
    ) -> FakeResponse {
        FakeResponse(status: status, errorMessage: message, errorType: type, retryAfter: retryAfter)
    }

    /// A body sent exactly as `pieces`, e.g. an SSE stream of a shape a real server sends.
    public static func raw(
        _ pieces: [String], contentType: String = "text/event-stream", status: Int = 200, intervalMs: Int = 2,
        contentEncoding: String? = nil
    ) -> FakeResponse {
        FakeResponse(
            status: status, intervalMs: intervalMs, contentType: contentType, rawPieces: pieces,
            contentEncoding: contentEncoding)
    }

    /// A streamed answer of `text`.
    public static func answer(_ text: String, intervalMs: Int = 0) -> FakeResponse {
        FakeResponse(text: text, intervalMs: intervalMs)
    }
}
