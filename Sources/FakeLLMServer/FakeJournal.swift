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

        enum CodingKeys: String, CodingKey {
            case requests
            case openNow = "open_now"
            case maxOpenAtOnce = "max_open_at_once"
        }
    }

    private struct Waiter {
        let condition: @Sendable (Snapshot) -> Bool
        let continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var snapshot = Snapshot(requests: [], openNow: 0, maxOpenAtOnce: 0)
        var callCounts: [String: Int] = [:]
        var waiters: [UInt64: Waiter] = [:]
        var cancelledWaiters: Set<UInt64> = []
        var nextWaiterID: UInt64 = 0
    }

    private let state = Mutex(State())
    private let start = ContinuousClock.now

    init() {}

    /// The journal now.
    public var snapshot: Snapshot { state.withLock { $0.snapshot } }
    public var requests: [RecordedRequest] { snapshot.requests }
    public var maxOpenAtOnce: Int { snapshot.maxOpenAtOnce }

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

    /// Forgets every request and call count (`POST /_fake/reset`).
    public func reset() {
        change { state in
            state.snapshot = Snapshot(requests: [], openNow: 0, maxOpenAtOnce: 0)
            state.callCounts = [:]
        }
    }

    var nowMs: Double {
        let elapsed = ContinuousClock.now - start
        let (seconds, attoseconds) = elapsed.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }

    /// Records a new chat request as open; returns its index.
    func open(_ request: RecordedRequest) -> Int {
        change { state in
            var request = request
            request.index = state.snapshot.requests.count
            state.snapshot.requests.append(request)
            state.snapshot.openNow += 1
            state.snapshot.maxOpenAtOnce = max(state.snapshot.maxOpenAtOnce, state.snapshot.openNow)
            return request.index
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
