import Chorus
import FakeLLMServer
import Foundation
import Testing

@testable import ChorusProviders

/// The Anthropic Messages provider against the fake server over real sockets.
@Suite(.timeLimit(.minutes(1))) struct AnthropicProviderTests {
    @Test func streamsTextAndUsageWithTheRightHeadersAndBody() async throws {
        try await withHarness { h in
            let model = try h.anthropic(extraHeaders: ["anthropic-beta": "tools-2024"])
            let result = await collect(model.stream(chatRequest(model: "say=Keep one service.", maxTokens: nil, temperature: 1.6)))
            #expect(result.error == nil)
            #expect(result.text == "Keep one service.")
            #expect(result.usage == TokenUsage(promptTokens: 9, completionTokens: 3, approximate: false))

            let request = try #require(h.server.journal.requests.first)
            #expect(request.path == "/v1/messages")
            #expect(request.headers["x-api-key"] == Harness.secretKey)
            #expect(request.headers["anthropic-version"] == "2023-06-01")
            #expect(request.headers["anthropic-beta"] == "tools-2024")
            #expect(request.headers["authorization"] == nil)
            #expect(request.maxTokens == 1024)  // required by Anthropic: defaulted
            #expect(request.temperature == 1.0)  // clamped to Anthropic's range
            #expect(request.outcome == .completed)

            let object = try #require(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])
            #expect(object["system"] as? String == "Focus on cost.")
            let messages = try #require(object["messages"] as? [[String: String]])
            #expect(messages == [["role": "user", "content": "Should a five-person startup use microservices?"]])
            #expect(object["stream"] as? Bool == true)
        }
    }

    @Test func baseURLWithOrWithoutV1ReachesMessages() async throws {
        try await withHarness { h in
            for base in [h.server.rootURL, h.server.rootURL + "/v1", h.server.rootURL + "/v1/"] {
                let model = try AnthropicModel(
                    settings: ProviderSettings(kind: .anthropic, baseURL: base, retry: .never), http: h.http
                )
                #expect(model.chatURL == h.server.rootURL + "/v1/messages")
            }
        }
    }

    @Test func withoutUsageTheCountIsApproximate() async throws {
        try await withHarness { h in
            let result = await collect(try h.anthropic().stream(chatRequest(model: "tokens-6+no-usage")))
            #expect(result.error == nil)
            #expect(result.usage == TokenUsage(completionTokens: 6, approximate: true))
        }
    }

    @Test func aStopReasonWithoutMessageStopIsComplete() async throws {
        try await withHarness { h in
            let result = await collect(try h.anthropic().stream(chatRequest(model: "tokens-4+no-done")))
            #expect(result.error == nil)
            #expect(result.textChunks == 4)
        }
    }

    @Test func anOverloadedErrorEventFailsWithTheServersMessage() async throws {
        let script = FakeScript.always(
            FakeResponse(errorMessage: "Overloaded", errorType: "overloaded_error", tokens: 6, ending: .errorEvent, endAfter: 2)
        )
        try await withHarness(script: script) { h in
            let result = await collect(try h.anthropic(retry: RetryPolicy(maxRetries: 2, jitter: 0)).stream(chatRequest(model: "m")))
            #expect(result.textChunks == 2)
            let error = try #require(result.providerError)
            #expect(error.kind == .serverError)
            #expect(error.summary.contains("overloaded_error"))
            #expect(error.detail == "Overloaded")
            #expect(result.retries.isEmpty)  // text had started: never retried
            #expect(h.server.journal.requests.count == 1)
            expectOneClearLine(error, provider: .anthropic)
        }
    }

    @Test func aStreamEndingWithoutMessageStopIsTruncated() async throws {
        try await withHarness { h in
            let result = await collect(try h.anthropic().stream(chatRequest(model: "tokens-6+close-after-2")))
            #expect(result.textChunks == 2)
            let error = try #require(result.providerError)
            #expect(error.kind == .truncated)
            #expect(error.description.contains("message_stop"))
            expectOneClearLine(error, provider: .anthropic)
        }
    }

    @Test func malformedEventFails() async throws {
        try await withHarness { h in
            let result = await collect(try h.anthropic().stream(chatRequest(model: "tokens-6+malformed-after-1")))
            #expect(result.textChunks == 1)
            #expect(result.providerError?.kind == .malformedResponse)
        }
    }

    @Test func splitUTF8ArrivesWhole() async throws {
        try await withHarness { h in
            let result = await collect(try h.anthropic().stream(chatRequest(model: "split-utf8")))
            #expect(result.error == nil)
            #expect(result.text == "Grüße aus Zürich: 你好世界, naïve café, 🎉🚀 and ✓ done.")
        }
    }

    @Test func nonStreamingMessageIsAccepted() async throws {
        try await withHarness { h in
            let result = await collect(try h.anthropic().stream(chatRequest(model: "json+say=Lyon")))
            #expect(result.error == nil)
            #expect(result.text == "Lyon")
            #expect(result.usage?.approximate == false)
        }
    }

    @Test func statusErrorsAreActionable() async throws {
        try await withHarness { h in
            let model = try h.anthropic()
            let unauthorized = try #require(await collect(model.stream(chatRequest(model: "fail-401"))).providerError)
            #expect(unauthorized.kind == .unauthorized)
            #expect(unauthorized.fix.contains("ANTHROPIC_API_KEY"))
            #expect(unauthorized.detail == "Incorrect API key provided: [redacted]")
            expectOneClearLine(unauthorized, provider: .anthropic)

            let overloaded = try #require(await collect(model.stream(chatRequest(model: "fail-529"))).providerError)
            #expect(overloaded.kind == .serverError)
            #expect(overloaded.description.contains("HTTP 529 overloaded"))
            expectOneClearLine(overloaded, provider: .anthropic)

            let notFound = try #require(await collect(model.stream(chatRequest(model: "fail-404"))).providerError)
            #expect(notFound.kind == .notFound)
            expectOneClearLine(notFound, provider: .anthropic)
        }
    }

    @Test func cancellingMidStreamClosesTheConnection() async throws {
        try await withHarness { h in
            let model = try h.anthropic()
            let (first, gotIt) = AsyncStream.makeStream(of: Void.self)
            let consumer = Task {
                defer { gotIt.finish() }
                for try await chunk in model.stream(chatRequest(model: "tokens-10+stall-after-1")) {
                    if case .text = chunk { gotIt.yield() }
                }
            }
            for await _ in first { break }
            consumer.cancel()
            _ = try? await consumer.value
            await h.server.journal.waitUntil { $0.requests.first?.outcome == .clientClosed }
            #expect(h.server.journal.requests.first?.outcome == .clientClosed)
        }
    }

    @Test func systemMessagesAreJoinedAndConsecutiveRolesMerged() throws {
        let request = ChatRequest(
            messages: [.system("A"), .user("one"), .system("B"), .user("two"), ChatMessage(role: .assistant, content: "x")],
            temperature: -1, model: "claude"
        )
        let body = try AnthropicWire(settings: ProviderSettings(kind: .anthropic, defaultMaxTokens: 77)).requestBody(for: request)
        let object = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        #expect(object["system"] as? String == "A\n\nB")
        #expect(object["max_tokens"] as? Int == 77)
        #expect(object["temperature"] as? Double == 0)
        let messages = try #require(object["messages"] as? [[String: String]])
        #expect(messages == [["role": "user", "content": "one\n\ntwo"], ["role": "assistant", "content": "x"]])
    }
}
