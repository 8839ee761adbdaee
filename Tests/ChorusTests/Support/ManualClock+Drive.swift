import ChorusTestSupport

extension ManualClock {
    /// Advances a second at a time until `done`: whenever something sleeps on the clock, time
    /// moves; otherwise the work in between gets a moment of real time. False after 30 s.
    func drive(until done: () async -> Bool) async -> Bool {
        let start = ContinuousClock.now
        while !(await done()) {
            if ContinuousClock.now - start > .seconds(30) { return false }
            if sleeperCount > 0 {
                await advance(by: .seconds(1))
            } else {
                try? await Task.sleep(for: .milliseconds(1))
            }
        }
        return true
    }
}
