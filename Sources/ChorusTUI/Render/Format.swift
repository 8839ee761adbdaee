/// Number formats of the screen: short, fixed, the same everywhere.
enum Format {
    /// "0.4s", "12.0s", "1m05s".
    static func duration(ms: Int64) -> String {
        let ms = max(0, ms)
        if ms < 60_000 {
            let tenths = (ms + 50) / 100
            return "\(tenths / 10).\(tenths % 10)s"
        }
        let seconds = ms / 1000
        let s = seconds % 60
        return "\(seconds / 60)m\(s < 10 ? "0" : "")\(s)s"
    }

    /// "0.20".
    static func temperature(_ t: Double) -> String {
        let hundredths = Int((t * 100).rounded())
        let frac = hundredths % 100
        return "\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac)"
    }

    /// "32/s", "4.5/s".
    static func rate(_ r: Double) -> String {
        if r >= 10 { return "\(Int(r.rounded()))/s" }
        let tenths = Int((r * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)/s"
    }

    static let spinner: [Character] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    /// The spinner frame for time `now`: one step each 100 ms.
    static func spinner(now: Int64) -> Character { spinner[Int((max(0, now) / 100) % Int64(spinner.count))] }
}
