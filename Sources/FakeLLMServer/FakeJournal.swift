import Synchronization

/// What the fake server has seen, safe to read from any task while it runs.
///
/// Tests wait on it instead of sleeping: `await server.journal.waitUntil { $0.requests.count == 3 }`
/// returns as soon as the condition holds (or at once if it already does).
public final class FakeJournal: Sendable {
    /// A consistent copy of the journal at one moment.
    public struct Snapshot: Sendable, Hashable, Codable {
        /// Chat requests (not `/v1/models` or `/_fake/...`), in arrival order.
        public var requests: [RecordedRequest]
        /// Chat requests whose response is still being written.
        public var openNow: Int
        /// The most chat requests that were open at the same moment.
        public var maxOpenAtOnce: Int
        /// Chat requests the rate limit or a storm answered with 429 (`FakeScript.rateLimit`,
        /// `FakeScript.storm`); not those a rule or directive failed with 429.
        public var rateLimited: Int
        /// Chat requests let through to the rules and directives (all of them without limits).
        public var accepted: Int

        static let empty = Snapshot(requests: [], openNow: 0, maxOpenAtOnce: 0, rateLimited: 0, accepted: 0)

        enum CodingKeys: String, CodingKey {
            case requests
            case openNow = "open_now"
            case maxOpenAtOnce = "max_open_at_once"
            case rateLimited = "rate_limited"
            case accepted
        }
    }

    private struct Waiter {
        let condition: @Sendable (Snapshot) -> Bool
        let continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var snapshot = Snapshot.empty
        var limiter: FakeRateLimiter
        var callCounts: [String: Int] = [:]
        var waiters: [UInt64: Waiter] = [:]
        var cancelledWaiters: Set<UInt64> = []
        var nextWaiterID: UInt64 = 0
    }

    private let state: Mutex<State>
    private let start = ContinuousClock.now

    init(limiter: FakeRateLimiter = FakeRateLimiter()) {
        state = Mutex(State(limiter: limiter))
    }

    /// The journal now.
    public var snapshot: Snapshot { state.withLock { $0.snapshot } }
    public var requests: [RecordedRequest] { snapshot.requests }
    public var maxOpenAtOnce: Int { snapshot.maxOpenAtOnce }
    /// Chat requests answered with 429 by the rate limit or a storm.
    public var rateLimitedCount: Int { snapshot.rateLimited }
    /// Chat requests the rate limit and storm let through.
    public var acceptedCount: Int { snapshot.accepted }

    /// Returns once `condition` holds for the journal, or when the waiting task is cancelled.
    /// `condition` runs under the journal's lock: keep it a quick look at the snapshot.
    public func waitUntil(_ condition: @escaping @Sendable (Snapshot) -> Bool) async {
        let id = state.withLock { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.cancelledWaiters.remove(id) != nil || condition(state.snapshot) { return true }
                    state.waiters[id] = Waiter(condition: condition, continuation: continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                if let waiter = state.waiters.removeValue(forKey: id) { return waiter }
                state.cancelledWaiters.insert(id)
                return nil
            }
            waiter?.continuation.resume()
        }
    }

    /// Forgets every request, call count and counter, refills the rate limit's bucket and
    /// arms the storm again (`POST /_fake/reset`).
    public func reset() {
        change { state in
            state.snapshot = Snapshot.empty
            state.callCounts = [:]
            state.limiter = state.limiter.fresh
        }
    }

    var nowMs: Double { Self.milliseconds(ContinuousClock.now - start) }

    private static func milliseconds(_ elapsed: Duration) -> Double {
        let (seconds, attoseconds) = elapsed.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }

    /// Records a new chat request as open, stamped with the time now, and puts it to the rate
    /// limit at that same time; returns its index and the limit's decision. A request turned
    /// away is recorded with status 429 at once.
    func open(_ request: RecordedRequest) -> (index: Int, decision: FakeRateLimiter.Decision) {
        change { state in
            let now = ContinuousClock.now - start
            var request = request
            request.index = state.snapshot.requests.count
            request.openedAtMs = Self.milliseconds(now)
            let decision = state.limiter.admit(at: now)
            switch decision {
            case .accept:
                state.snapshot.accepted += 1
            case .reject(_, let cause):
                state.snapshot.rateLimited += 1
                request.status = 429
                request.limitedBy = cause
            }
            state.snapshot.requests.append(request)
            state.snapshot.openNow += 1
            state.snapshot.maxOpenAtOnce = max(state.snapshot.maxOpenAtOnce, state.snapshot.openNow)
            return (request.index, decision)
        }
    }

    /// The number of earlier calls counted under `key` (then counts this one).
    func nextCall(_ key: String) -> Int {
        state.withLock { state in
            let count = state.callCounts[key, default: 0]
            state.callCounts[key] = count + 1
            return count
        }
    }

    func headSent(_ index: Int, status: Int) {
        let now = nowMs
        change { state in
            guard state.snapshot.requests.indices.contains(index) else { return }
            state.snapshot.requests[index].status = status
            state.snapshot.requests[index].headSentAtMs = now
        }
    }

    func tokenSent(_ index: Int) {
        change { state in
            guard state.snapshot.requests.indices.contains(index) else { return }
            state.snapshot.requests[index].tokensSent += 1
        }
    }

    /// Closes a request once; later calls (e.g. "server stopped" after "completed") are ignored.
    func finish(_ index: Int, _ outcome: RecordedRequest.Outcome) {
        let now = nowMs
        change { state in
            guard state.snapshot.requests.indices.contains(index),
                state.snapshot.requests[index].outcome == .open
            else { return }
            state.snapshot.requests[index].outcome = outcome
            state.snapshot.requests[index].endedAtMs = now
            state.snapshot.openNow -= 1
        }
    }

    /// Applies `body` under the lock, then wakes the waiters whose condition now holds.
    private func change<T: Sendable>(_ body: (inout State) -> T) -> T {
        let (result, ready) = state.withLock { state -> (T, [Waiter]) in
            let result = body(&state)
            guard !state.waiters.isEmpty else { return (result, []) }
            var ready: [Waiter] = []
            for (id, waiter) in state.waiters where waiter.condition(state.snapshot) {
                ready.append(waiter)
                state.waiters[id] = nil
            }
            return (result, ready)
        }
        for waiter in ready { waiter.continuation.resume() }
        return result
    }
}
