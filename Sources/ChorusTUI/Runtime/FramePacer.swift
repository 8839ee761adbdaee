/// When to draw and how long to sleep: at most one frame per `frameInterval`, so a flood of
/// tokens costs one redraw; a tick every `tickInterval` while something animates (spinners,
/// live elapsed times); otherwise sleep until input arrives.
struct FramePacer {
    let frameInterval: Int64
    let tickInterval: Int64 = 100
    /// Longest sleep with nothing to do; only a safety net (input and events wake the loop).
    let idleInterval: Int64 = 1000
    private(set) var lastFrame: Int64 = -1_000_000
    private(set) var dirty = true

    init(framesPerSecond: Int) {
        frameInterval = Int64(1000 / max(1, min(framesPerSecond, 240)))
    }

    mutating func markDirty() { dirty = true }

    /// Milliseconds `poll` may wait from `now`.
    func timeout(now: Int64, animating: Bool) -> Int32 {
        if dirty { return Int32(max(0, lastFrame + frameInterval - now)) }
        if animating { return Int32(tickInterval - (now % tickInterval)) }
        return Int32(idleInterval)
    }

    /// Whether a frame is due now; if so it counts as drawn.
    mutating func takeFrame(now: Int64) -> Bool {
        guard dirty, now - lastFrame >= frameInterval else { return false }
        lastFrame = now
        dirty = false
        return true
    }
}
