import Foundation

/// What one call cost, in US dollars. `approximate` when the tokens behind it were estimated
/// (chunks counted because the server reported no usage) or partly missing.
public struct Cost: Sendable, Hashable {
    public var usd: Double
    public var approximate: Bool

    public init(usd: Double, approximate: Bool = false) {
        self.usd = Cost.rounded(usd)
        self.approximate = approximate
    }

    /// "$0.0021", "~$0.0021" when approximate.
    public var text: String { (approximate ? "~" : "") + Cost.dollars(usd) }

    /// A price per million tokens: "$0.15", "$0.075", "$2.50", "$15.00" (no digits of noise).
    public static func rate(_ usd: Double) -> String {
        if usd >= 1 || usd == 0 { return "$" + String(format: "%.2f", usd) }
        var text = String(format: "%.6f", usd)
        while text.hasSuffix("0"), text.split(separator: ".").last.map({ $0.count > 2 }) == true { text.removeLast() }
        return "$" + text
    }

    /// Rounded to a billionth of a dollar: far below any provider's billing unit, and it keeps
    /// float noise (0.30000000000000004) out of the JSON.
    static func rounded(_ usd: Double) -> Double { (usd * 1e9).rounded() / 1e9 }

    /// Dollars for people: "$0", "$0.00042", "$0.0021", "$0.054", "$0.27", "$1.23", "$1,234".
    /// Below ten cents two significant digits, so a cheap call never reads as "$0.00".
    public static func dollars(_ usd: Double) -> String {
        let v = abs(usd)
        let sign = usd < 0 ? "-" : ""
        if v == 0 { return "$0" }
        if v >= 1000 {
            let whole = Int(v.rounded())
            let digits = String(whole)
            var grouped = ""
            for (i, c) in digits.enumerated() {
                if i > 0 && (digits.count - i) % 3 == 0 { grouped.append(",") }
                grouped.append(c)
            }
            return sign + "$" + grouped
        }
        if v >= 0.1 { return sign + "$" + String(format: "%.2f", v) }
        if v >= 0.01 { return sign + "$" + String(format: "%.3f", v) }
        // Two significant digits: 0.00042 -> "0.00042", 0.001 -> "0.0010". The exponent is read
        // from printf's own rounding ("1.0e-03"), so 0.00999 becomes "0.010", never "0.0100".
        let exponent = Int(String(format: "%.1e", v).split(separator: "e").last ?? "") ?? -2
        let decimals = min(12, max(2, 1 - exponent))
        return sign + "$" + String(format: "%.\(decimals)f", v)
    }
}
