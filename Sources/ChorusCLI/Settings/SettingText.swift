import Foundation

/// How `chorus config` writes setting values: "0.2...1.0" (seconds: `Duration.settingText`).
enum SettingText {
    static func range(_ r: ClosedRange<Double>) -> String {
        r.lowerBound == r.upperBound ? format2(r.lowerBound) : "\(format2(r.lowerBound))...\(format2(r.upperBound))"
    }

    /// At most two decimals, at least one: 0.2 -> "0.2", 1 -> "1.0", 0.333 -> "0.33".
    static func format2(_ d: Double) -> String {
        let rounded = (d * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(format: "%.1f", rounded) : String(rounded)
    }
}
