import Chorus
import Foundation
import Testing

@testable import ChorusProviders

/// The decision "which parameter did the server refuse" from a failed answer's body, one row per
/// shape a real server sends, and the neighbours that must not count as a refusal.
@Suite struct ParameterRefusalTests {
    static let openAI = [
        RefusableParameter("temperature"),
        RefusableParameter("max_tokens", instead: "sent as max_completion_tokens"),
        RefusableParameter("stream_options"),
        RefusableParameter("reasoning_effort"),
        RefusableParameter("seed"),
    ]
    static let anthropic = [RefusableParameter("temperature"), RefusableParameter("thinking", setting: "reasoning_effort")]

    /// (body, status, expected parameter name or nil, candidates)
    static let rows: [(String, Int, String?, [RefusableParameter])] = [
        // OpenAI's reasoning models.
        (#"{"error":{"message":"Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is supported.","type":"invalid_request_error","param":"temperature","code":"unsupported_value"}}"#, 400, "temperature", openAI),
        (#"{"error":{"message":"Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.","type":"invalid_request_error","param":"max_tokens","code":"unsupported_parameter"}}"#, 400, "max_tokens", openAI),
        // A gateway without stream_options: with param, and as a message only.
        (#"{"error":{"message":"Unknown parameter: 'stream_options'. (request id: 2024)","type":"invalid_request_error","param":"stream_options","code":"unknown_parameter"}}"#, 400, "stream_options", openAI),
        (#"{"error":{"message":"400 Bad Request: Unknown parameter: stream_options","type":"invalid_request_error"}}"#, 400, "stream_options", openAI),
        // Pydantic validation (Mistral's wrapper and a bare FastAPI detail), HTTP 422.
        (#"{"object":"error","message":{"detail":[{"type":"extra_forbidden","loc":["body","stream_options"],"msg":"Extra inputs are not permitted","input":null}]},"type":"invalid_request_error","param":null,"code":null}"#, 422, "stream_options", openAI),
        (#"{"detail":[{"type":"extra_forbidden","loc":["body","seed"],"msg":"Extra inputs are not permitted"}]}"#, 422, "seed", openAI),
        // Azure: a path in the message, and the older "unrecognized argument" without param.
        (#"{"error":{"message":"Validation error at #/stream_options: Extra inputs are not permitted","type":"invalid_request_error"}}"#, 400, "stream_options", openAI),
        (#"{"error":{"message":"Unrecognized request argument supplied: reasoning_effort","type":"invalid_request_error","param":null,"code":null}}"#, 400, "reasoning_effort", openAI),
        // Anthropic with extended thinking: the message names temperature first (and thinking later).
        (#"{"type":"error","error":{"type":"invalid_request_error","message":"`temperature` may only be set to 1 when thinking is enabled. Please consult our documentation at https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#important-considerations-when-using-extended-thinking"}}"#, 400, "temperature", anthropic),
        // A plain-text body.
        ("Unsupported parameter: temperature", 400, "temperature", openAI),
        // Not refusals: a limit too large (named, not refused), another status, a parameter not
        // sent, a refusal of something Chorus cannot drop, an empty body.
        (#"{"error":{"message":"max_tokens is too large: 5000. This model supports at most 4096 completion tokens, whereas you provided 5000.","type":"invalid_request_error","param":"max_tokens","code":null}}"#, 400, nil, openAI),
        (#"{"error":{"message":"Unsupported value: 'temperature'","param":"temperature","code":"unsupported_value"}}"#, 500, nil, openAI),
        (#"{"error":{"message":"Unsupported value: 'temperature'","param":"temperature","code":"unsupported_value"}}"#, 400, nil, [RefusableParameter("stream_options")]),
        (#"{"error":{"message":"Unsupported value: 'messages[0].role' does not support 'system' with this model.","param":"messages[0].role","code":"unsupported_value"}}"#, 400, nil, openAI),
        ("", 400, nil, openAI),
        // max_tokens is a whole word: max_completion_tokens does not name it.
        (#"{"error":{"message":"Unsupported parameter: max_completion_tokens"}}"#, 400, nil, openAI),
    ]

    @Test(arguments: 0..<rows.count) func findsTheRefusedParameter(_ row: Int) {
        let (body, status, expected, candidates) = Self.rows[row]
        let found = ParameterRefusal.refused(status: status, body: Array(body.utf8), among: candidates)
        #expect(found?.0.name == expected, "row \(row): \(body)")
    }

    @Test func eachParameterIsDroppedOnceAndRecordedWithTheServersMessage() {
        var refusal = ParameterRefusal()
        let body = Array(Self.rows[0].0.utf8)
        let first = refusal.failed(status: 400, body: body, refusable: Self.openAI)
        guard case .resend(let note) = first else {
            Issue.record("expected a resend, got \(first)")
            return
        }
        #expect(note.setting == "temperature")
        #expect(note.reason.hasPrefix("the server refused it (Unsupported value: 'temperature' does not support 0.2"))
        #expect(note.reason.hasSuffix("; sent without it"))
        #expect(refusal.adjustments.omits("temperature"))
        // The same refusal again (the server refuses something else under that name): give up.
        #expect(refusal.failed(status: 400, body: body, refusable: Self.openAI) == .fail)
    }

    @Test func theReplacementIsRecordedAsSuch() {
        var refusal = ParameterRefusal()
        let action = refusal.failed(status: 400, body: Array(Self.rows[1].0.utf8), refusable: Self.openAI)
        guard case .resend(let note) = action else {
            Issue.record("expected a resend, got \(action)")
            return
        }
        #expect(note.setting == "max_tokens")
        #expect(note.reason.hasSuffix("; sent as max_completion_tokens"))
    }

    @Test func modelQuirksMatchByPrefixOnTheLastPathComponent() {
        for name in [
            "gpt-5", "gpt-5-mini", "gpt-5-nano-2025-08-07", "gpt-5.1", "o1", "o1-mini", "o3-mini", "o4-mini", "o3-pro",
            "openai/gpt-5-mini", "azure/o3", "GPT-5-MINI",
        ] {
            #expect(ModelQuirks.forModel(name) == ModelQuirks(fixedTemperature: true, maxCompletionTokens: true), "\(name)")
        }
        for name in ["gpt-5-chat-latest", "gpt-4o-mini", "o10x-local", "qwen3:8b", "smollm2", "gpt-50", "openai/gpt-4.1"] {
            #expect(ModelQuirks.forModel(name) == .none, "\(name)")
        }
    }

    @Test func thinkingBudgetsFollowAnthropicsRules() {
        #expect(AnthropicThinkingBudget.tokens(for: .none) == nil, "none: no thinking")
        for effort in ReasoningEffort.allCases where effort != .none {
            guard let budget = AnthropicThinkingBudget.tokens(for: effort) else {
                Issue.record("\(effort) has no budget")
                continue
            }
            #expect(budget >= AnthropicThinkingBudget.minimum)
            for limit in [1, 64, budget, budget + 1, 100_000] {
                #expect(AnthropicThinkingBudget.maxTokens(limit: limit, budget: budget) > budget)
            }
        }
        #expect(AnthropicThinkingBudget.tokens(for: .minimal) == AnthropicThinkingBudget.minimum)
        #expect(AnthropicThinkingBudget.tokens(for: .low)! < AnthropicThinkingBudget.tokens(for: .medium)!)
        #expect(AnthropicThinkingBudget.tokens(for: .medium)! < AnthropicThinkingBudget.tokens(for: .high)!)
        #expect(AnthropicThinkingBudget.maxTokens(limit: 5000, budget: 4096) == 5000)
        #expect(AnthropicThinkingBudget.maxTokens(limit: 200, budget: 1024) == 1224)
    }
}
