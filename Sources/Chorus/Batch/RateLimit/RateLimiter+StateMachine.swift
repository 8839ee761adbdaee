extension RateLimiter {
    /// The decisions of one provider's rate limiter, without I/O or clocks: asked "may this
    /// request go now?" it grants or names the time to ask again; told of pushback and usage, it
    /// adapts. The `RateLimiter` actor feeds it the time and does the waiting.
    ///
    /// - Requests are spaced `60 / rpm` seconds apart (no burst beyond one late slot), so a
    ///   saturated limiter runs at the limit, not above it within any minute.
    /// - Tokens come from a bucket refilled at `tpm / 60` per second, holding ten seconds' worth.
    ///   A request is charged its estimate when it starts; the difference to its real usage is
    ///   settled when it ends (the bucket may go below zero, which then slows later requests).
    /// - Pushback (HTTP 429, overload) pauses every request to this provider until the
    ///   provider's `Retry-After` (or 1, 2, 4 ... 30 s when it gave none) and halves the rate:
    ///   the configured one, or, without a configured rpm, the rate observed over the last ten
    ///   seconds. Only pushback to a request granted after the last slowdown, and at least two
    ///   seconds after it, slows down again, so a burst of 429s from requests already in flight,
    ///   or a storm that rejects everything for a while, counts once.
    /// - Every five seconds without pushback the rate grows back by a tenth of its starting value,
    ///   up to the configured limit (or, without one, until it reaches the rate that was pushed
    ///   back, when the cap is lifted): additive increase, multiplicative decrease.
    struct StateMachine: Sendable {
        enum Decision: Sendable, Hashable {
            case go
            case wait(until: Duration, reason: WaitReason)
        }

        enum WaitReason: Sendable, Hashable {
            /// The provider pushed back; every request waits out its pause.
            case pushback
            /// Spacing requests to stay within the requests per minute.
            case requestRate
            /// Not enough tokens in the bucket for this request.
            case tokenRate
        }

        let limit: RateLimit
        static let recoveryInterval: Duration = .seconds(5)
        static let slowdownSpacing: Duration = .seconds(2)
        static let maxPause: Duration = .seconds(30)
        static let observationWindow: Duration = .seconds(10)
        static let tokenBucketSeconds = 10.0

        /// Requests per minute in force now; nil when nothing limits them.
        private(set) var currentRPM: Double?
        /// Tokens per minute in force now.
        private(set) var currentTPM: Double?
        /// Where recovery stops (the configured rpm, or the rate that was pushed back).
        private var rpmCeiling: Double?
        private(set) var pausedUntil: Duration?
        private(set) var lastPushback: Pushback?
        private(set) var pushbacks = 0
        private var consecutivePushbacks = 0
        private var lastSlowdownAt: Duration?
        private var lastChangeAt: Duration = .zero
        private var nextRequestAt: Duration = .zero
        private var tokens: Double
        private var tokensAt: Duration = .zero
        /// Start times of recent requests, to observe the rate when no rpm is configured.
        private var recentStarts: [Duration] = []

        init(limit: RateLimit) {
            self.limit = limit
            currentRPM = limit.requestsPerMinute
            currentTPM = limit.tokensPerMinute
            rpmCeiling = limit.requestsPerMinute
            tokens = (limit.tokensPerMinute ?? 0) / 60 * Self.tokenBucketSeconds
        }

        var tokenCapacity: Double? { currentTPM.map { $0 / 60 * Self.tokenBucketSeconds } }

        /// Whether the limiter runs below its configured (or unlimited) rate after pushback.
        var isSlowedDown: Bool { currentRPM != limit.requestsPerMinute || currentTPM != limit.tokensPerMinute }

        // MARK: Requests

        /// Grants the request (and charges it) or says when to ask again.
        mutating func request(tokens estimate: Int, at now: Duration) -> Decision {
            recover(at: now)
            if let until = pausedUntil {
                if now < until { return .wait(until: until, reason: .pushback) }
                pausedUntil = nil
            }
            if currentRPM != nil, now < nextRequestAt {
                return .wait(until: nextRequestAt, reason: .requestRate)
            }
            if let tpm = currentTPM, let capacity = tokenCapacity {
                refill(at: now)
                let needed = min(Double(estimate), capacity)
                if tokens < needed {
                    let seconds = (needed - tokens) / (tpm / 60)
                    return .wait(until: now + .milliseconds(Int64((seconds * 1000).rounded(.up))), reason: .tokenRate)
                }
                tokens -= Double(estimate)
            }
            if let rpm = currentRPM {
                let interval = Self.interval(rpm)
                // Keep the schedule when the waiter woke a little late (so the rate stays exact);
                // restart it after idling (so saved-up slots never become a burst).
                if now - nextRequestAt > interval { nextRequestAt = now + interval } else { nextRequestAt += interval }
            }
            recentStarts.append(now)
            trimObservations(at: now)
            return .go
        }

        /// A request ended: settle its token charge with its real usage (nil: keep the estimate).
        mutating func finished(estimated: Int, actual: Int?, succeeded: Bool, at now: Duration) {
            if let actual, currentTPM != nil {
                refill(at: now)
                tokens -= Double(actual - estimated)
            }
            if succeeded { consecutivePushbacks = 0 }
        }

        /// The provider pushed back on a request granted at `grantedAt`: pause, and slow down
        /// unless this request was sent before the last slowdown (its 429 is old news).
        mutating func pushedBack(_ pushback: Pushback, grantedAt: Duration, at now: Duration) {
            pushbacks += 1
            lastPushback = pushback
            consecutivePushbacks += 1
            let wait = min(pushback.retryAfter ?? Self.backoff(consecutivePushbacks), Self.maxPause)
            pausedUntil = max(pausedUntil ?? now, now + wait)
            // Old news (sent before the last slowdown), or too soon after it: a storm of 429s
            // is one signal to slow down, not one per rejected request.
            let stale = lastSlowdownAt.map { grantedAt < $0 || now - $0 < Self.slowdownSpacing } ?? false
            guard !stale else { return }
            lastSlowdownAt = now
            // Recovery counts from the end of the pause, not from the pushback.
            lastChangeAt = pausedUntil ?? now
            let observed = observedRPM(at: now)
            let before = currentRPM ?? observed
            if rpmCeiling == nil { rpmCeiling = max(1, before) }
            currentRPM = max(1, before / 2)
            if let tpm = currentTPM { currentTPM = max(1, tpm / 2) }
            if let capacity = tokenCapacity { tokens = min(tokens, capacity) }
            // The next request waits for the pause, not for an old spacing slot.
            nextRequestAt = min(nextRequestAt, pausedUntil ?? now)
        }

        // MARK: Adapting

        /// Additive increase: a tenth of the starting rate back every five quiet seconds.
        private mutating func recover(at now: Duration) {
            guard isSlowedDown, pausedUntil.map({ now >= $0 }) ?? true else { return }
            while now - lastChangeAt >= Self.recoveryInterval, isSlowedDown {
                lastChangeAt += Self.recoveryInterval
                if let ceiling = rpmCeiling, let rpm = currentRPM {
                    let next = rpm + ceiling / 10
                    if next >= ceiling {
                        // Back at the configured rate, or, with none configured, unlimited again.
                        currentRPM = limit.requestsPerMinute
                        if limit.requestsPerMinute == nil { rpmCeiling = nil }
                    } else {
                        currentRPM = next
                    }
                }
                if let configured = limit.tokensPerMinute, let tpm = currentTPM {
                    currentTPM = min(configured, tpm + configured / 10)
                }
            }
        }

        /// Requests started per minute over the last ten seconds (at least one a minute).
        func observedRPM(at now: Duration) -> Double {
            let recent = recentStarts.filter { now - $0 <= Self.observationWindow }
            guard let first = recent.first else { return 1 }
            let span = max(1, (now - first).seconds)
            return max(1, Double(recent.count) / span * 60)
        }

        private mutating func trimObservations(at now: Duration) {
            if recentStarts.count > 4096 || (recentStarts.first.map { now - $0 > Self.observationWindow } ?? false) {
                recentStarts.removeAll { now - $0 > Self.observationWindow }
            }
        }

        private mutating func refill(at now: Duration) {
            guard let tpm = currentTPM, let capacity = tokenCapacity else { return }
            let elapsed = max(.zero, now - tokensAt)
            tokens = min(capacity, tokens + elapsed.seconds * tpm / 60)
            tokensAt = now
        }

        static func interval(_ rpm: Double) -> Duration {
            .microseconds(Int64((60_000_000 / rpm).rounded()))
        }

        /// 1, 2, 4 ... seconds for the n-th pushback in a row that named no wait.
        static func backoff(_ n: Int) -> Duration {
            min(maxPause, .seconds(1 << min(max(0, n - 1), 5)))
        }
    }
}
