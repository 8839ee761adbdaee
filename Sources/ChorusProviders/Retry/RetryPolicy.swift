/// How a provider retries a call that failed before any text arrived.
///
/// Retried: HTTP 408, 409, 429, 5xx (including Anthropic's 529 "overloaded") and connection
/// errors, and an error event that comes before the first text (e.g. `overloaded_error`).
/// Never retried: anything after the first text chunk (the worker would show the text twice),
/// and statuses a retry cannot fix (400, 401, 403, 404). A server's `x-should-retry: true/false`
/// overrides the status rule.
///
/// The wait is the server's `retry-after-ms` or `Retry-After` (seconds or an HTTP date) when
/// it is at most `maxRetryAfter`; a longer requested wait fails at once with that wait in
/// the message (a 429 that asks for an hour is a quota, not a hiccup, and the worker's
/// deadline would end the wait anyway). Without a hint: exponential backoff from
/// `initialBackoff`, doubled each retry, at most `maxBackoff`, shortened by up to `jitter`
/// (a fraction) at random so many workers do not retry in lockstep.
public struct RetryPolicy: Sendable, Hashable {
    /// Retries after the first try; 0 turns retrying off.
    public var maxRetries: Int
    public var initialBackoff: Duration
    public var maxBackoff: Duration
    public var maxRetryAfter: Duration
    /// 0 (exact waits, for tests) ... 1.
    public var jitter: Double
    /// Whether this call retries pushback (429, 503, 529) itself. A batch turns it off: its
    /// rate limiter, shared by every call to the provider, does the waiting and slows all of
    /// them down, where a retry inside one call would only add to the storm.
    public var retriesPushback: Bool

    public init(
        maxRetries: Int = 2,
        initialBackoff: Duration = .milliseconds(500),
        maxBackoff: Duration = .seconds(8),
        maxRetryAfter: Duration = .seconds(30),
        jitter: Double = 0.25,
        retriesPushback: Bool = true
    ) {
        self.maxRetries = max(0, maxRetries)
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.maxRetryAfter = maxRetryAfter
        self.jitter = min(1, max(0, jitter))
        self.retriesPushback = retriesPushback
    }

    /// The default: two retries, 0.5 s then 1 s (less jitter), server hints up to 30 s.
    public static let standard = RetryPolicy()

    /// No retries at all (e.g. the CLI's discovery probe).
    public static let never = RetryPolicy(maxRetries: 0)
}
