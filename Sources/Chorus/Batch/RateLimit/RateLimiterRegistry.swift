import Synchronization

/// One `RateLimiter` per provider endpoint of a batch, made on first use, so every worker and
/// aggregator call to the same server (whichever item it belongs to) shares one queue and one
/// view of that server's pushback, while two providers never slow each other down.
public final class RateLimiterRegistry: Sendable {
    private let limits: @Sendable (ModelChoice) -> RateLimit
    private let clock: any Clock<Duration>
    private let limiters = Mutex<[String: RateLimiter]>([:])

    /// - Parameter limits: the limits for a provider (the same for all, or per provider).
    public init(clock: any Clock<Duration> = ContinuousClock(), limits: @escaping @Sendable (ModelChoice) -> RateLimit) {
        self.clock = clock
        self.limits = limits
    }

    /// The limiter of the endpoint `choice` talks to: its provider and base URL (two local
    /// servers of one provider name are two endpoints).
    public func limiter(for choice: ModelChoice) -> RateLimiter {
        let key = choice.provider + " " + (choice.baseURL ?? "")
        return limiters.withLock { all in
            if let existing = all[key] { return existing }
            let name = choice.baseURL.map { "\(choice.provider) at \($0)" } ?? choice.provider
            let limiter = RateLimiter(name: name, limit: limits(choice), clock: clock)
            all[key] = limiter
            return limiter
        }
    }

    /// Every limiter made so far, for the progress line.
    public var all: [RateLimiter] {
        limiters.withLock { Array($0.values) }.sorted { $0.name < $1.name }
    }

    /// `models`, with every call going through its endpoint's limiter.
    public func limiting(_ models: @escaping ModelFactory, classify: @escaping PushbackClassifier) -> ModelFactory {
        { choice in
            RateLimitedModel(base: try models(choice), limiter: self.limiter(for: choice), classify: classify)
        }
    }
}
