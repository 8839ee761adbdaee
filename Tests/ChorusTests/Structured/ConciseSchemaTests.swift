import Chorus
import Testing

/// The concise `--schema` form, row by row (README "Structured answers").
@Suite("Concise schema syntax")
struct ConciseSchemaTests {
    static let rows: [(String, [SchemaField])] = [
        ("name", [SchemaField(name: "name", type: .string)]),
        ("name, bio, age int", [
            SchemaField(name: "name", type: .string), SchemaField(name: "bio", type: .string),
            SchemaField(name: "age", type: .integer(.none)),
        ]),
        ("label: positive|negative|neutral, confidence float, reason", [
            SchemaField(name: "label", type: .enumeration(["positive", "negative", "neutral"])),
            SchemaField(name: "confidence", type: .number(.none)), SchemaField(name: "reason", type: .string),
        ]),
        ("label positive|negative: the sentiment", [
            SchemaField(name: "label", type: .enumeration(["positive", "negative"]), description: "the sentiment")
        ]),
        ("spam: yes|no: whether it is spam", [
            SchemaField(name: "spam", type: .enumeration(["yes", "no"]), description: "whether it is spam")
        ]),
        ("ok bool, score float 0..1, stars int 1..5", [
            SchemaField(name: "ok", type: .boolean),
            SchemaField(name: "score", type: .number(NumberBounds(minimum: 0, maximum: 1))),
            SchemaField(name: "stars", type: .integer(NumberBounds(minimum: 1, maximum: 5))),
        ]),
        ("amount ~float 0..: the total in euros", [
            SchemaField(
                name: "amount", type: .number(NumberBounds(minimum: 0)), description: "the total in euros", measurement: true)
        ]),
        ("tags [str], colours red|green[]", [
            SchemaField(name: "tags", type: .array(.string)),
            SchemaField(name: "colours", type: .array(.enumeration(["red", "green"]))),
        ]),
        ("nickname? str, address {street, zip int}", [
            SchemaField(name: "nickname", type: .string, required: false),
            SchemaField(
                name: "address",
                type: .object([SchemaField(name: "street", type: .string), SchemaField(name: "zip", type: .integer(.none))])),
        ]),
        ("name: the full name, with title\nage int: in years, rounded down", [
            SchemaField(name: "name", type: .string, description: "the full name, with title"),
            SchemaField(name: "age", type: .integer(.none), description: "in years, rounded down"),
        ]),
    ]

    @Test("each row reads to its fields", arguments: rows.indices)
    func row(_ i: Int) throws {
        let (text, fields) = Self.rows[i]
        #expect(try StructuredSchema(concise: text).fields == fields)
    }

    static let errors: [(String, String)] = [
        ("confidence flaot", "field 1 ('confidence flaot'): unknown type flaot; use str, int, float, bool"),
        ("a, a int", "field 2 ('a int'): the name a is used twice"),
        ("name str extra", "'extra' after the type; put a description after a colon"),
        ("label yes||no", "an empty choice in yes||no"),
        ("label str 1..5", "a range is for int and float fields"),
        ("label ~str", "~ marks a measurement, which must be a number"),
        ("", "no fields"),
        ("addr {street", "a { without its }"),
        ("bad name!", "unknown type name!"),
        ("na.me", "'na.me' is not a field name"),
    ]

    @Test("errors name the field and the fix", arguments: errors.indices)
    func error(_ i: Int) {
        let (text, message) = Self.errors[i]
        #expect {
            try StructuredSchema(concise: text)
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test("the JSON Schema sent to providers has every field required and no other properties")
    func responseSchema() throws {
        let schema = try StructuredSchema(concise: "label: a|b, note?, address {city}")
        let sent = schema.responseSchema.schema
        #expect(sent["required"] == .array([.string("label"), .string("note"), .string("address")]))
        #expect(sent["additionalProperties"] == .bool(false))
        #expect(sent["properties"]?["address"]?["additionalProperties"] == .bool(false))
        #expect(sent["properties"]?["label"]?["enum"] == .array([.string("a"), .string("b")]))
        #expect(schema.responseSchema.name == "answer")
    }
}
