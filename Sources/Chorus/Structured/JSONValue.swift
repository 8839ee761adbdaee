/// Any JSON value (RFC 8259), for the parts of Chorus that carry JSON whose shape is known only
/// at run time: a JSON Schema sent to a provider, a worker's structured answer, a merged object.
///
/// Numbers are `Double` (RFC 8259 §6 sets no precision; JSON Schema's `integer` is a number with
/// no fraction, so `3.0` is an integer there too). Objects are unordered as in JSON; a field
/// order for display comes from the schema, never from this value. Encoding writes the same
/// JSON back; `description` is compact JSON with sorted keys, stable for tests and logs.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
}

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            // Whole numbers are written without a fraction (`3`, not `3.0`), as a person wrote them.
            if let whole = value.exactInteger { try container.encode(whole) } else { try container.encode(value) }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

extension JSONValue {
    /// The member `key` of an object; nil for a missing key or a value that is not an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var numberValue: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }
}

extension Double {
    /// The value as an `Int` when it has no fraction and fits; nil otherwise.
    var exactInteger: Int? {
        guard isFinite, rounded() == self, abs(self) < 9.007_199_254_740_992e15 else { return nil }
        return Int(self)
    }
}
