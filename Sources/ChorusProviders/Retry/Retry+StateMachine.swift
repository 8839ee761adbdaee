/// Decides, for one call, whether a failed attempt is tried again and after how long.
///
/// I/O-free: the caller reports each failure with what the response said (`RetryHint`) and
/// whether text already reached the worker, and performs the returned action (sleep on the
/// injected clock, then try again; or throw). `random` is passed in so tests are exact.
struct RetryStateMachine: Sendable {
    enum Action: Sendable, Hashable {
        /// Report `ChatChunk.retrying(attempt:reason:)`, wait `delay`, then send attempt
        /// number `attempt` (2 for the first retry).
        case retry(attempt: Int, delay: Duration, reason: String)
        /// Give up with this error.
        case fail(ProviderError)
    }

    let policy: RetryPolicy
    /// Retries started so far.
    private(set) var retries = 0

    init(policy: RetryPolicy) {
        self.policy = policy
    }

    /// - Parameters:
    ///   - error: why the attempt failed.
    ///   - hint: the response's retry headers (`.none` for connection errors).
    ///   - textStarted: some text already went to the worker; a retry would repeat it.
    ///   - random: a number in 0..<1 for the jitter.
    mutating func attemptFailed(
        _ error: ProviderError, hint: RetryHint, textStarted: Bool, random: Double
    ) -> Action {
        var error = error
        error.retryAfter = hint.retryAfter
        guard !textStarted else { return .fail(error) }
        if error.isPushback && !policy.retriesPushback { return .fail(error) }
        guard hint.shouldRetry ?? error.isTransient else { return .fail(error) }
        guard retries < policy.maxRetries else {
            guard retries > 0 else { return .fail(error) }
            var final = error
            final.summary += " (after \(retries) \(retries == 1 ? "retry" : "retries"))"
            return .fail(final)
        }
        let delay: Duration
        if let requested = hint.retryAfter {
            guard requested <= policy.maxRetryAfter else {
                var final = error
                final.summary += " (the server asks to wait \(requested.secondsText))"
                final.fix = "wait that long and retry; Chorus waits at most \(policy.maxRetryAfter.secondsText)"
                return .fail(final)
            }
            delay = requested
        } else {
            delay = backoff(random: random)
        }
        retries += 1
        let reason = "\(error.summary), retry \(retries) of \(policy.maxRetries) in \(delay.secondsText)"
        return .retry(attempt: retries + 1, delay: delay, reason: reason)
    }

    /// Exponential backoff for the coming retry: initial, 2x, 4x..., capped, minus jitter.
    private func backoff(random: Double) -> Duration {
        var delay = policy.initialBackoff
        for _ in 0..<retries where delay < policy.maxBackoff {
            delay *= 2
        }
        delay = min(delay, policy.maxBackoff)
        let factor = 1 - policy.jitter * min(max(random, 0), 1)
        let (seconds, attoseconds) = delay.components
        let milliseconds = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return .milliseconds(Int64((milliseconds * factor).rounded()))
    }
}
