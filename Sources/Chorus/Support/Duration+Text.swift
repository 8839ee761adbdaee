import Foundation

/// How Chorus writes a duration for a person: every format of a run's messages and screens in
/// this one file (a batch's progress line keeps its own next to its rates, in ChorusCLI's
/// `RateText`).
///
/// There are several formats because each place that shows a duration has its own contract:
/// error messages that scripts and tests match, a screen clock that must not jitter, a Markdown
/// export, a config report that echoes a setting as written. Each is a named variant here, so a
/// new place picks one of them (or adds one next to the others) instead of writing its own.
extension Duration {
    /// "15 s", "1.5 s", "0.3 s": a limit in a message the record keeps ("timed out after 15 s",
    /// "stalled: no text for 10 s"). Whole seconds bare, anything else rounded to a tenth.
    public var timeoutText: String {
        let s = seconds
        return s == s.rounded() ? "\(Int(s)) s" : "\((s * 10).rounded() / 10) s"
    }

    /// "10 s", "1.5 s", "250 ms": a wait or a limit in a provider's message (retries, connection
    /// limits). Below a second in milliseconds, so a short back-off does not read as "0.3 s".
    public var secondsText: String {
        let ms = milliseconds
        if ms < 1000 { return "\(ms) ms" }
        if ms % 1000 == 0 { return "\(ms / 1000) s" }
        let tenths = (ms + 50) / 100
        return "\(tenths / 10).\(tenths % 10) s"
    }

    /// "0.4s", "12.0s", "1m05s": the terminal UI's clock. Tenths rounded; from a minute on,
    /// minutes and two-digit seconds, so the width changes as seldom as possible.
    public var clockText: String {
        let ms = max(0, milliseconds)
        if ms < 60_000 {
            let tenths = (ms + 50) / 100
            return "\(tenths / 10).\(tenths % 10)s"
        }
        let seconds = ms / 1000
        let s = seconds % 60
        return "\(seconds / 60)m\(s < 10 ? "0" : "")\(s)s"
    }

    /// "2.4s", "1m5s": the clock of the progress board a headless run draws on standard error.
    /// Tenths are cut, not rounded, so a running clock never shows time that has not passed yet.
    public var progressClockText: String {
        let s = max(0, seconds)
        return s < 60 ? String(Int(s * 10) / 10) + "." + String(Int(s * 10) % 10) + "s" : "\(Int(s) / 60)m\(Int(s) % 60)s"
    }

    /// "15.0 s", "0.3 s": always one decimal, for the Markdown export, where times sit in tables
    /// and lists and line up.
    public var exportText: String { String(format: "%.1f s", Double(milliseconds) / 1000) }

    /// "15 s", "2.25 s": a setting in seconds as the user wrote it, every digit kept (the config
    /// report must echo what was set, not a rounding of it).
    public static func settingText(seconds s: Double) -> String {
        s == s.rounded() ? "\(Int(s)) s" : "\(s) s"
    }
}
