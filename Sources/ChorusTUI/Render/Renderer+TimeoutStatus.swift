import Chorus

extension Renderer {
    /// A timed-out pane's status line. In a narrow pane (3 panes at 80 columns give about 38
    /// cells) the line keeps what the user acts on, in this order: the state with the limit that
    /// fired ("◷ idle 2 s"), "partial", then the `p` and `r` hints; the clock goes first, then
    /// the long limit wording ("idle timeout 2 s (stalled)"), then the hints' words (issue 14
    /// follow-up: "◷ timed out 4.1s · partial · p acce…" hid both the limit and `p`).
    static func timedOutStatus(_ pane: PaneState, elapsed: String, width: Int) -> [Segment] {
        let role = StyleRole.statusTimedOut
        let finished = pane.finished
        let long = finished?.timeoutSummary
        let short = finished.flatMap(shortLimit)
        let partial = finished?.isPartial ?? false
        let accepted = finished?.acceptedPartial ?? false
        func sep() -> Segment { Segment(" · ", .dimText) }
        func hints(words: Bool, retry: Bool) -> [Segment] {
            var out: [Segment] = []
            if partial {
                out += [sep(), Segment(accepted ? "partial, merged" : "partial", .warning)]
                if !accepted { out += [sep(), Segment("p", .keyLineKey)] + (words ? [Segment(" accept", .dimText)] : []) }
            }
            if retry { out += [sep(), Segment("r", .keyLineKey)] + (words ? [Segment(" retry", .dimText)] : []) }
            return out
        }
        let full = [Segment("◷ timed out\(elapsed)" + (long.map { ": " + $0 } ?? ""), role)] + hints(words: true, retry: true)
        var choices = [full]
        if let long { choices.append([Segment("◷ timed out: " + long, role)] + hints(words: true, retry: true)) }
        let head = [Segment("◷ " + (short ?? "timed out"), role)]
        choices += [
            head + hints(words: true, retry: true),
            head + hints(words: true, retry: false),
            head + hints(words: false, retry: true),
            head + hints(words: false, retry: false),
            head + (partial ? [sep(), Segment(accepted ? "partial, merged" : "partial", .warning)] : []),
        ]
        return choices.first { CellGrid.width(of: $0) <= width } ?? head
    }

    /// The limit that fired, short: "idle 2 s", "total 15 s", "head 2 min"; nil when the attempt
    /// did not time out.
    static func shortLimit(_ record: AttemptRecord) -> String? {
        guard let limit = record.firedLimit else { return nil }
        let figure: Duration? =
            switch limit {
            case .total: record.limits?.timeout
            case .idle: record.limits?.idleTimeout
            case .head: record.limits?.headTimeout
            }
        return limit.rawValue + (figure.map { " " + $0.timeoutText } ?? "")
    }
}
