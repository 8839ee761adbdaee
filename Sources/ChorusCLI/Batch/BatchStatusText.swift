import Chorus

/// The live progress line of `chorus batch` and the plain log line printed instead when stderr
/// is not a terminal. Pure: counts and limiter snapshots in, one line of text out.
///
///     412/1000 · 3 failed · 64 in flight · 450 items/min · 38.2k tok/min · ETA 1 m 18 s
///     412/1000 · 3 failed · 64 in flight · ... · openai: waiting 12 s: provider asked to slow down (HTTP 429)
enum BatchStatusText {
    /// - Parameter skipped: items `--out` already had (they count as done in the fraction).
    static func line(_ p: BatchProgress, skipped: Int, limiters: [RateLimiter.Snapshot]) -> String {
        var parts = ["\(skipped + p.finished)/\(skipped + p.total)"]
        if p.failed > 0 { parts.append("\(p.failed) failed") }
        if p.resends > 0 { parts.append("\(p.resends) sent again after no response") }
        parts.append("\(p.inFlight) in flight")
        parts.append("\(RateText.rate(p.itemsPerMinute)) items/min")
        if p.tokens > 0 { parts.append("\(RateText.count(p.tokensPerMinute)) tok/min") }
        if let spend = spendText(p) { parts.append(spend) }
        if p.cancelling {
            parts.append("cancelling the items in flight")
        } else if p.stopping, p.budgetStop != nil {
            parts.append("budget reached: no new items; finishing the \(p.inFlight) in flight")
        } else if p.stopping {
            parts.append("stopping: no new items (Ctrl-C again cancels the \(p.inFlight) in flight)")
        } else if let eta = p.eta, p.finished > 0 {
            parts.append("ETA \(RateText.duration(seconds: eta.seconds))")
        }
        for limiter in limiters {
            if let state = limiterState(limiter) { parts.append(state) }
        }
        return parts.joined(separator: " · ")
    }

    /// "$1.23 spent, $0.0041/item, ~$4.10 projected" (of `--budget $5` when given); nil before
    /// anything was priced.
    static func spendText(_ p: BatchProgress) -> String? {
        guard let spent = p.cost.text else { return nil }
        var text = "\(spent) spent"
        if let budget = p.budget { text += " of \(Cost.dollars(budget))" }
        if let perItem = p.costPerItem { text += ", \(Cost.dollars(perItem))/item" }
        if let projected = p.projectedCost, p.remaining > 0 { text += ", ~\(Cost.dollars(projected)) projected" }
        return text
    }

    /// What a limiter is doing, when it is doing something worth seeing.
    static func limiterState(_ s: RateLimiter.Snapshot) -> String? {
        if let paused = s.pausedFor {
            let why = s.lastPushback.map { " (\($0))" } ?? ""
            return "\(s.name): waiting \(RateText.duration(seconds: max(1, paused.seconds.rounded(.up)))): provider asked to slow down\(why)"
        }
        if s.slowedDown {
            let now = s.currentRPM.map { "\(RateText.number($0.rounded())) req/min" } ?? "unlimited"
            let was = s.configuredRPM.map { " of \(RateText.number($0))" } ?? ""
            return "\(s.name): slowed to \(now)\(was) after \(s.pushbacks) pushback\(s.pushbacks == 1 ? "" : "s")"
        }
        if s.waiting > 0, let rpm = s.configuredRPM {
            return "\(s.name): at \(RateText.number(rpm)) req/min"
        }
        return nil
    }
}
