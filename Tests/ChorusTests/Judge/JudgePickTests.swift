import Chorus
import Testing

/// Reading the judge's pick (`Judge.parsePick`), one row per shape a judge sends: the schema's
/// JSON (what a server enforcing it returns), JSON the server did not enforce (in a fence, cut
/// at max tokens, `best` as a string), and the bare numbers a model told the format only in its
/// prompt writes. Out-of-range numbers and replies naming two different picks are no pick.
@Suite struct JudgePickTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var reply: String
        var count = 5
        var pick: Int?
        var testDescription: String { "\(reply.debugDescription) of \(count) -> \(pick.map(String.init) ?? "no pick")" }
    }

    @Test(arguments: [
        // The schema's JSON.
        Row(reply: #"{"best": 3, "reason": "It is the only one that multiplies."}"#, pick: 3),
        Row(reply: #"{"best":2}"#, pick: 2),
        Row(reply: #"{"best": 3.0}"#, pick: 3),
        Row(reply: #"{"reason": "answer 4 is wrong", "best": 1}"#, pick: 1),
        Row(reply: #"{"BEST": 4}"#, pick: 4),
        // JSON the server did not hold to the schema.
        Row(reply: "```json\n{\"best\": 2, \"reason\": \"complete\"}\n```", pick: 2),
        Row(reply: "Here is my verdict: {\"best\": 5}", pick: 5),
        Row(reply: #"{"best": "3"}"#, pick: 3),
        Row(reply: #"{"best": "Answer 3"}"#, pick: 3),
        Row(reply: #"{"best": 3, "reason": "Because answer 4 says 17 * 23 = 406 and"#, pick: 3),  // cut at max tokens
        // Bare numbers.
        Row(reply: "3", pick: 3),
        Row(reply: "3.", pick: 3),
        Row(reply: " 3\n", pick: 3),
        Row(reply: "Answer 3", pick: 3),
        Row(reply: "**3**", pick: 3),
        Row(reply: "#3", pick: 3),
        Row(reply: "(3)", pick: 3),
        Row(reply: "3rd", pick: 3),
        Row(reply: "BEST: 3", pick: 3),
        Row(reply: "BEST: 3\nREASON: answer 1 says 391, which is wrong", pick: 3),
        Row(reply: "**Best:** Answer 3", pick: 3),
        Row(reply: "The best answer is 3 because it shows 17 * 23 = 391.", pick: 3),
        Row(reply: "I pick answer 4.", pick: 4),
        Row(reply: "3. It is the most complete.", pick: 3),
        Row(reply: "After reading them, answer 2 is correct and complete.", pick: 2),
        Row(reply: "Which answer is best? 2", pick: 2),
        // Out of 1...N: no pick.
        Row(reply: "7", pick: nil),
        Row(reply: "0", pick: nil),
        Row(reply: #"{"best": 9}"#, pick: nil),
        Row(reply: "BEST: 6", pick: nil),
        Row(reply: "3", count: 2, pick: nil),
        // Two different numbers as the pick: no pick.
        Row(reply: "2 or 3", pick: nil),
        Row(reply: "BEST: 2\nBEST: 4", pick: nil),
        Row(reply: "The best answers are 2 and 3.", pick: nil),
        Row(reply: "Answer 2 is right, but answer 4 is also right.", pick: nil),
        Row(reply: "2/3", pick: nil),
        Row(reply: #"{"best": [2, 3]}"#, pick: nil),
        // The same number twice is one pick.
        Row(reply: "BEST: 2\nSo the best is 2.", pick: 2),
        // No number that is a pick.
        Row(reply: "They are all fine.", pick: nil),
        Row(reply: "", pick: nil),
        Row(reply: "17 * 23 = 391", pick: nil),
        Row(reply: "3.5", pick: nil),
        Row(reply: #"{"reason": "all good"}"#, pick: nil),
    ])
    func pick(_ row: Row) {
        #expect(Judge.parsePick(row.reply, count: row.count) == row.pick)
    }

    @Test func theReasonComesFromTheJSONOrTheReasonLine() {
        #expect(Judge.parseReason(#"{"best": 2, "reason": " most complete "}"#) == "most complete")
        #expect(Judge.parseReason("BEST: 2\nREASON: most complete") == "most complete")
        #expect(Judge.parseReason("2") == nil)
        #expect(Judge.parseReason(#"{"best": 2}"#) == nil)
    }
}
