/// Checks an answer's object against the schema: the documented subset (types, required
/// fields, enums, numeric ranges, arrays, nested objects, no fields the schema does not name),
/// with Chorus's own code: no JSON Schema library is in the offline package list, and the
/// subset is small enough to test case by case (README "Structured answers").
extension StructuredSchema {
    /// The first violation, one line naming the field's path and what is wrong
    /// (`label: "happy" is not one of positive|negative|neutral`); nil when the object is valid.
    public func violation(in value: JSONValue) -> String? {
        Self.violation(in: value, fields: fields, path: "")
    }

    /// Reads the answer's object out of `text` and validates it; throws one line naming the
    /// first problem (`schema: label: ...`).
    public func validatedObject(in text: String) throws -> JSONValue {
        let object = try StructuredAnswer.object(in: text)
        if let problem = violation(in: object) { throw StructuredAnswer.Failure(message: "schema: \(problem)") }
        return object
    }

    static func violation(in value: JSONValue, fields: [SchemaField], path: String) -> String? {
        let at = path.isEmpty ? "the answer" : path
        guard let members = value.objectValue else {
            return "\(at): expected an object, got \(show(value))"
        }
        for field in fields {
            let fieldPath = path.isEmpty ? field.name : "\(path).\(field.name)"
            guard let member = members[field.name] else {
                if field.required { return "\(fieldPath): missing (a required field)" }
                continue
            }
            // An optional field may be null (strict providers fill every field).
            if member == .null, !field.required { continue }
            if let problem = violation(in: member, type: field.type, path: fieldPath) { return problem }
        }
        let named = Set(fields.map(\.name))
        if let extra = members.keys.sorted().first(where: { !named.contains($0) }) {
            return "\(path.isEmpty ? "" : "\(path).")\(extra): not in the schema (the fields are \(fields.map(\.name).joined(separator: ", ")))"
        }
        return nil
    }

    static func violation(in value: JSONValue, type: SchemaType, path: String) -> String? {
        switch type {
        case .string:
            return value.stringValue == nil ? "\(path): expected a string, got \(show(value))" : nil
        case .boolean:
            return value.boolValue == nil ? "\(path): expected true or false, got \(show(value))" : nil
        case .enumeration(let choices):
            guard let s = value.stringValue else {
                return "\(path): expected one of \(choices.joined(separator: "|")), got \(show(value))"
            }
            return choices.contains(s) ? nil : "\(path): \(show(value)) is not one of \(choices.joined(separator: "|"))"
        case .integer(let bounds):
            guard let n = value.numberValue else { return "\(path): expected an integer, got \(show(value))" }
            guard n.rounded() == n, n.isFinite else { return "\(path): \(show(value)) is not a whole number" }
            return outOfBounds(n, bounds, path: path, value: value)
        case .number(let bounds):
            guard let n = value.numberValue else { return "\(path): expected a number, got \(show(value))" }
            return outOfBounds(n, bounds, path: path, value: value)
        case .array(let element):
            guard let items = value.arrayValue else { return "\(path): expected a list, got \(show(value))" }
            for (i, item) in items.enumerated() {
                if let problem = violation(in: item, type: element, path: "\(path)[\(i)]") { return problem }
            }
            return nil
        case .object(let fields):
            return violation(in: value, fields: fields, path: path)
        }
    }

    static func outOfBounds(_ n: Double, _ bounds: NumberBounds, path: String, value: JSONValue) -> String? {
        if let min = bounds.minimum, n < min { return "\(path): \(show(value)) is below the minimum \(FieldOutcome.number(min))" }
        if let max = bounds.maximum, n > max { return "\(path): \(show(value)) is above the maximum \(FieldOutcome.number(max))" }
        return nil
    }

    /// A value as it appears in a message: JSON, cut at 40 characters.
    static func show(_ value: JSONValue) -> String {
        let text = value.description
        return text.count > 40 ? String(text.prefix(37)) + "..." : text
    }
}
