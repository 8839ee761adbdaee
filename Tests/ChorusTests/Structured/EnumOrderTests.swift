import Testing

@testable import Chorus

/// Each worker's enum order (`EnumOrder`): a rotation shows a position-biased model another
/// first member, while validation and the vote read the members as a set.
struct EnumOrderTests {
    @Test(arguments: [
        (0, ["a", "b", "c"]), (1, ["b", "c", "a"]), (2, ["c", "a", "b"]), (3, ["a", "b", "c"]), (4, ["b", "c", "a"]),
    ])
    func rotatesEveryEnumLeft(steps: Int, expected: [String]) throws {
        let schema = try StructuredSchema(text: "label: a|b|c, score int")
        let rotated = schema.rotatingEnumerations(by: steps)
        #expect(rotated.fields[0].type == .enumeration(expected))
        #expect(rotated.fields[1] == schema.fields[1], "non-enum fields are untouched")
    }

    @Test func reachesEnumsInsideListsAndObjects() {
        let nested = StructuredSchema(
            fields: [
                SchemaField(name: "tags", type: .array(.enumeration(["x", "y"]))),
                SchemaField(name: "inner", type: .object([SchemaField(name: "kind", type: .enumeration(["p", "q", "r"]))])),
            ])
        let rotated = nested.rotatingEnumerations(by: 1)
        #expect(rotated.fields[0].type == .array(.enumeration(["y", "x"])))
        #expect(rotated.fields[1].type == .object([SchemaField(name: "kind", type: .enumeration(["q", "r", "p"]))]))
    }

    @Test func aRotatedSchemaAcceptsTheSameAnswers() throws {
        let schema = try StructuredSchema(text: "label: positive|negative|neutral")
        for steps in 0..<3 {
            let rotated = schema.rotatingEnumerations(by: steps)
            for label in ["positive", "negative", "neutral"] {
                #expect(rotated.violation(in: .object(["label": .string(label)])) == nil)
            }
            #expect(rotated.violation(in: .object(["label": .string("happy")])) != nil)
        }
    }
}
