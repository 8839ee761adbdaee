import Synchronization

/// A clock that moves only when a test says so.
///
/// Engine tests run deadlines of 15 s in microseconds: the engine sleeps on this clock, the test
/// waits until the expected number of sleepers are registered (`waitForSleepers`), then calls
/// `advance(by:)`, which wakes every sleeper whose deadline has come, earliest first.
public final class ManualClock: Clock, Sendable {
    public struct Instant: InstantProtocol {
        public var offset: Duration
        public init(offset: Duration) { self.offset = offset }
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct Sleeper {
        var id: UInt64
        var deadline: Instant
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now = Instant(offset: .zero)
        var nextID: UInt64 = 0
        var sleepers: [Sleeper] = []
        var cancelledBeforeSuspending: Set<UInt64> = []
    }

    private let state = Mutex(State())

    public init() {}

    public var now: Instant { state.withLock { $0.now } }
    public var minimumResolution: Duration { .zero }

    /// How many tasks are sleeping on this clock right now.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try Task.checkCancellation()
        let id: UInt64? = state.withLock { s in
            if deadline <= s.now { return nil }
            s.nextID += 1
            return s.nextID
        }
        guard let id else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
                let resumeNow: (any Error)?? = state.withLock { s in
                    if s.cancelledBeforeSuspending.remove(id) != nil { return .some(CancellationError()) }
                    if deadline <= s.now { return .some(nil) }
                    s.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: c))
                    return .none
                }
                switch resumeNow {
                case .none: break
                case .some(nil): c.resume()
                case .some(.some(let error)): c.resume(throwing: error)
                }
            }
        } onCancel: {
            let sleeper: Sleeper? = state.withLock { s in
                if let i = s.sleepers.firstIndex(where: { $0.id == id }) { return s.sleepers.remove(at: i) }
                s.cancelledBeforeSuspending.insert(id)
                return nil
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves time forward by `duration`, waking sleepers in deadline order and letting each
    /// woken task run (and perhaps sleep again) before looking for the next one.
    public func advance(by duration: Duration) async {
        let target = state.withLock { $0.now.advanced(by: duration) }
        await Self.settle()
        while true {
            let due: Sleeper? = state.withLock { s in
                guard let i = s.sleepers.indices.min(by: { s.sleepers[$0].deadline < s.sleepers[$1].deadline }),
                    s.sleepers[i].deadline <= target
                else {
                    s.now = max(s.now, target)
                    return nil
                }
                let sleeper = s.sleepers.remove(at: i)
                s.now = max(s.now, sleeper.deadline)
                return sleeper
            }
            guard let due else { break }
            due.continuation.resume()
            await Self.settle()
        }
    }

    /// Waits (in real time, by yielding, at most a few seconds) until at least `count` tasks sleep
    /// on this clock. Returns false if that never happened, so a test can fail clearly.
    @discardableResult
    public func waitForSleepers(_ count: Int, timeout: Duration = .seconds(60)) async -> Bool {
        let start = ContinuousClock.now
        while sleeperCount < count {
            if ContinuousClock.now - start > timeout { return false }
            await Task.yield()
            try? await Task.sleep(for: .microseconds(50))
        }
        return true
    }

    /// Gives other tasks a chance to run up to their next suspension.
    public static func settle() async {
        for _ in 0..<50 { await Task.yield() }
    }
}
