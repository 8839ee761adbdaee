/// Numbers and durations as the batch's progress line and summary show them.
enum RateText {
    /// 600, 12.5, 0.5: whole numbers without a decimal point.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String((value * 10).rounded() / 10)
    }

    /// A rate: whole above 10 (448), one decimal below (2.5), so the line does not flicker.
    static func rate(_ value: Double) -> String {
        value >= 10 ? String(Int(value.rounded())) : number((value * 10).rounded() / 10)
    }

    /// 45 s, 3 m 07 s, 2 h 05 m; under ten seconds with a decimal (0.4 s).
    static func duration(seconds: Double) -> String {
        if seconds < 10 { return "\(number((seconds * 10).rounded() / 10)) s" }
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) m \(pad(s % 60)) s" }
        return "\(s / 3600) h \(pad(s / 60 % 60)) m"
    }

    /// 950, 12.3k, 4.5M.
    static func count(_ value: Double) -> String {
        if value < 1000 { return String(Int(value.rounded())) }
        if value < 1_000_000 { return "\((value / 100).rounded() / 10)k" }
        return "\((value / 100_000).rounded() / 10)M"
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
