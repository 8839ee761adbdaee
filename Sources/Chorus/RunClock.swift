/// The run's view of time: offsets from its start, and sleeping until an offset.
///
/// The engine takes any `Clock<Duration>` (a `ContinuousClock` for real runs, a manual clock in
/// tests). Working with an existential clock's instants is awkward, so the clock is opened once
/// here and the engine deals only in `Duration` offsets, which are also what the record stores.
struct RunClock: Sendable {
    /// Time since the run clock was made.
    let now: @Sendable () -> Duration
    /// Sleeps until the given offset; throws `CancellationError` when the task is cancelled.
    let sleepUntil: @Sendable (Duration) async throws -> Void

    init<C: Clock>(_ clock: C) where C.Duration == Duration {
        let origin = clock.now
        now = { origin.duration(to: clock.now) }
        sleepUntil = { offset in try await clock.sleep(until: origin.advanced(by: offset), tolerance: nil) }
    }
}
