import Chorus
import Testing

/// Each worker's answer against the schema, case by case: the first violation, named.
@Suite("Structured answer validation")
struct ValidationTests {
    static let schema = try! StructuredSchema(
        concise: "label: positive|negative|neutral, confidence float 0..1, stars int 1..5, ok bool, tags [str], note?, who {name, age int}")
    static let valid = #"{"label":"positive","confidence":0.9,"stars":4,"ok":true,"tags":["a"],"who":{"name":"Ann","age":30}}"#

    @Test("a valid object passes, with or without the optional field (or null in it)")
    func valid() throws {
        #expect(Self.schema.violation(in: try StructuredAnswer.decodeJSON(Self.valid)) == nil)
        let withNull = Self.valid.replacingOccurrences(of: #""ok":true"#, with: #""ok":true,"note":null"#)
        #expect(Self.schema.violation(in: try StructuredAnswer.decodeJSON(withNull)) == nil)
        let whole = Self.valid.replacingOccurrences(of: #""stars":4"#, with: #""stars":4.0"#)
        #expect(Self.schema.violation(in: try StructuredAnswer.decodeJSON(whole)) == nil)
    }

    static let cases: [(String, String, String)] = [
        (#""label":"positive""#, #""label":"happy""#, #"label: "happy" is not one of positive|negative|neutral"#),
        (#""label":"positive""#, #""label":1"#, "label: expected one of positive|negative|neutral, got 1"),
        (#""confidence":0.9"#, #""confidence":"high""#, #"confidence: expected a number, got "high""#),
        (#""confidence":0.9"#, #""confidence":1.5"#, "confidence: 1.5 is above the maximum 1"),
        (#""stars":4"#, #""stars":0"#, "stars: 0 is below the minimum 1"),
        (#""stars":4"#, #""stars":3.5"#, "stars: 3.5 is not a whole number"),
        (#""ok":true"#, #""ok":"yes""#, #"ok: expected true or false, got "yes""#),
        (#""tags":["a"]"#, #""tags":"a""#, #"tags: expected a list, got "a""#),
        (#""tags":["a"]"#, #""tags":["a",2]"#, "tags[1]: expected a string, got 2"),
        (#""age":30"#, #""age":"thirty""#, #"who.age: expected an integer, got "thirty""#),
        (#""who":{"name":"Ann","age":30}"#, #""who":{"name":"Ann"}"#, "who.age: missing (a required field)"),
        (#""who":{"name":"Ann","age":30}"#, #""who":"Ann""#, #"who: expected an object, got "Ann""#),
        (#""ok":true,"#, "", "ok: missing (a required field)"),
        (#""ok":true"#, #""ok":true,"mood":"x""#, "mood: not in the schema (the fields are label, confidence, stars, ok, tags, note, who)"),
    ]

    @Test("each violation is named with its path", arguments: cases.indices)
    func violation(_ i: Int) throws {
        let (from, to, message) = Self.cases[i]
        let json = Self.valid.replacingOccurrences(of: from, with: to)
        #expect(json != Self.valid)
        #expect(Self.schema.violation(in: try StructuredAnswer.decodeJSON(json)) == message)
    }

    @Test("the object is found in a fenced block or the first balanced braces, as the instruction fallback writes it")
    func extraction() throws {
        let schema = try StructuredSchema(concise: "label: yes|no")
        #expect(try schema.validatedObject(in: "```json\n{\"label\": \"yes\"}\n```") == .object(["label": .string("yes")]))
        #expect(try schema.validatedObject(in: "Sure! {\"label\": \"no\"} hope that helps") == .object(["label": .string("no")]))
        // A brace inside a string does not end the object.
        #expect(try StructuredSchema(concise: "label").validatedObject(in: #"Here: {"label": "y}es"} "#) == .object(["label": .string("y}es")]))
        // An object followed by an explanation, or the first of two objects.
        #expect(try schema.validatedObject(in: "{\"label\": \"yes\"}\n\nBecause it is.") == .object(["label": .string("yes")]))
        #expect(try schema.validatedObject(in: #"{"label":"no"} or {"label":"yes"}"#) == .object(["label": .string("no")]))
        #expect {
            try schema.validatedObject(in: "I think the answer is yes.")
        } throws: { "\($0)".hasPrefix("schema: the answer is not a JSON object") }
        #expect {
            try schema.validatedObject(in: #"{"label": "maybe"}"#)
        } throws: { "\($0)" == #"schema: label: "maybe" is not one of yes|no"# }
        #expect {
            try schema.validatedObject(in: "[1, 2]")
        } throws: { "\($0)".contains("not an object (an array)") }
    }
}
