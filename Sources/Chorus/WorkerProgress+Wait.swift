/// What a waiting attempt waits on and when it gives up, for both live views (the UI's panes and
/// `chorus run`'s progress lines): "queued 12s · gives up in 48s".
///
/// The deadline is the state machine's (`Worker.StateMachine.deadline`), from the worker's
/// limits: without a head limit, `timeout` from the start; with one, `headTimeout` from the start
/// until the head came, then `timeout` from the head. Time the client held the request back (a
/// batch's rate limiter) is not counted there; a live view cannot see it, so the countdown may
/// reach 0s early in a batch, never late in a run.
extension WorkerProgress {
    /// The wait as text, or nil when the attempt is not waiting (streaming, ended, not started).
    /// `elapsed(a, b)` is the time from `a` to `b` on the observer's clock.
    public func waitNote(limits: AttemptLimits, now: Time, elapsed: (Time, Time) -> Duration) -> String? {
        guard status == .waiting, let startedAt else { return nil }
        let sinceStart = elapsed(startedAt, now)
        if let respondedAt {
            let sinceHead = elapsed(respondedAt, now)
            let left = limits.headTimeout == nil ? limits.timeout - sinceStart : limits.timeout - sinceHead
            return "answering · gives up in \(Self.upSeconds(left))"
        }
        let left = (limits.headTimeout ?? limits.timeout) - sinceStart
        return "queued \(Self.downSeconds(sinceStart)) · gives up in \(Self.upSeconds(left))"
    }

    /// "12s", cut: time that has passed is never shown longer than it was.
    static func downSeconds(_ d: Duration) -> String { "\(Int(max(0, d.seconds)))s" }
    /// "48s", rounded up: a worker never gives up before the time shown.
    static func upSeconds(_ d: Duration) -> String { "\(Int(max(0, d.seconds).rounded(.up)))s" }
}

extension WorkerProgress where Time == Duration {
    /// The wait on a `Duration` clock (the progress lines').
    public func waitNote(limits: AttemptLimits, now: Duration) -> String? {
        waitNote(limits: limits, now: now) { $1 - $0 }
    }
}

extension WorkerProgress where Time == Int64 {
    /// The wait on a millisecond clock (the UI's).
    public func waitNote(limits: AttemptLimits, now: Int64) -> String? {
        waitNote(limits: limits, now: now) { .milliseconds($1 - $0) }
    }
}
