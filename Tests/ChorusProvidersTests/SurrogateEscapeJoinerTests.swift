import Foundation
import Testing

@testable import ChorusProviders

/// The surrogate repair on raw event payloads, at every position and in every string field
/// (content, the reasoning fields, Anthropic's deltas, Mistral's content parts), and the proof
/// that it is needed: Foundation's JSONDecoder throws on a lone surrogate escape.
@Suite struct SurrogateEscapeJoinerTests {
    struct Delta: Decodable { var content: String?; var reasoning_content: String?; var reasoning: String? }

    func decoded(_ payload: String) throws -> Delta { try JSONDecoder().decode(Delta.self, from: Data(payload.utf8)) }

    func run(_ payloads: [String]) -> [String] {
        var joiner = SurrogateEscapeJoiner()
        var out: [ServerSentEvent] = []
        for payload in payloads { out += joiner.feed(ServerSentEvent(data: payload)) }
        out += joiner.finish()
        return out.map(\.data)
    }

    @Test func foundationRejectsALoneSurrogateSoTheRepairIsNeeded() {
        #expect(throws: (any Error).self) { try decoded(#"{"content":"\ud83c"}"#) }
        #expect(throws: (any Error).self) { try decoded(#"{"content":"\udf89"}"#) }
    }

    @Test(arguments: ["content", "reasoning_content", "reasoning"])
    func aPairSplitAcrossTwoEventsIsJoinedInAnyField(field: String) throws {
        let out = run([#"{"\#(field)":"Party \ud83c"}"#, #"{"\#(field)":"\udf89 time"}"#])
        #expect(out.count == 2)
        let first = try decoded(out[0]), second = try decoded(out[1])
        let text = [first.content, first.reasoning_content, first.reasoning, second.content, second.reasoning_content, second.reasoning]
            .compactMap { $0 }.joined()
        #expect(text == "Party 🎉 time")
    }

    @Test func theHalvesGoToTheSameFieldWhenTwoFieldsAreSplitAtOnce() throws {
        let out = run([
            #"{"reasoning_content":"r\ud83d","content":"c\ud83c"}"#, #"{"content":"\udf89!","reasoning_content":"\ude00?"}"#,
        ])
        let first = try decoded(out[0]), second = try decoded(out[1])
        #expect(first.content == "c🎉")
        #expect(first.reasoning_content == "r😀")
        #expect(second.content == "!")
        #expect(second.reasoning_content == "?")
    }

    @Test func aHighAtTheEndOfEventAndALowThatIsNotFirstInTheNextAreBothReplaced() throws {
        let out = run([#"{"content":"a\ud83c"}"#, #"{"content":"b\udf89"}"#])
        #expect(try decoded(out[0]).content == "a\u{FFFD}")
        #expect(try decoded(out[1]).content == "b\u{FFFD}")
    }

    @Test func loneHalvesAnywhereBecomeTheReplacementCharacter() throws {
        #expect(try decoded(run([#"{"content":"a\ud83cb"}"#])[0]).content == "a\u{FFFD}b")
        #expect(try decoded(run([#"{"content":"\udf89b"}"#])[0]).content == "\u{FFFD}b")
        #expect(try decoded(run([#"{"content":"\ud83c\ud83c\udf89"}"#])[0]).content == "\u{FFFD}🎉")
        #expect(try decoded(run([#"{"content":"\udf89\ud83c"}"#])[0]).content == "\u{FFFD}\u{FFFD}")
        // a high half at the end of the last event: released at the end with U+FFFD
        let last = run([#"{"content":"a"}"#, #"{"content":"b\ud83c"}"#])
        #expect(last.count == 2)
        #expect(try decoded(last[1]).content == "b\u{FFFD}")
        // a held event followed by [DONE]: released first, the marker untouched
        let done = run([#"{"content":"b\uD83C"}"#, "[DONE]"])
        #expect(try decoded(done[0]).content == "b\u{FFFD}")
        #expect(done[1] == "[DONE]")
    }

    @Test func upperCaseHexAndAnEscapedBackslashAreReadRight() throws {
        let pair = run([#"{"content":"\uD83C"}"#, #"{"content":"\uDF89"}"#])
        #expect(try decoded(pair[0]).content == "🎉")
        #expect(try decoded(pair[1]).content == "")
        // `\\ud83c` is a backslash and the text "ud83c", not an escape
        let literal = run([#"{"content":"\\ud83c"}"#])
        #expect(try decoded(literal[0]).content == #"\ud83c"#)
    }

    @Test func anthropicAndMistralShapesAreJoinedToo() throws {
        let anthropic = run([
            #"{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"t\ud83c"}}"#,
            #"{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"\udf89"}}"#,
        ])
        #expect(anthropic[0].contains(#""t\ud83c\udf89""#))
        #expect(anthropic[1].contains(#""thinking":"""#))
        let mistral = run([
            #"{"choices":[{"delta":{"content":[{"type":"text","text":"x\ud83c"}]}}]}"#,
            #"{"choices":[{"delta":{"content":"\udf89y"}}]}"#,
        ])
        // a part's "text", then a plain "content" string: no same key, so joined with any key
        #expect(mistral[0].contains(#""x\ud83c\udf89""#))
        #expect(mistral[1].contains(#""content":"y""#))
        let parts = run([
            #"{"choices":[{"delta":{"content":[{"type":"text","text":"x\ud83c"}]}}]}"#,
            #"{"choices":[{"delta":{"content":[{"type":"text","text":"\udf89y"}]}}]}"#,
        ])
        #expect(parts[0].contains(#""x\ud83c\udf89""#))
    }

    @Test func payloadsWithoutSurrogatesPassThroughUntouched() {
        let payloads = [#"{"content":"plain \u00e9 \n"}"#, "not json {", "[DONE]", #"{"content":"🎉 raw"}"#]
        #expect(run(payloads) == payloads)
    }
}
