import Foundation

/// `description` is compact JSON with sorted keys (as `JSONValue`'s documentation promises):
/// stable for tests, logs and the one-line messages that quote a worker's value.
extension JSONValue: CustomStringConvertible {
    public var description: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self), let text = String(data: data, encoding: .utf8) else { return "null" }
        return text
    }
}
