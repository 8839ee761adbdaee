/// A server-wide rate limit on chat requests (`FakeScript.rateLimit`, script key `"rateLimit"`,
/// flags `--rpm N [--burst B] [--retry-after-ms MS]`): a token bucket that holds `burst`
/// requests and refills at `requestsPerMinute` (one token every 60 s / rpm). A chat request
/// that finds the bucket empty is answered at once with HTTP 429, whatever it asked for.
///
///     {"rateLimit": {"requestsPerMinute": 600, "burst": 10, "retryAfterMs": 200}}
///
/// `GET /v1/models` and `/_fake/*` are never limited.
public struct FakeRateLimit: Sendable, Hashable, Codable {
    /// The refill rate: requestsPerMinute / 60 tokens per second. At least 1.
    public var requestsPerMinute: Int
    /// How many requests the full bucket lets through at once. At least 1.
    public var burst: Int
    /// The wait a 429 announces (`retry-after-ms`, and `Retry-After` in whole seconds rounded
    /// up). Nil: the exact wait until the next token is in the bucket.
    public var retryAfterMs: Int?

    /// `burst` defaults to one second's worth of requests: max(1, rpm / 60).
    public init(requestsPerMinute: Int, burst: Int? = nil, retryAfterMs: Int? = nil) {
        self.requestsPerMinute = requestsPerMinute
        self.burst = burst ?? Self.defaultBurst(requestsPerMinute)
        self.retryAfterMs = retryAfterMs
    }

    public static func defaultBurst(_ requestsPerMinute: Int) -> Int { max(1, requestsPerMinute / 60) }

    /// Why these values cannot work, or nil when they can.
    public var problem: String? {
        if requestsPerMinute < 1 { return "requestsPerMinute must be at least 1 (got \(requestsPerMinute))" }
        if burst < 1 { return "burst must be at least 1 (got \(burst))" }
        if let retryAfterMs, retryAfterMs < 0 { return "retryAfterMs must not be negative (got \(retryAfterMs))" }
        return nil
    }

    /// The time one token takes to come back: 60 s / requestsPerMinute.
    var interval: Duration { .seconds(60) / requestsPerMinute }

    private enum CodingKeys: String, CodingKey {
        case requestsPerMinute, burst, retryAfterMs
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            requestsPerMinute: try c.decode(Int.self, forKey: .requestsPerMinute),
            burst: try c.decodeIfPresent(Int.self, forKey: .burst),
            retryAfterMs: try c.decodeIfPresent(Int.self, forKey: .retryAfterMs)
        )
        if let problem {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "rateLimit: " + problem)
            )
        }
    }
}

/// A burst of 429s (`FakeScript.storm`, script key `"storm"`, flag
/// `--storm AFTER:DURATION_MS:RETRY_AFTER_MS`): once `afterRequests` chat requests were let
/// through, the next chat request starts the storm, and every chat request in the `durationMs`
/// from then gets HTTP 429 with `retry-after-ms: retryAfterMs`. Then normal service again. It
/// happens once (`POST /_fake/reset` arms it again).
///
///     {"storm": {"afterRequests": 50, "durationMs": 2000, "retryAfterMs": 500}}
public struct FakeStorm: Sendable, Hashable, Codable {
    /// Chat requests let through before the storm. At least 0.
    public var afterRequests: Int
    /// How long it lasts, from the first request it turns away. At least 1.
    public var durationMs: Int
    /// The wait its 429s announce. At least 0.
    public var retryAfterMs: Int

    public init(afterRequests: Int, durationMs: Int, retryAfterMs: Int) {
        self.afterRequests = afterRequests
        self.durationMs = durationMs
        self.retryAfterMs = retryAfterMs
    }

    /// Why these values cannot work, or nil when they can.
    public var problem: String? {
        if afterRequests < 0 { return "afterRequests must not be negative (got \(afterRequests))" }
        if durationMs < 1 { return "durationMs must be at least 1 (got \(durationMs))" }
        if retryAfterMs < 0 { return "retryAfterMs must not be negative (got \(retryAfterMs))" }
        return nil
    }

    private enum CodingKeys: String, CodingKey {
        case afterRequests, durationMs, retryAfterMs
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            afterRequests: try c.decode(Int.self, forKey: .afterRequests),
            durationMs: try c.decode(Int.self, forKey: .durationMs),
            retryAfterMs: try c.decode(Int.self, forKey: .retryAfterMs)
        )
        if let problem {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "storm: " + problem)
            )
        }
    }
}

/// The admission logic of `FakeRateLimit` and `FakeStorm`, without a clock: the caller passes
/// the time (since any fixed origin), so it is tested with explicit times and the server passes
/// real time since it started.
///
/// The bucket is kept as the moment it will be full again (the "theoretical arrival time" of
/// the generic cell rate algorithm), so every wait is exact `Duration` arithmetic: a request
/// at `now` passes when no more than `burst - 1` intervals of that debt are ahead of `now`.
/// A turned-away request takes no token; a storm's 429s do not touch the bucket.
public struct FakeRateLimiter: Sendable, Hashable {
    public enum Cause: String, Sendable, Hashable, Codable {
        /// The bucket was empty.
        case rateLimit = "rate_limit"
        /// A `FakeStorm` was under way.
        case storm
    }

    public enum Decision: Sendable, Hashable {
        case accept
        /// Answer HTTP 429 announcing `retryAfter`.
        case reject(retryAfter: Duration, cause: Cause)
    }

    public let rateLimit: FakeRateLimit?
    public let storm: FakeStorm?
    /// Requests let through so far.
    public private(set) var accepted = 0
    /// Requests turned away so far (bucket or storm).
    public private(set) var rejected = 0
    /// When the storm began (the time passed to `admit`), once it has.
    public private(set) var stormStartedAt: Duration?
    /// When the bucket has room for `burst` requests again; nil: it is full.
    private var fullAt: Duration?

    public init(rateLimit: FakeRateLimit? = nil, storm: FakeStorm? = nil) {
        self.rateLimit = rateLimit
        self.storm = storm
    }

    /// The same limits, with a full bucket and the storm not yet begun.
    public var fresh: FakeRateLimiter { FakeRateLimiter(rateLimit: rateLimit, storm: storm) }

    /// Decides one request arriving at `now`, and counts it.
    public mutating func admit(at now: Duration) -> Decision {
        if let storm {
            if stormStartedAt == nil && accepted >= storm.afterRequests { stormStartedAt = now }
            if let start = stormStartedAt, now < start + .milliseconds(storm.durationMs) {
                rejected += 1
                return .reject(retryAfter: .milliseconds(storm.retryAfterMs), cause: .storm)
            }
        }
        if let rateLimit {
            let interval = rateLimit.interval
            let debt = max(fullAt ?? now, now)
            let tolerance = interval * (rateLimit.burst - 1)
            if debt - now > tolerance {
                rejected += 1
                let wait = rateLimit.retryAfterMs.map { Duration.milliseconds($0) } ?? (debt - tolerance - now)
                return .reject(retryAfter: wait, cause: .rateLimit)
            }
            fullAt = debt + interval
        }
        accepted += 1
        return .accept
    }

    /// The header values announcing `wait`: `retry-after-ms` in whole milliseconds and
    /// `Retry-After` in whole seconds, both rounded up (a client that waits that long finds a
    /// token).
    public static func headerValues(for wait: Duration) -> (milliseconds: Int, seconds: Int) {
        let (seconds, attoseconds) = wait.components
        guard seconds >= 0, attoseconds >= 0 else { return (0, 0) }
        let perMillisecond: Int64 = 1_000_000_000_000_000
        let milliseconds = Int(seconds) * 1000 + Int((attoseconds + perMillisecond - 1) / perMillisecond)
        return (milliseconds, (milliseconds + 999) / 1000)
    }
}
