/// When to draw and how long to sleep: at most one frame per `frameInterval`, so a flood of
/// tokens costs one redraw; a tick every `tickInterval` while something animates (spinners,
/// live elapsed times); otherwise sleep until input arrives.
struct FramePacer {
    let frameInterval: Int64
    let tickInterval: Int64 = 100
    /// Longest sleep with nothing to do. Keys and events wake the loop at once, but a resize does
    /// not: ncurses' SIGWINCH handler only sets a flag that the next key read turns into
    /// KEY_RESIZE, and the signal may land on any thread, so `poll` is not interrupted. Waking
    /// ten times a second bounds the resize delay at 0.1 s for a few microseconds of CPU.
    let idleInterval: Int64 = 100
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
