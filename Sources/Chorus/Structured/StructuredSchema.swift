/// The shape a structured answer must have (`--schema`): its fields in order, each with a type
/// and its constraints. Read from a JSON Schema file or the concise inline form
/// (`StructuredSchema+Concise.swift`, `StructuredSchema+JSONSchema.swift`); it checks a worker's
/// object (`StructuredSchema+Validation.swift`), names the fields the merge votes on, and
/// produces the JSON Schema sent to providers (`responseSchema`).
///
/// Only the documented subset of JSON Schema is understood (type, properties, required, enum,
/// minimum, maximum, items, nested objects, description); README "Structured answers".
public struct StructuredSchema: Sendable, Hashable {
    /// The top-level fields, in the order they were written (the order shown and merged in).
    public var fields: [SchemaField]
    /// The name sent to providers (`[A-Za-z0-9_-]`, at most 64 characters).
    public var name: String

    public init(fields: [SchemaField], name: String = "answer") {
        self.fields = fields
        self.name = name
    }
}

/// One named field of an object schema.
public struct SchemaField: Sendable, Hashable {
    public var name: String
    public var type: SchemaType
    /// Whether an answer must have it. Only required fields can flag a run for review.
    public var required: Bool
    public var description: String?
    /// A number that is a measurement: merged by its median (with the spread), not by an exact
    /// vote. Only for `number` and `integer` fields.
    public var measurement: Bool

    public init(name: String, type: SchemaType, required: Bool = true, description: String? = nil, measurement: Bool = false) {
        self.name = name
        self.type = type
        self.required = required
        self.description = description
        self.measurement = measurement
    }
}

/// A field's type with its constraints.
public indirect enum SchemaType: Sendable, Hashable {
    case string
    /// A whole number (JSON Schema's `integer`: `3.0` counts), within the bounds when given.
    case integer(NumberBounds)
    case number(NumberBounds)
    case boolean
    /// One of these strings exactly (JSON Schema `{"type": "string", "enum": [...]}`).
    case enumeration([String])
    /// A list whose every element has this type (`items`).
    case array(SchemaType)
    /// A nested object with its own fields.
    case object([SchemaField])

    /// The JSON Schema type word: "string", "integer", "number", "boolean", "array", "object".
    public var word: String {
        switch self {
        case .string, .enumeration: "string"
        case .integer: "integer"
        case .number: "number"
        case .boolean: "boolean"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// Inclusive numeric bounds (JSON Schema `minimum` / `maximum`); nil for none.
public struct NumberBounds: Sendable, Hashable, Codable {
    public var minimum: Double?
    public var maximum: Double?
    public init(minimum: Double? = nil, maximum: Double? = nil) {
        self.minimum = minimum
        self.maximum = maximum
    }
    public static let none = NumberBounds()
}
