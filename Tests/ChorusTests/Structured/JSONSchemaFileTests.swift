import Chorus
import Foundation
import Testing

/// The JSON Schema subset read from a file, and the keywords refused by name.
@Suite("JSON Schema subset")
struct JSONSchemaFileTests {
    func read(_ json: String) throws -> StructuredSchema {
        try StructuredSchema(jsonSchema: try StructuredAnswer.decodeJSON(json))
    }

    @Test("the subset: types, required, enum, bounds, items, nested objects, descriptions")
    func subset() throws {
        let schema = try read(
            #"""
            {"type": "object", "$schema": "https://json-schema.org/draft/2020-12/schema",
             "properties": {
               "label": {"type": "string", "enum": ["spam", "ham"], "description": "the class"},
               "score": {"type": "number", "minimum": 0, "maximum": 1},
               "parties": {"type": "array", "items": {"type": "string"}},
               "total": {"type": "object", "properties": {"amount": {"type": "number", "x-chorus-measurement": true},
                          "currency": {"type": "string"}}, "required": ["amount", "currency"]}
             },
             "required": ["label", "score", "total"], "additionalProperties": false}
            """#)
        #expect(schema.fields.map(\.name) == ["label", "parties", "score", "total"])
        #expect(schema.fields[0].type == .enumeration(["spam", "ham"]))
        #expect(schema.fields[0].description == "the class")
        #expect(schema.fields[1].required == false)
        #expect(schema.fields[2].type == .number(NumberBounds(minimum: 0, maximum: 1)))
        guard case .object(let members) = schema.fields[3].type else {
            Issue.record("total is not an object")
            return
        }
        #expect(members.map(\.name) == ["amount", "currency"])
        #expect(members[0].measurement)
    }

    @Test("a schema survives the record: encoded as JSON Schema and read back")
    func roundTrip() throws {
        let schema = try StructuredSchema(concise: "label: a|b, amount ~float 0.., tags [str], who? {name, age int 0..150}")
        let data = try JSONEncoder().encode(schema)
        #expect(try JSONDecoder().decode(StructuredSchema.self, from: data) == schema)
    }

    static let refused: [(String, String)] = [
        (#"{"type":"object","properties":{"a":{"type":"string","pattern":"^x"}}}"#, "at a: the keyword pattern is not supported"),
        (#"{"type":"object","properties":{"a":{"type":"string","minLength":1}}}"#, "at a: the keyword minLength is not supported"),
        (##"{"type":"object","properties":{"a":{"$ref":"#/defs/x"}}}"##, "the keyword $ref is not supported"),
        (#"{"type":"object","properties":{"a":{"anyOf":[{"type":"string"}]}}}"#, "the keyword anyOf is not supported"),
        (#"{"type":"object","properties":{"a":{"type":["string","null"]}}}"#, "a list of types (string, null) is not supported"),
        (#"{"type":"object","properties":{"a":{"type":"null"}}}"#, "unknown type null"),
        (#"{"type":"object","properties":{"a":{"type":"array"}}}"#, "an array needs items"),
        (#"{"type":"object","properties":{"a":{"type":"integer","enum":[1,2]}}}"#, "enum is supported for strings only"),
        (#"{"type":"object","properties":{"a":{"type":"string"}},"required":["b"]}"#, "required names b, which is not in properties"),
        (#"{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":true}"#, "additionalProperties must be false"),
        (#"{"type":"array","items":{"type":"string"}}"#, "the schema's top level must be"),
        (#"{"type":"object","properties":{}}"#, "no properties"),
    ]

    @Test("keywords outside the subset are refused by name, never ignored", arguments: refused.indices)
    func refusedKeyword(_ i: Int) {
        let (json, message) = Self.refused[i]
        #expect {
            try read(json)
        } throws: { error in
            "\(error)".contains(message)
        }
    }
}
