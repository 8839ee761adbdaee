/// One provider's rate limiter, shared by every worker and aggregator call of a batch: calls
/// wait their turn here (first come, first served) before they are sent.
///
/// The decisions are in `StateMachine`; this actor keeps the queue of waiting calls and one
/// pump task that sleeps on the injected clock until the head of the queue may go, so a
/// thousand waiting calls cost one sleeper, not a thousand.
public actor RateLimiter {
    /// A granted request: what it was charged, and when, so its pushback can be judged.
    public struct Grant: Sendable, Hashable {
        public var grantedAt: Duration
        public var estimatedTokens: Int
    }

    /// What the progress line shows about a limiter.
    public struct Snapshot: Sendable, Hashable {
        public var name: String
        /// Set while the provider's pushback pauses every request: the time left.
        public var pausedFor: Duration?
        public var lastPushback: String?
        /// Requests per minute in force now (nil: unlimited), and the configured limit.
        public var currentRPM: Double?
        public var configuredRPM: Double?
        public var currentTPM: Double?
        public var configuredTPM: Double?
        public var slowedDown: Bool
        public var pushbacks: Int
        public var waiting: Int

        public init(
            name: String, pausedFor: Duration? = nil, lastPushback: String? = nil, currentRPM: Double? = nil,
            configuredRPM: Double? = nil, currentTPM: Double? = nil, configuredTPM: Double? = nil, slowedDown: Bool = false,
            pushbacks: Int = 0, waiting: Int = 0
        ) {
            self.name = name
            self.pausedFor = pausedFor
            self.lastPushback = lastPushback
            self.currentRPM = currentRPM
            self.configuredRPM = configuredRPM
            self.currentTPM = currentTPM
            self.configuredTPM = configuredTPM
            self.slowedDown = slowedDown
            self.pushbacks = pushbacks
            self.waiting = waiting
        }
    }

    private struct Waiter {
        var id: UInt64
        var tokens: Int
        var continuation: CheckedContinuation<Grant, any Error>
    }

    public nonisolated let name: String
    private var machine: StateMachine
    private let clock: RunClock
    private var queue: [Waiter] = []
    private var nextID: UInt64 = 0
    private var pump: Task<Void, Never>?
    /// Bumped whenever a new pump takes over, so an old one that wakes late stops.
    private var pumpGeneration = 0

    public init(name: String, limit: RateLimit, clock: any Clock<Duration> = ContinuousClock()) {
        self.name = name
        self.machine = StateMachine(limit: limit)
        self.clock = RunClock(clock)
    }

    /// Waits until a request estimated at `tokens` may be sent. Throws `CancellationError` when
    /// the calling task is cancelled while it waits (it then leaves the queue).
    public func acquire(tokens: Int) async throws -> Grant {
        try Task.checkCancellation()
        let now = clock.now()
        if queue.isEmpty, case .go = machine.request(tokens: tokens, at: now) {
            return Grant(grantedAt: now, estimatedTokens: tokens)
        }
        nextID += 1
        let id = nextID
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                queue.append(Waiter(id: id, tokens: tokens, continuation: continuation))
                startPump()
            }
        } onCancel: {
            Task { await self.leave(id) }
        }
    }

    /// The request ended; `actualTokens` settles its token charge (nil keeps the estimate).
    public func finished(_ grant: Grant, actualTokens: Int?, succeeded: Bool) {
        machine.finished(estimated: grant.estimatedTokens, actual: actualTokens, succeeded: succeeded, at: clock.now())
    }

    /// The provider pushed back on this request: every request to it pauses and slows down.
    public func pushedBack(_ grant: Grant, _ pushback: Pushback) {
        machine.pushedBack(pushback, grantedAt: grant.grantedAt, at: clock.now())
        // The pump may be asleep until an old slot; wake it so it sleeps until the pause's end.
        pump?.cancel()
        pump = nil
        pumpGeneration += 1
        startPump()
    }

    public var snapshot: Snapshot {
        let now = clock.now()
        return Snapshot(
            name: name, pausedFor: machine.pausedUntil.flatMap { $0 > now ? $0 - now : nil },
            lastPushback: machine.lastPushback?.summary, currentRPM: machine.currentRPM,
            configuredRPM: machine.limit.requestsPerMinute, currentTPM: machine.currentTPM,
            configuredTPM: machine.limit.tokensPerMinute, slowedDown: machine.isSlowedDown,
            pushbacks: machine.pushbacks, waiting: queue.count)
    }

    // MARK: - The queue

    private func leave(_ id: UInt64) {
        guard let index = queue.firstIndex(where: { $0.id == id }) else { return }
        queue.remove(at: index).continuation.resume(throwing: CancellationError())
    }

    private func startPump() {
        guard pump == nil, !queue.isEmpty else { return }
        let generation = pumpGeneration
        pump = Task { await self.serve(generation) }
    }

    /// Grants the head of the queue whenever the machine allows, sleeping in between.
    private func serve(_ generation: Int) async {
        while generation == pumpGeneration, let head = queue.first {
            let now = clock.now()
            switch machine.request(tokens: head.tokens, at: now) {
            case .go:
                queue.removeFirst()
                head.continuation.resume(returning: Grant(grantedAt: now, estimatedTokens: head.tokens))
            case .wait(let until, _):
                do {
                    try await clock.sleepUntil(until)
                } catch {
                    return  // woken by pushback: a new pump took over
                }
            }
        }
        if generation == pumpGeneration { pump = nil }
    }
}
