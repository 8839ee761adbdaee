/// The limits a batch keeps to for one provider: requests and tokens per minute. Nil means no
/// limit of that kind is configured; the limiter still slows down when the provider pushes back.
public struct RateLimit: Sendable, Hashable, Codable {
    public var requestsPerMinute: Double?
    public var tokensPerMinute: Double?

    public init(requestsPerMinute: Double? = nil, tokensPerMinute: Double? = nil) {
        self.requestsPerMinute = requestsPerMinute
        self.tokensPerMinute = tokensPerMinute
    }

    public static let none = RateLimit()

    enum CodingKeys: String, CodingKey {
        case requestsPerMinute = "rpm", tokensPerMinute = "tpm"
    }
}

/// What a provider said when it pushed back (HTTP 429, or an overloaded server), as far as the
/// limiter needs it: how long it asked us to wait, and a few words for the progress line.
public struct Pushback: Sendable, Hashable {
    public var retryAfter: Duration?
    public var summary: String

    public init(retryAfter: Duration?, summary: String) {
        self.retryAfter = retryAfter
        self.summary = summary
    }
}

/// Tells a provider's pushback (a rate limit, an overload) from other errors. The core knows
/// no HTTP, so the executable passes one in that reads its providers' typed errors.
public typealias PushbackClassifier = @Sendable (any Error) -> Pushback?

/// The tokens a request will probably use, before it is sent: about four characters a token for
/// the messages, plus the most it may write (or a typical answer when there is no limit). The
/// limiter charges this up front and settles the difference when the usage is known.
public enum TokenEstimate {
    public static let typicalAnswer = 256

    public static func of(_ request: ChatRequest) -> Int {
        let characters = request.messages.reduce(0) { $0 + $1.content.utf8.count }
        return characters / 4 + 1 + (request.maxTokens ?? typicalAnswer)
    }
}
