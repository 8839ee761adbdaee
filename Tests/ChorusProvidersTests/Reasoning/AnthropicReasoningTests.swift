import Chorus
import FakeLLMServer
import Foundation
import Testing

@testable import ChorusProviders

/// Extended thinking on Anthropic's wire: `thinking` blocks (`thinking_delta`s, then a
/// `signature_delta` that is not text), `redacted_thinking` blocks, with and without a text
/// block after them, streamed and whole. Shapes as Anthropic's "Building with extended
/// thinking" documentation shows them, sent byte for byte.
@Suite(.timeLimit(.minutes(1))) struct AnthropicReasoningTests {
    typealias W = WireShapes

    func stream(_ pieces: [String], contentType: String = "text/event-stream", retry: RetryPolicy = .never) async throws
        -> (Collected, Int)
    {
        try await withHarness(script: .always(.raw(pieces, contentType: contentType))) { h in
            let result = await collect(try h.anthropic(retry: retry).stream(chatRequest(model: "m")))
            return (result, h.server.journal.requests.count)
        }
    }

    // Small input 2: only a thinking block, the budget runs out.
    @Test func onlyAThinkingBlockCutAtMaxTokens() async throws {
        let (result, _) = try await stream(
            W.anthropic([
                W.messageStart(),
                W.blockStart(0, #"{"type":"thinking","thinking":"","signature":""}"#),
                W.thinking(0, "17*23: 17*20 = 340,"),
                W.thinking(0, " 17*3 = 51, so 340 + 5"),
                W.signature(0),
                W.blockStop(0),
                W.messageDelta("max_tokens", output: 64),
                W.messageStop,
            ]))
        #expect(result.error == nil)
        #expect(result.text == "")
        #expect(result.reasoning == "17*23: 17*20 = 340, 17*3 = 51, so 340 + 5")
        #expect(!result.reasoning.contains("EqQB"))  // the signature is not reasoning either
        #expect(result.stops == ["max_tokens"])
        #expect(result.usage == TokenUsage(promptTokens: 12, completionTokens: 64))
    }

    @Test func aThinkingBlockThenTheAnswer() async throws {
        let (result, _) = try await stream(
            W.anthropic([
                W.messageStart(input: 30, cacheRead: 100),
                W.blockStart(0, #"{"type":"thinking","thinking":""}"#),
                W.thinking(0, "340 + 51 = 391."),
                W.signature(0),
                W.blockStop(0),
                W.blockStart(1, #"{"type":"text","text":""}"#),
                W.textDelta(1, "The answer is "),
                W.textDelta(1, "391."),
                W.blockStop(1),
                W.messageDelta("end_turn", output: 40),
                W.messageStop,
            ]))
        #expect(result.error == nil)
        #expect(result.reasoning == "340 + 51 = 391.")
        #expect(result.text == "The answer is 391.")
        #expect(result.stops == ["end_turn"])
        // Anthropic counts cache reads apart from input_tokens; the prompt total includes them.
        #expect(result.usage == TokenUsage(promptTokens: 130, completionTokens: 40, cachedPromptTokens: 100))
    }

    /// A redacted block leaves one placeholder, however long its encrypted data; a later
    /// thinking block starts a new paragraph of the reasoning.
    @Test func redactedThinkingLeavesOnePlaceholderPerBlock() async throws {
        let (result, _) = try await stream(
            W.anthropic([
                W.messageStart(),
                W.blockStart(0, #"{"type":"thinking","thinking":""}"#),
                W.thinking(0, "First thought."),
                W.signature(0),
                W.blockStop(0),
                W.blockStart(1, #"{"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP"}"#),
                W.blockStop(1),
                W.blockStart(2, #"{"type":"redacted_thinking","data":"AAAA"}"#),
                W.blockStop(2),
                W.blockStart(3, #"{"type":"thinking","thinking":""}"#),
                W.thinking(3, "Second thought."),
                W.blockStop(3),
                W.blockStart(4, #"{"type":"text","text":""}"#),
                W.textDelta(4, "391"),
                W.blockStop(4),
                W.messageDelta("end_turn", output: 40),
                W.messageStop,
            ]))
        #expect(result.error == nil)
        #expect(result.reasoning == "First thought.\n\n[redacted thinking]\n\n[redacted thinking]\n\nSecond thought.")
        #expect(result.text == "391")
    }

    @Test func onlyRedactedThinkingIsStillReasoning() async throws {
        let (result, _) = try await stream(
            W.anthropic([
                W.messageStart(),
                W.blockStart(0, #"{"type":"redacted_thinking","data":"EmwK"}"#),
                W.blockStop(0),
                W.messageDelta("max_tokens", output: 64),
                W.messageStop,
            ]))
        #expect(result.reasoning == "[redacted thinking]")
        #expect(result.text == "")
        #expect(result.stops == ["max_tokens"])
    }

    /// A block may open with content already in it (the API sends "" today; a proxy may not).
    @Test func contentInABlockStartIsKept() async throws {
        let (result, _) = try await stream(
            W.anthropic([
                W.messageStart(),
                W.blockStart(0, #"{"type":"thinking","thinking":"Opening thought. "}"#),
                W.thinking(0, "More."),
                W.blockStart(1, #"{"type":"text","text":"The answer: "}"#),
                W.textDelta(1, "391"),
                W.messageDelta("end_turn", output: 9),
                W.messageStop,
            ]))
        #expect(result.reasoning == "Opening thought. More.")
        #expect(result.text == "The answer: 391")
    }

    @Test func aWholeMessageWithThinkingRedactedAndText() async throws {
        let body = #"{"id":"msg_1","type":"message","role":"assistant","model":"claude","content":[{"type":"thinking","thinking":"340 + 51.","signature":"EqQB"},{"type":"redacted_thinking","data":"EmwK"},{"type":"text","text":"391"}],"stop_reason":"end_turn","usage":{"input_tokens":10,"output_tokens":30,"cache_read_input_tokens":5}}"#
        let (result, _) = try await stream([body], contentType: "application/json")
        #expect(result.error == nil)
        #expect(result.reasoning == "340 + 51.\n\n[redacted thinking]")
        #expect(result.text == "391")
        #expect(result.stops == ["end_turn"])
        #expect(result.usage == TokenUsage(promptTokens: 15, completionTokens: 30, cachedPromptTokens: 5))
    }

    @Test func aWholeMessageWithOnlyThinking() async throws {
        let body = #"{"type":"message","content":[{"type":"thinking","thinking":"Hmm","signature":"x"}],"stop_reason":"max_tokens","usage":{"input_tokens":10,"output_tokens":64}}"#
        let (result, _) = try await stream([body], contentType: "application/json")
        #expect(result.error == nil)
        #expect(result.reasoning == "Hmm")
        #expect(result.text == "")
        #expect(result.stops == ["max_tokens"])
    }

    /// The user saw the thinking: an overloaded error after it is not retried.
    @Test func anErrorAfterThinkingIsNotRetried() async throws {
        let (result, requests) = try await stream(
            W.anthropic([
                W.messageStart(),
                W.blockStart(0, #"{"type":"thinking","thinking":""}"#),
                W.thinking(0, "Thinking"),
                ("error", #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#),
            ]),
            retry: RetryPolicy(maxRetries: 2, jitter: 0))
        #expect(result.reasoning == "Thinking")
        #expect(result.providerError?.kind == .serverError)
        #expect(result.retries.isEmpty)
        #expect(requests == 1)
    }
}
