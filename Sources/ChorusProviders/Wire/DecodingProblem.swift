import Foundation

/// Words for a body piece the decoder could not read. Bytes that are not JSON at all and JSON
/// of a shape Chorus does not know are different problems with different fixes: the first is
/// a broken stream or a server that is not an LLM API, the second a dialect Chorus should learn
/// (e.g. Mistral's list-of-parts `content`, which once failed as "not valid JSON" though it is).
enum DecodingProblem {
    /// "`what` is not valid JSON", or "`what` has an unexpected shape at `path`: `detail`".
    static func describe(_ error: any Error, _ what: String) -> String {
        guard let error = error as? DecodingError else { return "\(what) is not valid JSON" }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "\(what) is not valid JSON"
        case .dataCorrupted(let context):
            return "\(what) has an unexpected value at \(path(context.codingPath))"
        case .typeMismatch(let type, let context):
            return "\(what) has an unexpected shape at \(path(context.codingPath)) (expected \(name(type)))"
        case .valueNotFound(let type, let context):
            return "\(what) has an unexpected shape at \(path(context.codingPath)) (expected \(name(type)))"
        case .keyNotFound(let key, let context):
            return "\(what) has an unexpected shape: \(path(context.codingPath + [key])) is missing"
        @unknown default:
            return "\(what) is not valid JSON"
        }
    }

    /// `choices[0].delta.content`.
    static func path(_ keys: [any CodingKey]) -> String {
        guard !keys.isEmpty else { return "the top level" }
        return keys.enumerated().map { i, key in
            if let index = key.intValue { return "[\(index)]" }
            return i == 0 ? key.stringValue : "." + key.stringValue
        }.joined()
    }

    private static func name(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "a list"
        default: "an object"
        }
    }
}
