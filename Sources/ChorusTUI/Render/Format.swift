/// Number formats of the screen: short, fixed, the same everywhere.
enum Format {
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
