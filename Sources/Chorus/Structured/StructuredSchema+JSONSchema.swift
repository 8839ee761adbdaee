/// Between `StructuredSchema` and JSON Schema (draft 2020-12 keywords; the subset OpenAI's
/// Structured Outputs and llama.cpp's grammar conversion both take).
extension StructuredSchema {
    /// The JSON Schema sent to providers: every field listed in `required` and
    /// `additionalProperties: false` on every object, which OpenAI's strict mode requires
    /// ("all fields must be required", Structured Outputs guide). An optional field is sent
    /// required all the same (the model then always fills it); the validator still accepts
    /// an answer without it.
    public var responseSchema: ResponseSchema { ResponseSchema(name: name, schema: jsonSchema(marks: false)) }

    /// The schema as JSON Schema. `marks` adds `x-chorus-measurement` and keeps the real
    /// `required` list (for the record); without it, the form sent to providers.
    public func jsonSchema(marks: Bool) -> JSONValue {
        Self.objectSchema(fields, marks: marks)
    }

    static func objectSchema(_ fields: [SchemaField], marks: Bool) -> JSONValue {
        var properties: [String: JSONValue] = [:]
        for field in fields {
            var node = nodeSchema(field.type, marks: marks)
            if case .object(var members) = node {
                if let d = field.description { members["description"] = .string(d) }
                if marks, field.measurement { members["x-chorus-measurement"] = .bool(true) }
                node = .object(members)
            }
            properties[field.name] = node
        }
        let required = marks ? fields.filter(\.required) : fields
        var schema: [String: JSONValue] = [
            "type": .string("object"),
            "properties": .object(properties),
            "required": .array(required.map { .string($0.name) }),
            "additionalProperties": .bool(false),
        ]
        // The record keeps the field order, which a JSON object loses.
        if marks { schema["x-chorus-order"] = .array(fields.map { .string($0.name) }) }
        return .object(schema)
    }

    static func nodeSchema(_ type: SchemaType, marks: Bool) -> JSONValue {
        func bounded(_ word: String, _ b: NumberBounds) -> JSONValue {
            var m: [String: JSONValue] = ["type": .string(word)]
            if let min = b.minimum { m["minimum"] = .number(min) }
            if let max = b.maximum { m["maximum"] = .number(max) }
            return .object(m)
        }
        switch type {
        case .string: return .object(["type": .string("string")])
        case .boolean: return .object(["type": .string("boolean")])
        case .integer(let b): return bounded("integer", b)
        case .number(let b): return bounded("number", b)
        case .enumeration(let values): return .object(["type": .string("string"), "enum": .array(values.map { .string($0) })])
        case .array(let element): return .object(["type": .string("array"), "items": nodeSchema(element, marks: marks)])
        case .object(let fields): return objectSchema(fields, marks: marks)
        }
    }
}

extension StructuredSchema {
    /// Keywords read. Annotations that change nothing (`title`, `$schema`, `$id`, `$comment`,
    /// `examples`, `default`) are accepted and not used; any other keyword is refused by name,
    /// never silently ignored, since the validator would not enforce it.
    static let annotationKeywords: Set<String> = ["title", "$schema", "$id", "$comment", "examples", "default"]

    /// Reads a JSON Schema file's content: an object schema with `properties`. Throws a
    /// `SchemaError` naming the path and the keyword for anything outside the subset.
    public init(jsonSchema: JSONValue, name: String = "answer") throws {
        guard jsonSchema.objectValue != nil else {
            throw SchemaError("the schema is not a JSON object; write {\"type\": \"object\", \"properties\": {...}}")
        }
        guard case .object(let fields) = try Self.readType(jsonSchema, path: "(top level)") else {
            throw SchemaError("the schema's top level must be {\"type\": \"object\", \"properties\": {...}}: an answer is an object of fields")
        }
        guard !fields.isEmpty else { throw SchemaError("the schema has no properties; name at least one field") }
        self.init(fields: fields, name: name)
    }

    static func readType(_ node: JSONValue, path: String) throws -> SchemaType {
        guard let m = node.objectValue else { throw SchemaError("at \(path): a schema must be a JSON object, not \(node)") }
        let known: Set<String> = [
            "type", "properties", "required", "enum", "minimum", "maximum", "items", "description",
            "additionalProperties", "x-chorus-measurement", "x-chorus-order",
        ]
        for key in m.keys.sorted() where !known.contains(key) && !annotationKeywords.contains(key) {
            throw SchemaError(
                "at \(path): the keyword \(key) is not supported (Chorus validates type, properties, required, enum, minimum, maximum, items, description); remove it or check it yourself")
        }
        if let extra = m["additionalProperties"], extra != .bool(false) {
            throw SchemaError("at \(path): additionalProperties must be false (or left out): answers are held to the named fields")
        }
        var word = m["type"]?.stringValue
        if word == nil, case .array(let words)? = m["type"] {
            throw SchemaError("at \(path): a list of types (\(words.compactMap(\.stringValue).joined(separator: ", "))) is not supported; give one type")
        }
        if word == nil, m["enum"] != nil { word = "string" }
        if word == nil, m["properties"] != nil { word = "object" }
        guard let word else { throw SchemaError("at \(path): no type; add \"type\": \"string\" (or integer, number, boolean, array, object)") }
        func bounds() throws -> NumberBounds {
            for key in ["minimum", "maximum"] where m[key] != nil && m[key]?.numberValue == nil {
                throw SchemaError("at \(path): \(key) must be a number")
            }
            let b = NumberBounds(minimum: m["minimum"]?.numberValue, maximum: m["maximum"]?.numberValue)
            // A reversed range admits no value: every answer would fail the schema.
            if let low = b.minimum, let high = b.maximum, low > high {
                throw SchemaError(
                    "at \(path): minimum \(FieldOutcome.number(low)) is above maximum \(FieldOutcome.number(high)), so no value fits; swap them")
            }
            return b
        }
        if m["enum"] != nil, word != "string" {
            throw SchemaError("at \(path): enum is supported for strings only; make the type string")
        }
        switch word {
        case "string":
            guard let values = m["enum"] else { return .string }
            guard let list = values.arrayValue, !list.isEmpty, list.allSatisfy({ $0.stringValue != nil }) else {
                throw SchemaError("at \(path): enum must be a non-empty list of strings")
            }
            return .enumeration(list.compactMap(\.stringValue))
        case "integer": return .integer(try bounds())
        case "number": return .number(try bounds())
        case "boolean": return .boolean
        case "array":
            guard let items = m["items"] else { throw SchemaError("at \(path): an array needs items, e.g. \"items\": {\"type\": \"string\"}") }
            return .array(try readType(items, path: "\(path)[]"))
        case "object":
            guard let properties = m["properties"]?.objectValue else {
                throw SchemaError("at \(path): an object needs properties, e.g. \"properties\": {\"name\": {\"type\": \"string\"}}")
            }
            var required: Set<String> = []
            if let list = m["required"] {
                guard let names = list.arrayValue?.compactMap(\.stringValue), names.count == list.arrayValue?.count else {
                    throw SchemaError("at \(path): required must be a list of field names")
                }
                for n in names where properties[n] == nil {
                    throw SchemaError("at \(path): required names \(n), which is not in properties")
                }
                required = Set(names)
            }
            // JSON objects are unordered: the fields are taken in the order `x-chorus-order`
            // names (the record writes it), else `required`'s when it lists them all, else by name.
            let listed = m["x-chorus-order"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let order =
                Set(listed) == Set(properties.keys) && listed.count == properties.count ? listed
                : required.count == properties.count ? (m["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
                : properties.keys.sorted()
            return .object(try order.map { key in
                let child = properties[key]!
                let childPath = path == "(top level)" ? key : "\(path).\(key)"
                let type = try readType(child, path: childPath)
                let measurement = child["x-chorus-measurement"]?.boolValue ?? false
                if measurement, !type.isNumeric {
                    throw SchemaError("at \(childPath): x-chorus-measurement is for number and integer fields")
                }
                return SchemaField(
                    name: key, type: type, required: required.contains(key), description: child["description"]?.stringValue,
                    measurement: measurement)
            })
        default:
            throw SchemaError("at \(path): unknown type \(word); use string, integer, number, boolean, array or object (null is not supported)")
        }
    }
}

extension SchemaType {
    var isNumeric: Bool {
        switch self {
        case .integer, .number: true
        default: false
        }
    }
}
