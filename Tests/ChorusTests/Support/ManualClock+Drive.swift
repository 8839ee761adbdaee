import ChorusTestSupport

extension ManualClock {
    /// Advances a second at a time until `done`: whenever something sleeps on the clock, time
    /// moves; otherwise the work in between gets a moment of real time. False after 120 s of real time (a hang;
    /// a loaded two-core machine took over 30 s to drive ten items through).
    func drive(until done: () async -> Bool) async -> Bool {
        let start = ContinuousClock.now
        while !(await done()) {
            if ContinuousClock.now - start > .seconds(120) { return false }  // a hang, not a slow machine
            if sleeperCount > 0 {
                await advance(by: .seconds(1))
            } else {
                try? await Task.sleep(for: .milliseconds(1))
            }
        }
        return true
    }
}
