import Foundation

/// Reads a worker's structured answer out of its text: the whole text as JSON (what a server
/// that enforces the schema sends), else a fenced ```json block, else the first balanced
/// `{...}` in the text (what a model told the schema in its prompt tends to write around it).
public enum StructuredAnswer {
    /// Why no object could be read, one line.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The answer's JSON object. Throws a `Failure` naming what was wrong.
    public static func object(in text: String) throws -> JSONValue {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw Failure(message: "schema: the answer is empty, not a JSON object") }
        var firstError: String?
        for candidate in candidates(trimmed) {
            do {
                let value = try decodeJSON(candidate)
                guard value.objectValue != nil else {
                    firstError = firstError ?? "the answer is JSON but not an object (\(kind(of: value)))"
                    continue
                }
                return value
            } catch {
                firstError = firstError ?? "\(error)"
            }
        }
        let excerpt = trimmed.count > 60 ? String(trimmed.prefix(57)) + "..." : trimmed
        throw Failure(
            message: "schema: the answer is not a JSON object (\(firstError ?? "no {...} in the text")): \(excerpt.replacingOccurrences(of: "\n", with: " "))")
    }

    /// Where an object may be, in the order tried: the whole text, each fenced block, the first
    /// balanced `{...}`.
    static func candidates(_ text: String) -> [String] {
        var out = [text]
        var rest = Substring(text)
        while let open = rest.range(of: "```") {
            let afterFence = rest[open.upperBound...]
            guard let lineEnd = afterFence.firstIndex(of: "\n"), let close = afterFence[lineEnd...].range(of: "```") else { break }
            out.append(String(afterFence[lineEnd..<close.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines))
            rest = afterFence[close.upperBound...]
        }
        if let balanced = firstBalancedObject(in: text) { out.append(balanced) }
        return out
    }

    /// The first `{...}` whose braces balance, skipping braces inside JSON strings.
    static func firstBalancedObject(in text: String) -> String? {
        let chars = Array(text.unicodeScalars)
        var start: Int?
        var depth = 0
        var inString = false
        var escaped = false
        for (i, c) in chars.enumerated() {
            if start == nil {
                if c == "{" { start = i; depth = 1 }
                continue
            }
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
                continue
            }
            switch c {
            case "\"": inString = true
            case "{": depth += 1
            case "}":
                depth -= 1
                if depth == 0, let s = start {
                    var view = String.UnicodeScalarView()
                    view.append(contentsOf: chars[s...i])
                    return String(view)
                }
            default: break
            }
        }
        return nil
    }

    /// Parses JSON text into a `JSONValue` (RFC 8259; any value at the top level), throwing one
    /// readable line.
    public static func decodeJSON(_ text: String) throws -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            throw Failure(message: "invalid JSON")
        }
    }

    static func kind(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
