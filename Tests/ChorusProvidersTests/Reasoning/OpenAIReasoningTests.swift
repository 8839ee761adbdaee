import Chorus
import FakeLLMServer
import Foundation
import Testing

@testable import ChorusProviders

/// Reasoning on the OpenAI-compatible wire, in each place servers put it, with and without an
/// answer after it: `delta.reasoning_content` (DeepSeek, llama.cpp, vLLM < 0.10, SGLang),
/// `delta.reasoning` (Ollama, OpenRouter, newer vLLM), both at once (vLLM's compatible delta),
/// and Mistral's `content` as a list of typed parts. Each row is a real server's shape, sent
/// byte for byte by the fake server.
@Suite(.timeLimit(.minutes(1))) struct OpenAIReasoningTests {
    static let fields = ["reasoning_content", "reasoning"]

    func stream(_ pieces: [String], contentType: String = "text/event-stream", retry: RetryPolicy = .never) async throws
        -> (Collected, Int)
    {
        try await withHarness(script: .always(.raw(pieces, contentType: contentType))) { h in
            let result = await collect(try h.openAI(retry: retry).stream(chatRequest(model: "m")))
            return (result, h.server.journal.requests.count)
        }
    }

    // Small input 1: every delta has `content: null` and reasoning, the budget runs out.
    @Test(arguments: fields) func onlyReasoningCutAtTheLimit(field: String) async throws {
        let (result, _) = try await stream(
            WireShapes.openAI([
                WireShapes.delta(#""role":"assistant","content":null"#),
                WireShapes.delta(#""content":null,"\#(field)":"17*23: 17*20 = 340, ""#),
                WireShapes.delta(#""content":null,"\#(field)":"17*3 = 51, so""#),
                WireShapes.delta(#""content":null,"\#(field)":" 340 + 5""#, finish: "length"),
                WireShapes.usage(prompt: 20, completion: 64, reasoning: 64),
            ]))
        #expect(result.error == nil)
        #expect(result.text == "")
        #expect(result.reasoning == "17*23: 17*20 = 340, 17*3 = 51, so 340 + 5")
        #expect(result.reasoningChunks == 3)
        #expect(result.stops == ["length"])
        #expect(result.usage == TokenUsage(promptTokens: 20, completionTokens: 64, reasoningTokens: 64))
    }

    @Test(arguments: fields) func reasoningThenTheAnswer(field: String) async throws {
        let (result, _) = try await stream(
            WireShapes.openAI([
                WireShapes.delta(#""role":"assistant","content":"","\#(field)":"Think: 340 + 51.""#),
                WireShapes.delta(#""content":null,"\#(field)":" So 391.""#),
                // The first answer chunk may still carry an empty reasoning member.
                WireShapes.delta(#""content":"The answer","\#(field)":"""#),
                WireShapes.delta(#""content":" is 391.""#, finish: "stop"),
                WireShapes.usage(prompt: 20, completion: 30, reasoning: 22),
            ]))
        #expect(result.error == nil)
        #expect(result.reasoning == "Think: 340 + 51. So 391.")
        #expect(result.text == "The answer is 391.")
        #expect(result.stops == ["stop"])
        #expect(result.usage?.reasoningTokens == 22)
        // Reasoning comes before the text it preceded.
        let firstText = try #require(result.chunks.firstIndex { if case .text = $0 { true } else { false } })
        let lastReasoning = try #require(result.chunks.lastIndex { if case .reasoning = $0 { true } else { false } })
        #expect(lastReasoning < firstText)
    }

    /// vLLM's backward-compatible delta carries the same text under both names: read once.
    @Test func bothNamesAtOnceAreReadOnce() async throws {
        let (result, _) = try await stream(
            WireShapes.openAI([
                WireShapes.delta(#""content":null,"reasoning":"Hmm.","reasoning_content":"Hmm.""#),
                WireShapes.delta(#""content":"391","reasoning":null,"reasoning_content":null"#, finish: "stop"),
            ]))
        #expect(result.reasoning == "Hmm.")
        #expect(result.text == "391")
    }

    // Small input 5: Mistral's parts, then text parts, then plain strings again.
    @Test func mistralThinkingPartsThenTextPartsThenStrings() async throws {
        let (result, _) = try await stream(
            WireShapes.openAI([
                WireShapes.delta(#""role":"assistant","content":"""#),
                WireShapes.delta(#""content":[{"type":"thinking","thinking":[{"type":"text","text":"17*23: 340+51"}]}]"#),
                WireShapes.delta(#""content":[{"type":"thinking","thinking":[{"type":"text","text":" = 391"}]}]"#),
                WireShapes.delta(#""content":[{"type":"text","text":"The answer is "}]"#),
                WireShapes.delta(#""content":"391.""#),
                WireShapes.delta(#""content":"""#, finish: "stop"),
                WireShapes.usage(prompt: 10, completion: 20),
            ]))
        #expect(result.error == nil)
        #expect(result.reasoning == "17*23: 340+51 = 391")
        #expect(result.text == "The answer is 391.")
        #expect(result.stops == ["stop"])
    }

    @Test func mistralThinkingPartsWithoutAnAnswer() async throws {
        let (result, _) = try await stream(
            WireShapes.openAI([
                WireShapes.delta(#""content":[{"type":"thinking","thinking":[{"type":"text","text":"Let me see"}]}]"#),
                WireShapes.delta(#""content":[{"type":"thinking","thinking":[{"type":"text","text":"..."}]}]"#, finish: "length"),
            ]))
        #expect(result.error == nil)
        #expect(result.reasoning == "Let me see...")
        #expect(result.text == "")
        #expect(result.stops == ["length"])
    }

    /// Neighbours of Mistral's shape: a thinking part whose content is a plain string, one part
    /// list holding thinking and text, and part types that carry no answer (references).
    @Test func mixedPartListsAndOtherPartTypes() async throws {
        let (result, _) = try await stream(
            WireShapes.openAI([
                WireShapes.delta(#""content":[{"type":"thinking","thinking":"plain thought. "}]"#),
                WireShapes.delta(
                    #""content":[{"type":"thinking","thinking":[{"type":"text","text":"More."}]},{"type":"text","text":"Yes"}]"#),
                WireShapes.delta(#""content":[{"type":"reference","reference_ids":[1]},{"type":"text","text":", 391."}]"#, finish: "stop"),
            ]))
        #expect(result.error == nil)
        #expect(result.reasoning == "plain thought. More.")
        #expect(result.text == "Yes, 391.")
    }

    /// Servers that ignore `stream: true` send the whole `chat.completion`: the reasoning is in
    /// `message` under either name, or in Mistral's parts.
    @Test(arguments: fields) func aWholeAnswerWithReasoning(field: String) async throws {
        let body = #"{"id":"c1","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"391","\#(field)":"340 + 51"},"finish_reason":"stop"}],"usage":{"prompt_tokens":9,"completion_tokens":12,"completion_tokens_details":{"reasoning_tokens":8},"prompt_tokens_details":{"cached_tokens":4}}}"#
        let (result, _) = try await stream([body], contentType: "application/json")
        #expect(result.error == nil)
        #expect(result.reasoning == "340 + 51")
        #expect(result.text == "391")
        #expect(result.stops == ["stop"])
        #expect(result.usage == TokenUsage(promptTokens: 9, completionTokens: 12, reasoningTokens: 8, cachedPromptTokens: 4))
    }

    @Test func aWholeMistralAnswerWithParts() async throws {
        let body = #"{"object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":[{"type":"thinking","thinking":[{"type":"text","text":"17*23"}]},{"type":"text","text":"391"}]},"finish_reason":"stop"}]}"#
        let (result, _) = try await stream([body], contentType: "application/json")
        #expect(result.error == nil)
        #expect(result.reasoning == "17*23")
        #expect(result.text == "391")
        #expect(result.usage == TokenUsage(completionTokens: 2, approximate: true))
    }

    @Test func cachedPromptTokensAreRead() async throws {
        let (result, _) = try await stream(
            WireShapes.openAI([
                WireShapes.delta(#""content":"ok""#, finish: "stop"),
                WireShapes.usage(prompt: 1000, completion: 1, cached: 768),
            ]))
        #expect(result.usage == TokenUsage(promptTokens: 1000, completionTokens: 1, cachedPromptTokens: 768))
    }

    /// The user saw the reasoning: a failure after it is not retried, or it would show twice.
    @Test func aFailureAfterReasoningIsNotRetried() async throws {
        let (result, requests) = try await stream(
            WireShapes.openAI(
                [
                    WireShapes.delta(#""content":null,"reasoning_content":"Thinking""#),
                    #"{"error":{"message":"upstream overloaded","type":"server_error"}}"#,
                ], done: false),
            retry: RetryPolicy(maxRetries: 2, jitter: 0))
        #expect(result.reasoning == "Thinking")
        #expect(result.providerError?.kind == .serverError)
        #expect(result.retries.isEmpty)
        #expect(requests == 1)
    }
}
