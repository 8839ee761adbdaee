import Synchronization

/// A one-shot signal a task can wait on: `fire()` wakes the waiter, and so does cancelling the
/// waiting task. Used to let the user cancel one worker without touching the others.
final class AsyncSignal: Sendable {
    private struct State {
        var fired = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    init() {}

    var isFired: Bool { state.withLock { $0.fired } }

    func fire() {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            s.fired = true
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume()
    }

    /// Returns once the signal fired or the calling task was cancelled.
    func wait() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { s -> Bool in
                    if s.fired { return true }
                    s.waiter = c
                    return false
                }
                if resumeNow { c.resume() }
            }
        } onCancel: {
            // Cancellation wakes the waiter as a fire would; the caller tells them apart by
            // `Task.isCancelled` when it cares.
            fire()
        }
    }
}
