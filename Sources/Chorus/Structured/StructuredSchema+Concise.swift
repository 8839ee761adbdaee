/// The concise inline form, after simonw/llm's `--schema` concise syntax ("name, bio, age int",
/// llm's schemas documentation), with what a vote per field needs added:
///
/// - fields separated by commas, or by newlines when there is a newline (then a description
///   may contain commas);
/// - each field `name [type] [: description]`; the type defaults to `str`;
/// - types `str`, `int`, `float`, `bool` (llm's four), plus:
///   - `a|b|c`: one of these strings (an enum); `label: a|b|c` works too, as the issue writes it,
///     and `label: a|b|c: description`;
///   - `[T]` or `T[]`: a list of T (`tags [str]`, `colours [red|green|blue]`);
///   - `{...}`: a nested object written in the same form (`address {street, city, zip int}`);
///   - `int 1..5`, `float 0..1`, `float 0..`: inclusive bounds;
///   - `~float` / `~int`: a measurement, merged by the median with its spread, not by a vote;
/// - `name?`: an optional field (the others are required).
///
/// Errors name the field by number and text and say what to write instead.
extension StructuredSchema {
    public init(concise text: String, name: String = "answer") throws {
        let fields = try Self.conciseFields(text, context: "")
        guard !fields.isEmpty else {
            throw SchemaError("no fields; write e.g. 'label: positive|negative|neutral, confidence float, reason'")
        }
        self.init(fields: fields, name: name)
    }

    /// Reads `--schema`'s value: a JSON object (a schema given inline), else the concise form.
    /// A file path is read by the CLI, which hands the file's text here.
    public init(text: String, name: String = "answer") throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") {
            let json: JSONValue
            do { json = try StructuredAnswer.decodeJSON(trimmed) } catch {
                throw SchemaError("the schema looks like JSON but does not parse (\(error)); fix the JSON")
            }
            self = try StructuredSchema(jsonSchema: json, name: name)
        } else {
            try self.init(concise: text, name: name)
        }
    }

    static func conciseFields(_ text: String, context: String) throws -> [SchemaField] {
        let separator: Character = splitTopLevel(text, on: "\n").count > 1 ? "\n" : ","
        let entries = splitTopLevel(text, on: separator).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var fields: [SchemaField] = []
        for (i, entry) in entries.enumerated() {
            let place = "\(context)field \(i + 1) ('\(entry)')"
            let field = try conciseField(entry, place: place, context: context)
            if fields.contains(where: { $0.name == field.name }) {
                throw SchemaError("\(place): the name \(field.name) is used twice; give each field its own name")
            }
            fields.append(field)
        }
        return fields
    }

    static func conciseField(_ entry: String, place: String, context: String) throws -> SchemaField {
        // The description is after the first colon outside brackets.
        var head = entry
        var description: String?
        if let colon = firstTopLevel(":", in: entry) {
            head = String(entry[..<colon]).trimmingCharacters(in: .whitespaces)
            description = String(entry[entry.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        let tokens = splitTopLevel(head, on: " ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard var fieldName = tokens.first else {
            throw SchemaError("\(place): no field name before the colon; write 'name type: description'")
        }
        var required = true
        if fieldName.hasSuffix("?") {
            required = false
            fieldName.removeLast()
        }
        guard !fieldName.isEmpty, fieldName.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
            throw SchemaError("\(place): '\(fieldName)' is not a field name; use letters, digits, _ or - (e.g. 'due_date')")
        }
        var typeTokens = Array(tokens.dropFirst())
        // `label: a|b|c` (the form): a description that is only choices is the type.
        if typeTokens.isEmpty, let d = description {
            if isChoiceList(d) {
                typeTokens = [d]
                description = nil
            } else if let colon = d.firstIndex(of: ":"), isChoiceList(String(d[..<colon]).trimmingCharacters(in: .whitespaces)) {
                // `label: yes|no: whether it is spam`: the choices, then their description.
                typeTokens = [String(d[..<colon]).trimmingCharacters(in: .whitespaces)]
                description = String(d[d.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            }
        }
        if description?.isEmpty == true { description = nil }
        var measurement = false
        var type = SchemaType.string
        var bounds: NumberBounds?
        var sawType = false
        for token in typeTokens {
            if let b = parseBounds(token) {
                guard bounds == nil else { throw SchemaError("\(place): two ranges; give one, e.g. 1..5") }
                // A reversed range admits no value: every answer would fail the schema.
                if let low = b.minimum, let high = b.maximum, low > high {
                    throw SchemaError(
                        "\(place): the range \(token) is reversed (\(FieldOutcome.number(low)) > \(FieldOutcome.number(high))), so no value fits; write \(FieldOutcome.number(high))..\(FieldOutcome.number(low))")
                }
                bounds = b
                continue
            }
            guard !sawType else {
                throw SchemaError(
                    "\(place): '\(token)' after the type; put a description after a colon ('\(fieldName) \(typeTokens[0]): ...')")
            }
            var word = token
            if word.hasPrefix("~") {
                measurement = true
                word.removeFirst()
            }
            type = try parseType(word, place: place, context: "\(context)\(fieldName).")
            sawType = true
        }
        if let bounds {
            switch type {
            case .integer: type = .integer(bounds)
            case .number: type = .number(bounds)
            default: throw SchemaError("\(place): a range is for int and float fields; write e.g. '\(fieldName) int 1..5'")
            }
        }
        if measurement, !type.isNumeric {
            throw SchemaError("\(place): ~ marks a measurement, which must be a number; write '\(fieldName) ~float'")
        }
        return SchemaField(name: fieldName, type: type, required: required, description: description, measurement: measurement)
    }

    static func parseType(_ word: String, place: String, context: String) throws -> SchemaType {
        if word.hasPrefix("{") {
            guard word.hasSuffix("}") else { throw SchemaError("\(place): a { without its }; close the nested object") }
            let inner = String(word.dropFirst().dropLast())
            let fields = try conciseFields(inner, context: context)
            guard !fields.isEmpty else { throw SchemaError("\(place): an empty object {}; name its fields, e.g. {street, city}") }
            return .object(fields)
        }
        if word.hasPrefix("[") {
            guard word.hasSuffix("]") else { throw SchemaError("\(place): a [ without its ]; write e.g. [str]") }
            let inner = String(word.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
            return .array(try parseType(inner.isEmpty ? "str" : inner, place: place, context: context))
        }
        if word.hasSuffix("[]") { return .array(try parseType(String(word.dropLast(2)), place: place, context: context)) }
        switch word.lowercased() {
        case "str", "string": return .string
        case "int", "integer": return .integer(.none)
        case "float", "number", "num": return .number(.none)
        case "bool", "boolean": return .boolean
        default: break
        }
        if word.contains("|") {
            let choices = word.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard choices.count >= 2, choices.allSatisfy({ !$0.isEmpty }) else {
                throw SchemaError("\(place): an empty choice in \(word); write e.g. positive|negative|neutral")
            }
            guard Set(choices).count == choices.count else {
                throw SchemaError("\(place): a choice is listed twice in \(word); list each once")
            }
            return .enumeration(choices)
        }
        throw SchemaError(
            "\(place): unknown type \(word); use str, int, float, bool, a|b|c, [T], {fields}, or put a description after a colon")
    }

    /// `1..5`, `0..1`, `0..`, `..10`: inclusive bounds; nil for anything else.
    static func parseBounds(_ token: String) -> NumberBounds? {
        guard let range = token.range(of: "..") else { return nil }
        let low = String(token[..<range.lowerBound]), high = String(token[range.upperBound...])
        let min = low.isEmpty ? nil : Double(low), max = high.isEmpty ? nil : Double(high)
        guard low.isEmpty || min != nil, high.isEmpty || max != nil, min != nil || max != nil else { return nil }
        return NumberBounds(minimum: min, maximum: max)
    }

    /// `a|b|c` with no spaces: a description that is only a list of choices.
    static func isChoiceList(_ text: String) -> Bool {
        text.contains("|") && !text.contains(where: \.isWhitespace)
            && text.split(separator: "|", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty }
    }

    /// `text` split at `separator` where no bracket or brace is open.
    static func splitTopLevel(_ text: String, on separator: Character) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for c in text {
            if c == "{" || c == "[" { depth += 1 }
            if c == "}" || c == "]" { depth = Swift.max(0, depth - 1) }
            if c == separator, depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        parts.append(current)
        return parts
    }

    static func firstTopLevel(_ mark: Character, in text: String) -> String.Index? {
        var depth = 0
        for i in text.indices {
            let c = text[i]
            if c == "{" || c == "[" { depth += 1 }
            if c == "}" || c == "]" { depth = Swift.max(0, depth - 1) }
            if c == mark, depth == 0 { return i }
        }
        return nil
    }
}
