import Chorus
import Testing

/// The vote per field, over each field type, and the review flag at the threshold.
@Suite("Per-field merge")
struct FieldMergeTests {
    func inputs(_ objects: [String]) throws -> [FieldMerge.Input] {
        try objects.enumerated().map { FieldMerge.Input(worker: $0.offset, object: try StructuredAnswer.decodeJSON($0.element)) }
    }

    func merge(_ schema: String, _ objects: [String], min: MinAgreement = .default, strategy: StrategyName = .vote) async throws
        -> StructuredOutcome
    {
        let schema = try StructuredSchema(concise: schema)
        let outcome = await FieldMerge(schema: schema, minAgreement: min, strategy: strategy).merge(try inputs(objects))
        // Whatever the field types, the merged object is valid against the schema.
        #expect(schema.violation(in: outcome.object) == nil)
        return outcome
    }

    @Test("enums: the most common value, with its count and the dissenters")
    func enumVote() async throws {
        let o = try await merge(
            "label: pos|neg|neu", [#"{"label":"pos"}"#, #"{"label":"neg"}"#, #"{"label":"pos"}"#, #"{"label":"pos"}"#, #"{"label":"neu"}"#])
        let f = try #require(o.field("label"))
        #expect(f.value == .string("pos"))
        #expect((f.agreeing, f.of, f.method) == (3, 5, .vote))
        #expect(f.dissenters == [1, 4])
        #expect(f.values[1] == .string("neg"))
        #expect(!o.needsReview)
    }

    @Test("booleans and integers vote exactly; 3 and 3.0 are one value")
    func boolAndInt() async throws {
        let o = try await merge("ok bool, n int", [#"{"ok":true,"n":3}"#, #"{"ok":false,"n":3.0}"#, #"{"ok":true,"n":4}"#])
        #expect(o.field("ok")?.value == .bool(true))
        #expect(o.field("ok")?.agreeing == 2)
        #expect(o.field("n")?.value == .number(3))
        #expect(o.field("n")?.dissenters == [2])
    }

    @Test("short strings vote after the vote's normalisation: case, punctuation, articles")
    func shortStrings() async throws {
        let o = try await merge("city", [#"{"city":"Paris."}"#, #"{"city":"paris"}"#, #"{"city":"the Paris"}"#, #"{"city":"Lyon"}"#])
        let f = try #require(o.field("city"))
        #expect(f.value == .string("Paris."))
        #expect(f.agreeing == 3)
        #expect(f.dissenters == [3])
    }

    @Test("a tie takes the group whose first worker comes first, and says so")
    func tie() async throws {
        let o = try await merge("label: a|b", [#"{"label":"b"}"#, #"{"label":"a"}"#, #"{"label":"a"}"#, #"{"label":"b"}"#])
        let f = try #require(o.field("label"))
        #expect(f.value == .string("b"))
        #expect(f.agreeing == 2)
        #expect(f.note?.hasPrefix("tie:") == true)
        #expect(o.needsReview)  // 2 of 4 is not a strict majority
    }

    @Test("measurements: the median with the spread; agreeing within 5% of it")
    func measurement() async throws {
        let o = try await merge(
            "amount ~float", [#"{"amount":100}"#, #"{"amount":102}"#, #"{"amount":99}"#, #"{"amount":150}"#, #"{"amount":101}"#])
        let f = try #require(o.field("amount"))
        #expect(f.value == .number(101))
        #expect(f.method == .median)
        #expect(f.spread == 51)
        #expect(f.agreeing == 4)
        #expect(f.dissenters == [3])
        #expect(f.agreementText == "4/5 spread 51")
    }

    @Test("an integer measurement with an even count keeps a whole number (the lower middle)")
    func integerMedian() async throws {
        let o = try await merge("n ~int", [#"{"n":2}"#, #"{"n":3}"#])
        #expect(o.field("n")?.value == .number(2))
    }

    @Test("arrays of scalars: set-wise, an element kept when a strict majority has it")
    func setwise() async throws {
        let o = try await merge(
            "tags [str]", [#"{"tags":["red","blue"]}"#, #"{"tags":["Blue","red"]}"#, #"{"tags":["red","green"]}"#])
        let f = try #require(o.field("tags"))
        #expect(f.value == .array([.string("red"), .string("blue")]))
        #expect(f.method == .set)
        #expect(f.agreeing == 2)
        #expect(f.dissenters == [2])
    }

    @Test("arrays of objects: the most common whole array")
    func wholeArrays() async throws {
        let o = try await merge(
            "items [{name, qty int}]",
            [#"{"items":[{"name":"a","qty":1}]}"#, #"{"items":[{"name":"A","qty":1}]}"#, #"{"items":[{"name":"b","qty":2}]}"#])
        let f = try #require(o.field("items"))
        #expect(f.method == .whole)
        #expect(f.agreeing == 2)
    }

    @Test("nested objects: field by field, each with its path; the object's entry names every dissenter")
    func nested() async throws {
        let o = try await merge(
            "who {name, age int}",
            [#"{"who":{"name":"Ann","age":30}}"#, #"{"who":{"name":"Ann","age":31}}"#, #"{"who":{"name":"Bob","age":30}}"#])
        #expect(o.object == .object(["who": .object(["name": .string("Ann"), "age": .number(30)])]))
        #expect(o.fields.map(\.path) == ["who", "who.name", "who.age"])
        #expect(o.field("who")?.method == .object)
        #expect(o.field("who")?.dissenters == [1, 2])
        #expect(o.field("who.age")?.dissenters == [1])
    }

    @Test("long strings: the long-answer tally's largest group; concatenate keeps every value")
    func longStrings() async throws {
        let a = "The contract renews every year unless either party gives ninety days written notice before the renewal date."
        let b = "Either party may end the contract with ninety days written notice before each yearly renewal date of the contract."
        let c = "Payment is due within thirty days of the invoice and late payments carry a monthly interest charge of two percent."
        let objects = [a, b, c].map { #"{"summary":"\#($0)"}"# }
        let o = try await merge("summary", objects)
        let f = try #require(o.field("summary"))
        #expect(f.method == .overlap)
        #expect(f.value == .string(a))
        #expect(f.dissenters == [2])
        let joined = try await merge("summary", objects, strategy: .concatenate)
        #expect(joined.field("summary")?.method == .concatenated)
        #expect(joined.field("summary")?.value.stringValue?.contains("worker 3: Payment") == true)
    }

    @Test("synthesize merges a long string field with the model, field by field")
    func synthesizedField() async throws {
        let schema = try StructuredSchema(concise: "label: a|b, summary")
        let long = "a long answer that goes on for quite a few words so that it is not short at all by any measure here"
        let merge = FieldMerge(schema: schema, strategy: .synthesize, synthesizeLong: { path, answers in "merged \(path) of \(answers.count)" })
        let o = await merge.merge(try inputs([#"{"label":"a","summary":"\#(long) one"}"#, #"{"label":"a","summary":"\#(long) two"}"#]))
        #expect(o.field("summary")?.value == .string("merged summary of 2"))
        #expect(o.field("summary")?.method == .synthesized)
        #expect(o.field("label")?.method == .vote)
    }

    @Test("a judge's pick is every field's value, agreement counted against it")
    func judged() async throws {
        let schema = try StructuredSchema(concise: "label: a|b")
        let o = await FieldMerge(schema: schema).merge(try inputs([#"{"label":"a"}"#, #"{"label":"b"}"#, #"{"label":"a"}"#]), chosen: 1)
        #expect(o.field("label")?.value == .string("b"))
        #expect(o.field("label")?.method == .judged)
        #expect(o.field("label")?.agreeing == 1)
        #expect(o.needsReview)
    }

    // MARK: - Flagging at the threshold

    static let labels = ["a", "a", "a", "b", "b"]

    @Test(
        "flagging at the threshold: exactly at passes, just under flags",
        arguments: [
            (MinAgreement.strictMajority, 3, false), (.strictMajority, 2, true),
            (.fraction(0.6), 3, false), (.fraction(0.6), 2, true), (.fraction(0.61), 3, true),
            (.count(4), 4, false), (.count(4), 3, true),
        ])
    func threshold(_ min: MinAgreement, _ agreeing: Int, _ flagged: Bool) async throws {
        let objects = (0..<5).map { i in #"{"label":"\#(i < agreeing ? "a" : "b\(i)")","note":"x\#(i)"}"# }
        let o = try await merge("label: a|b1|b2|b3|b4, note?", objects, min: min)
        #expect(o.field("label")?.agreeing == agreeing)
        #expect(o.needsReview == flagged)
        #expect(o.reviewFields == (flagged ? ["label"] : []))
        #expect(o.field("label")?.belowThreshold == flagged)
        // An optional field never flags, however split.
        #expect(o.field("note")?.belowThreshold == false)
    }

    @Test("MinAgreement reads its written forms and refuses others")
    func minAgreementText() {
        #expect(MinAgreement(text: "majority") == .strictMajority)
        #expect(MinAgreement(text: "0.6") == .fraction(0.6))
        #expect(MinAgreement(text: "60%") == .fraction(0.6))
        #expect(MinAgreement(text: "4") == .count(4))
        #expect(MinAgreement(text: "4/5") == .count(4))
        #expect(MinAgreement(text: "1.5") == nil)
        #expect(MinAgreement(text: "0") == nil)
        #expect(MinAgreement(text: "most") == nil)
    }
}
