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
