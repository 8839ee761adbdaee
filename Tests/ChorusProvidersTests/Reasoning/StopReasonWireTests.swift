import Chorus
import FakeLLMServer
import Foundation
import Testing

@testable import ChorusProviders

/// Every stop word reaches the worker as the provider sent it, on both wires, streamed and whole;
/// none is dropped or translated.
@Suite(.timeLimit(.minutes(1))) struct StopReasonWireTests {
    typealias W = WireShapes

    /// Both wires carry any word: OpenAI's own, Anthropic's own, and the ones proxies translate
    /// between them (LiteLLM answers the Anthropic wire with OpenAI's words behind it, and back).
    static let words = [
        "stop", "length", "content_filter", "tool_calls", "end_turn", "max_tokens", "refusal", "pause_turn",
        "stop_sequence", "tool_use",
    ]

    @Test(arguments: words) func openAIStreamed(word: String) async throws {
        let pieces = W.openAI([W.delta(#""content":"340 + 5""#), W.delta(#""content":"""#, finish: word)])
        try await withHarness(script: .always(.raw(pieces))) { h in
            let result = await collect(try h.openAI().stream(chatRequest(model: "m")))
            #expect(result.error == nil)
            #expect(result.stops == [word])
            #expect(result.text == "340 + 5")
        }
    }

    /// llama.cpp-style: no `[DONE]`, the finish reason ends the stream; and the usage chunk that
    /// repeats the finish reason does not send it twice.
    @Test func openAIWithoutDoneAndARepeatedReason() async throws {
        let repeated = #"{"choices":[{"index":0,"delta":{},"finish_reason":"length"}],"usage":{"prompt_tokens":3,"completion_tokens":4}}"#
        let pieces = W.openAI([W.delta(#""content":"340 + 5""#, finish: "length"), repeated], done: false)
        try await withHarness(script: .always(.raw(pieces))) { h in
            let result = await collect(try h.openAI().stream(chatRequest(model: "m")))
            #expect(result.error == nil)
            #expect(result.stops == ["length"])
        }
    }

    @Test(arguments: words) func openAIWhole(word: String) async throws {
        let body = #"{"object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"340 + 5"},"finish_reason":"\#(word)"}]}"#
        try await withHarness(script: .always(.raw([body], contentType: "application/json"))) { h in
            let result = await collect(try h.openAI().stream(chatRequest(model: "m")))
            #expect(result.error == nil)
            #expect(result.stops == [word])
        }
    }

    @Test(arguments: words) func anthropicStreamed(word: String) async throws {
        let pieces = W.anthropic([
            W.messageStart(), W.blockStart(0, #"{"type":"text","text":""}"#), W.textDelta(0, "340 + 5"), W.blockStop(0),
            W.messageDelta(word, output: 4), W.messageStop,
        ])
        try await withHarness(script: .always(.raw(pieces))) { h in
            let result = await collect(try h.anthropic().stream(chatRequest(model: "m")))
            #expect(result.error == nil)
            #expect(result.stops == [word])
            #expect(result.text == "340 + 5")
        }
    }

    @Test(arguments: words) func anthropicWhole(word: String) async throws {
        let body = #"{"type":"message","content":[{"type":"text","text":"340 + 5"}],"stop_reason":"\#(word)","usage":{"input_tokens":3,"output_tokens":4}}"#
        try await withHarness(script: .always(.raw([body], contentType: "application/json"))) { h in
            let result = await collect(try h.anthropic().stream(chatRequest(model: "m")))
            #expect(result.error == nil)
            #expect(result.stops == [word])
        }
    }
}

/// Bodies a decoder cannot read say which problem they have: not JSON at all, or JSON of a shape
/// Chorus does not know (a dialect to learn, named by its path).
@Suite(.timeLimit(.minutes(1))) struct UnknownShapeTests {
    @Test func validJSONOfAnUnknownShapeIsNotCalledInvalid() async throws {
        let pieces = WireShapes.openAI([WireShapes.delta(#""content":{"weird":true}"#, finish: "stop")])
        try await withHarness(script: .always(.raw(pieces))) { h in
            let result = await collect(try h.openAI().stream(chatRequest(model: "m")))
            let error = try #require(result.providerError)
            #expect(error.summary.contains("a stream chunk has an unexpected shape at choices[0].delta.content"), "\(error)")
            #expect(!error.summary.contains("not valid JSON"))
        }
    }

    @Test func bytesThatAreNotJSONAreStillCalledThat() async throws {
        try await withHarness(script: .always(.raw(["data: {\"choices\": [\n\n"]))) { h in
            let result = await collect(try h.openAI().stream(chatRequest(model: "m")))
            #expect(result.providerError?.summary.contains("a stream chunk is not valid JSON") == true)
        }
    }

    @Test func anAnthropicEventOfAnUnknownShape() async throws {
        let pieces = WireShapes.anthropic([
            WireShapes.messageStart(), WireShapes.blockDelta(0, #"{"type":"text_delta","text":["a"]}"#),
        ])
        try await withHarness(script: .always(.raw(pieces))) { h in
            let result = await collect(try h.anthropic().stream(chatRequest(model: "m")))
            #expect(result.providerError?.summary.contains("a stream event has an unexpected shape at delta.text (expected a string)") == true)
        }
    }

    /// An empty finish reason (some servers) ends the stream but records no word.
    @Test func anEmptyFinishReasonIsNoStopWord() async throws {
        let pieces = WireShapes.openAI([WireShapes.delta(#""content":"391""#, finish: "")], done: false)
        try await withHarness(script: .always(.raw(pieces))) { h in
            let result = await collect(try h.openAI().stream(chatRequest(model: "m")))
            #expect(result.error == nil)
            #expect(result.stops.isEmpty)
            #expect(result.text == "391")
        }
    }
}
