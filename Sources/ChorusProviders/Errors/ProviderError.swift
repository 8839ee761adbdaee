/// Why a call to a model server failed, in a form a person can act on.
///
/// `description` is ONE line: the provider, the URL, what went wrong (with the HTTP status
/// and the server's own message when there is one) and the fix, e.g.
///
///     openai at http://127.0.0.1:8080/v1/chat/completions: HTTP 401 unauthorized: "invalid key"; fix: check OPENAI_API_KEY
///
/// The API key never appears: the server's message is cleaned of every configured secret
/// (a hostile or careless server may echo it), of control characters (it is shown in a
/// terminal) and of line breaks, and shortened.
public struct ProviderError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// HTTP 401 or 403: the key is missing, wrong, or lacks access.
        case unauthorized
        /// HTTP 404: usually an unknown model, sometimes a base URL without its `/v1`.
        case notFound
        /// HTTP 400, 413, 422: the server refused the request itself.
        case badRequest
        /// HTTP 429, after the retries (if any) ran out.
        case rateLimited
        /// HTTP 5xx or Anthropic's 529, after the retries ran out.
        case serverError
        /// Any other status that is not a success.
        case httpStatus
        /// Nothing listens at the host and port.
        case connectionRefused
        /// The host name does not resolve.
        case dnsFailure
        /// The TLS handshake failed (wrong scheme, bad certificate).
        case tlsFailure
        /// No TCP connection within the connect timeout.
        case connectTimeout
        /// The server sent no response head within `responseHeadTimeout`.
        case responseTimeout
        /// The connection broke while the request or the response was under way.
        case connectionLost
        /// The stream ended cleanly but without its end marker (`[DONE]`, a finish reason,
        /// `message_stop`): the answer may be cut short.
        case truncated
        /// The body was not what the wire format promises (not JSON, not an event stream,
        /// not HTTP at all).
        case malformedResponse
        /// The server reported an error inside a successful response (an `error` chunk or
        /// an `event: error`).
        case serverReportedError
        /// The settings cannot work (e.g. a base URL that is not http or https).
        case invalidConfiguration
        /// More calls to one host than the HTTP client's connection limit, and a queued call
        /// waited longer than the connect timeout: a wiring mistake (the limit must be at least
        /// the number of workers), reported instead of hidden.
        case connectionLimit
    }

    public internal(set) var kind: Kind
    public internal(set) var provider: ProviderKind
    /// The URL called, without credentials or query.
    public internal(set) var url: String
    /// The HTTP status, when the server answered with one.
    public internal(set) var status: Int?
    /// What went wrong, in a few words ("HTTP 429 rate limited", "connection refused").
    public internal(set) var summary: String
    /// The server's own message, cleaned (see the type's note), if it sent one.
    public internal(set) var detail: String?
    /// What the person can do about it.
    public internal(set) var fix: String
    /// The wait the server asked for (`Retry-After`, `retry-after-ms`) on a failed response, so a
    /// caller that paces many calls (a batch's rate limiter) can honour it. Not part of
    /// `description`, and never compared: two errors that differ only here are the same failure.
    public internal(set) var retryAfter: Duration?

    init(
        kind: Kind, provider: ProviderKind, url: String, status: Int? = nil, summary: String,
        detail: String? = nil, fix: String, secrets: [String] = []
    ) {
        self.kind = kind
        self.provider = provider
        self.url = url
        self.status = status
        self.summary = ProviderError.clean(summary, secrets: secrets)
        self.detail = detail.map { ProviderError.clean($0, secrets: secrets) }.flatMap { $0.isEmpty ? nil : $0 }
        self.fix = ProviderError.clean(fix, secrets: secrets, limit: 400)
    }

    public var description: String {
        var line = "\(provider.rawValue) at \(url): \(summary)"
        if let detail { line += ": \"\(detail)\"" }
        line += "; fix: \(fix)"
        return line
    }

    /// True when the server could not be reached at all: the CLI's "provider unreachable"
    /// exit code, and the discovery probe's "nothing there".
    public var isUnreachable: Bool {
        switch kind {
        case .connectionRefused, .dnsFailure, .tlsFailure, .connectTimeout: true
        default: false
        }
    }

    /// True for failures a later try may fix (overload, rate limits, broken connections),
    /// before any text arrived. The retry logic also honours `x-should-retry`.
    /// True when the server pushed back on the pace of calls: HTTP 429, or an overloaded server
    /// (503, Anthropic's 529). A batch slows down and resends these instead of failing the item.
    public var isPushback: Bool {
        kind == .rateLimited || status == 503 || status == 529
    }

    public var isTransient: Bool {
        switch kind {
        case .rateLimited, .serverError, .connectionRefused, .connectTimeout, .connectionLost: true
        case .httpStatus: status.map { $0 == 408 || $0 == 409 } ?? false
        default: false
        }
    }
}

extension ProviderError {
    /// Longest server message kept; the rest is cut with an ellipsis.
    static let detailLimit = 240

    /// One line, no control characters, no secrets, at most `limit` characters.
    static func clean(_ text: String, secrets: [String], limit: Int = detailLimit) -> String {
        var text = text
        for secret in secrets where !secret.isEmpty {
            text = text.replacingAll(secret, with: "[redacted]")
        }
        var result = ""
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            let isBreak = scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7F
                || (0x80...0x9F).contains(scalar.value)
            if isBreak {
                if !lastWasSpace && !result.isEmpty { result.unicodeScalars.append(" ") }
                lastWasSpace = true
            } else {
                result.unicodeScalars.append(scalar)
                lastWasSpace = false
            }
        }
        while result.last == " " { result.removeLast() }
        if result.count > limit {
            result = String(result.prefix(limit - 1)) + "…"
        }
        return result
    }
}

extension String {
    /// Every occurrence of `target` replaced (Foundation-free, so the error type stays light).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}

extension ProviderError {
    /// Equal when they describe the same failure; `retryAfter` is advice, not identity.
    public static func == (lhs: ProviderError, rhs: ProviderError) -> Bool {
        lhs.kind == rhs.kind && lhs.provider == rhs.provider && lhs.url == rhs.url && lhs.status == rhs.status
            && lhs.summary == rhs.summary && lhs.detail == rhs.detail && lhs.fix == rhs.fix
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(provider)
        hasher.combine(url)
        hasher.combine(status)
        hasher.combine(summary)
        hasher.combine(detail)
        hasher.combine(fix)
    }
}
