import Foundation

/// A value from `JSONSerialization` as the text a prompt template puts in its place.
///
/// A template splices text into a prompt, so every value becomes the text a person would expect
/// to see: a string as it is (no quotes), a number as it was written in JSON where that can be
/// told (3, not 3.0), null as nothing, and an object or array as compact JSON, which a model
/// reads fine.
enum JSONFieldText {
    static func text(_ value: Any) -> String {
        switch value {
        case let string as String: return string
        case is NSNull: return ""
        case let number as NSNumber: return numberText(number)
        default: return compactJSON(value)
        }
    }

    /// The value as short JSON for a message ("found true", "found [1,2]"), cut to stay on one line.
    static func shortJSON(_ value: Any) -> String {
        let full: String
        switch value {
        case let number as NSNumber where isDouble(number): full = "\(number.doubleValue)"
        case let number as NSNumber: full = numberText(number)
        default: full = compactJSON(value)
        }
        return full.count > 40 ? String(full.prefix(37)) + "..." : full
    }

    /// JSON booleans arrive as NSNumber too; their type code ("c", a char) is what sets them apart.
    static func isBool(_ number: NSNumber) -> Bool {
        number.objCType.pointee == CChar(UInt8(ascii: "c"))
    }

    /// A number written with a fraction or exponent (2.5, 3.0, 1e3) arrives as a double.
    static func isDouble(_ number: NSNumber) -> Bool {
        let code = number.objCType.pointee
        return code == CChar(UInt8(ascii: "d")) || code == CChar(UInt8(ascii: "f"))
    }

    private static func numberText(_ number: NSNumber) -> String {
        if isBool(number) { return number.boolValue ? "true" : "false" }
        guard isDouble(number) else { return number.stringValue }
        let double = number.doubleValue
        // 3.0 and 1e3 are whole numbers: "3" and "1000" read better in a prompt than "3.0".
        if double.rounded() == double, abs(double) < 9_007_199_254_740_992 { return String(Int64(double)) }
        return "\(double)"
    }

    private static func compactJSON(_ value: Any) -> String {
        // Sorted keys: JSONSerialization forgets the input's key order, and the same item must
        // render the same prompt on every run.
        let options: JSONSerialization.WritingOptions = [.fragmentsAllowed, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: options) else {
            return "\(value)"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
