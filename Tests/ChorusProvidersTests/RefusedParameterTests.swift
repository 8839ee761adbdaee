import Chorus
import FakeLLMServer
import Foundation
import Testing

@testable import ChorusProviders

/// Requests a model refuses, against the fake server playing each real server's 400: the call
/// sends the request again without the refused parameter (or with its replacement), once per
/// parameter and outside the retry budget (the harness's models never retry), records it as not
/// applied, and the answer arrives.
@Suite(.timeLimit(.minutes(1))) struct RefusedParameterTests {
    static func bodies(_ server: FakeLLMServer) -> [[String: Any]] {
        server.journal.requests.map { (try? JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [String: Any]) ?? [:] }
    }

    static func notApplied(_ result: Collected) -> [String] {
        result.chunks.compactMap { if case .notApplied(let setting, _) = $0 { setting } else { nil } }
    }

    @Test func aRefusedTemperatureIsDroppedAndRecorded() async throws {
        try await withHarness(script: FakeScript(refuse: [.temperature])) { h in
            let result = await collect(try h.openAI().stream(chatRequest(model: "some-reasoner+say=ok")))
            #expect(result.error == nil)
            #expect(result.text == "ok")
            #expect(Self.notApplied(result) == ["temperature"])
            let bodies = Self.bodies(h.server)
            #expect(h.server.journal.requests.map(\.status) == [400, 200])
            #expect(bodies[0]["temperature"] != nil && bodies[1]["temperature"] == nil)
            #expect(bodies[1]["max_tokens"] as? Int == 64)
        }
    }

    @Test func aRefusedMaxTokensIsSentAsMaxCompletionTokens() async throws {
        try await withHarness(script: FakeScript(refuse: [.maxTokens])) { h in
            let result = await collect(try h.openAI().stream(chatRequest(model: "some-reasoner+say=ok")))
            #expect(result.error == nil)
            #expect(Self.notApplied(result) == ["max_tokens"])
            let bodies = Self.bodies(h.server)
            #expect(bodies.count == 2)
            #expect(bodies[1]["max_tokens"] == nil)
            #expect(bodies[1]["max_completion_tokens"] as? Int == 64)
        }
    }

    @Test func bothRefusalsOneAfterTheOther() async throws {
        try await withHarness(script: FakeScript(refuse: [.temperature, .maxTokens])) { h in
            let result = await collect(try h.openAI().stream(chatRequest(model: "some-reasoner+say=ok")))
            #expect(result.error == nil)
            #expect(Self.notApplied(result) == ["temperature", "max_tokens"])
            #expect(h.server.journal.requests.map(\.status) == [400, 400, 200])
        }
    }

    @Test func aRefusedStreamOptionsIsDroppedAndUsageIsEstimated() async throws {
        try await withHarness(script: FakeScript(refuse: [.streamOptions])) { h in
            let result = await collect(try h.openAI().stream(chatRequest(model: "tokens-4+no-usage")))
            #expect(result.error == nil)
            #expect(Self.notApplied(result) == ["stream_options"])
            #expect(Self.bodies(h.server).last?["stream_options"] == nil)
            #expect(result.textChunks == 4)
        }
    }

    @Test func aRefusedReasoningEffortWithoutParamIsFoundInTheMessage() async throws {
        try await withHarness(script: FakeScript(refuse: [.reasoningEffort])) { h in
            var request = chatRequest(model: "say=ok")
            request.reasoningEffort = .high
            let result = await collect(try h.openAI().stream(request))
            #expect(result.error == nil)
            #expect(Self.notApplied(result) == ["reasoning_effort"])
            let bodies = Self.bodies(h.server)
            #expect(bodies.first?["reasoning_effort"] as? String == "high")
            #expect(bodies.last?["reasoning_effort"] == nil)
        }
    }

    @Test func directivesRefusePerRequest() async throws {
        try await withHarness { h in
            let result = await collect(try h.openAI().stream(chatRequest(model: "refuse-temperature+refuse-max-tokens+say=ok")))
            #expect(result.error == nil)
            #expect(Self.notApplied(result) == ["temperature", "max_tokens"])
        }
    }

    /// Issue 13, case 10's kind: a model the quirk table knows is sent right the first time.
    @Test func aKnownReasoningModelIsSentWithoutTemperatureAndWithMaxCompletionTokens() async throws {
        try await withHarness(script: FakeScript(refuse: [.temperature, .maxTokens])) { h in
            let result = await collect(try h.openAI().stream(chatRequest(model: "gpt-5-mini", maxTokens: 200)))
            #expect(result.error == nil)
            #expect(Self.notApplied(result) == ["temperature", "max_tokens"])
            #expect(h.server.journal.requests.map(\.status) == [200])
            let body = try #require(Self.bodies(h.server).first)
            #expect(body["temperature"] == nil && body["max_tokens"] == nil)
            #expect(body["max_completion_tokens"] as? Int == 200)
        }
    }

    @Test func aKnownModelAtTemperatureOneRecordsNothingForTemperature() async throws {
        try await withHarness { h in
            let result = await collect(try h.openAI().stream(chatRequest(model: "o3-mini", maxTokens: nil, temperature: 1)))
            #expect(result.error == nil)
            #expect(Self.notApplied(result).isEmpty)
            #expect(Self.bodies(h.server).first?["temperature"] == nil)
        }
    }

    @Test func aServerThatKeepsRefusingFailsWithItsMessageAfterOneResendPerParameter() async throws {
        let refusal = #"{"error":{"message":"Unsupported value: 'temperature' does not support 0.4 with this model.","type":"invalid_request_error","param":"temperature","code":"unsupported_value"}}"#
        let script = FakeScript.always(FakeResponse(status: 400, rawBody: refusal, contentType: "application/json"))
        try await withHarness(script: script) { h in
            let result = await collect(try h.openAI().stream(chatRequest(model: "m")))
            #expect(h.server.journal.requests.count == 2)
            #expect(result.providerError?.description.contains("Unsupported value") == true)
            expectOneClearLine(result.providerError, provider: .openai)
        }
    }

    @Test func seedIsSentOnlyWhenSet() async throws {
        try await withHarness { h in
            var request = chatRequest(model: "say=ok")
            _ = await collect(try h.openAI().stream(request))
            request.seed = 3
            _ = await collect(try h.openAI().stream(request))
            let bodies = Self.bodies(h.server)
            #expect(bodies[0]["seed"] == nil && bodies[0]["reasoning_effort"] == nil)
            #expect(bodies[1]["seed"] as? Int == 3)
        }
    }

    // MARK: - Anthropic

    @Test func anthropicThinkingGoesWithoutTemperatureWithABudgetBelowMaxTokens() async throws {
        try await withHarness(script: FakeScript(refuse: [.thinkingTemperature])) { h in
            var request = chatRequest(model: "say=ok", maxTokens: 200)
            request.reasoningEffort = .medium
            let result = await collect(try h.anthropic().stream(request))
            #expect(result.error == nil)
            #expect(Self.notApplied(result) == ["temperature", "max_tokens"])
            #expect(h.server.journal.requests.map(\.status) == [200])
            let body = try #require(Self.bodies(h.server).first)
            #expect(body["temperature"] == nil)
            let thinking = try #require(body["thinking"] as? [String: Any])
            #expect(thinking["type"] as? String == "enabled")
            #expect(thinking["budget_tokens"] as? Int == 2048)
            #expect(body["max_tokens"] as? Int == 2248)
        }
    }

    @Test func anthropicWithoutReasoningEffortSendsNoThinking() async throws {
        try await withHarness { h in
            let result = await collect(try h.anthropic().stream(chatRequest(model: "say=ok")))
            #expect(result.error == nil)
            let body = try #require(Self.bodies(h.server).first)
            #expect(body["thinking"] == nil)
            #expect(body["temperature"] as? Double == 0.4)
        }
    }

    @Test func anthropicRefusingTemperatureIsDroppedToo() async throws {
        let refusal = #"{"type":"error","error":{"type":"invalid_request_error","message":"`temperature` may only be set to 1 when thinking is enabled."}}"#
        let script = FakeScript(rules: [
            FakeScript.Rule(responses: [FakeResponse(status: 400, rawBody: refusal, contentType: "application/json"), .answer("ok")])
        ])
        try await withHarness(script: script) { h in
            let result = await collect(try h.anthropic().stream(chatRequest(model: "m")))
            #expect(result.error == nil)
            #expect(result.text == "ok")
            #expect(Self.notApplied(result) == ["temperature"])
            #expect(Self.bodies(h.server).last?["temperature"] == nil)
        }
    }
}
