import Chorus
import FakeLLMServer
import Foundation
import Testing

@testable import ChorusProviders

/// The OpenAI-compatible provider against the fake server over real sockets: the happy path,
/// then every fault a real server (or network) can produce.
@Suite(.timeLimit(.minutes(1))) struct OpenAIProviderTests {
    @Test func streamsTextAndUsageAndSendsWhatTheServerNeeds() async throws {
        try await withHarness { h in
            let model = try h.openAI(extraHeaders: ["X-Title": "chorus-tests"])
            let result = await collect(model.stream(chatRequest(model: "say=Keep one service for now.")))
            #expect(result.error == nil)
            #expect(result.text == "Keep one service for now.")
            #expect(result.textChunks == 5)
            #expect(result.usage == TokenUsage(promptTokens: 9, completionTokens: 5, approximate: false))

            let request = try #require(h.server.journal.requests.first)
            #expect(request.path == "/v1/chat/completions")
            #expect(request.headers["authorization"] == "Bearer \(Harness.secretKey)")
            #expect(request.headers["x-title"] == "chorus-tests")
            #expect(request.headers["content-type"] == "application/json")
            #expect(request.systemText == "Focus on cost.")
            #expect(request.userText == "Should a five-person startup use microservices?")
            #expect(request.stream == true)
            #expect(request.temperature == 0.4)
            #expect(request.maxTokens == 64)
            #expect(request.body.contains(#""include_usage":true"#))
            #expect(request.outcome == .completed)
        }
    }

    @Test func focusAreaIsSentAsTheFirstSystemMessage() async throws {
        try await withHarness { h in
            _ = await collect(try h.openAI().stream(chatRequest(model: "m", focus: "Focus on risk.")))
            let body = try #require(h.server.journal.requests.first?.body)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            let messages = try #require(object["messages"] as? [[String: String]])
            #expect(messages.first == ["role": "system", "content": "Focus on risk."])
            #expect(messages.last?["role"] == "user")
        }
    }

    @Test func noAPIKeyMeansNoAuthorizationHeader() async throws {
        try await withHarness { h in
            let result = await collect(try h.openAI(key: nil).stream(chatRequest(model: "tokens-3")))
            #expect(result.error == nil)
            #expect(h.server.journal.requests.first?.headers["authorization"] == nil)
        }
    }

    @Test func withoutServerUsageOneTokenPerChunkIsReportedAsApproximate() async throws {
        try await withHarness { h in
            let result = await collect(try h.openAI().stream(chatRequest(model: "tokens-7+no-usage")))
            #expect(result.error == nil)
            #expect(result.textChunks == 7)
            #expect(result.usage == TokenUsage(promptTokens: nil, completionTokens: 7, approximate: true))
        }
    }

    @Test func aFinishReasonWithoutDoneIsComplete() async throws {
        try await withHarness { h in
            let withUsage = await collect(try h.openAI().stream(chatRequest(model: "tokens-4+no-done")))
            #expect(withUsage.error == nil)
            #expect(withUsage.textChunks == 4)
            #expect(withUsage.usage?.approximate == false)
            let bare = await collect(try h.openAI().stream(chatRequest(model: "tokens-4+no-done+no-usage")))
            #expect(bare.error == nil)
            #expect(bare.usage == TokenUsage(completionTokens: 4, approximate: true))
        }
    }

    @Test func aMultiByteCharacterSplitAcrossChunksArrivesWhole() async throws {
        try await withHarness { h in
            let result = await collect(try h.openAI().stream(chatRequest(model: "split-utf8")))
            #expect(result.error == nil)
            #expect(result.text == "Grüße aus Zürich: 你好世界, naïve café, 🎉🚀 and ✓ done.")
            #expect(!result.text.contains("\u{FFFD}"))
        }
    }

    @Test func aNonStreamingJSONAnswerIsAccepted() async throws {
        try await withHarness { h in
            let result = await collect(try h.openAI().stream(chatRequest(model: "json+say=Paris")))
            #expect(result.error == nil)
            #expect(result.text == "Paris")
            #expect(result.usage?.completionTokens == 1)
        }
    }

    @Test func aVeryLongAnswerArrivesComplete() async throws {
        try await withHarness { h in
            let result = await collect(try h.openAI().stream(chatRequest(model: "long")))
            #expect(result.error == nil)
            #expect(result.textChunks == 5000)
            #expect(result.text.split(separator: " ").count == 5000)
        }
    }

    @Test func aStreamThatEndsWithoutDoneOrFinishReasonIsTruncated() async throws {
        try await withHarness { h in
            let result = await collect(try h.openAI().stream(chatRequest(model: "tokens-10+close-after-3")))
            #expect(result.textChunks == 3)
            #expect(result.providerError?.kind == .truncated)
            expectOneClearLine(result.providerError, provider: .openai)
            #expect(result.providerError?.description.contains("[DONE]") == true)
        }
    }

    /// The chunks just before the drop may be lost with the connection (AsyncHTTPClient drops
    /// body parts it had not handed over when the connection fails), so only an upper bound.
    @Test func aConnectionDroppedMidStreamIsReported() async throws {
        try await withHarness { h in
            let result = await collect(try h.openAI().stream(chatRequest(model: "tokens-10+interval-20+drop-after-3")))
            #expect(result.textChunks <= 3)
            #expect(h.server.journal.requests.first?.tokensSent == 3)
            #expect(h.server.journal.requests.first?.outcome == .serverClosed)
            #expect(result.providerError?.kind == .connectionLost, "\(String(describing: result.error))")
            expectOneClearLine(result.providerError, provider: .openai)
        }
    }

    @Test func malformedJSONInTheStreamFails() async throws {
        try await withHarness { h in
            let result = await collect(try h.openAI().stream(chatRequest(model: "tokens-10+malformed-after-2")))
            #expect(result.textChunks == 2)
            #expect(result.providerError?.kind == .malformedResponse)
            expectOneClearLine(result.providerError, provider: .openai)
        }
    }

    @Test func anErrorChunkAfterHTTP200FailsWithTheServersMessage() async throws {
        let script = FakeScript.always(
            FakeResponse(errorMessage: "context length exceeded", tokens: 5, ending: .errorEvent, endAfter: 2)
        )
        try await withHarness(script: script) { h in
            let result = await collect(try h.openAI().stream(chatRequest(model: "m")))
            #expect(result.textChunks == 2)
            let error = try #require(result.providerError)
            #expect(error.kind == .serverError)  // type server_error: transient, but text had started
            #expect(error.detail == "context length exceeded")
            #expect(error.status == 200)
            expectOneClearLine(error, provider: .openai)
        }
    }

    @Test func anHTMLPageInsteadOfAStreamIsMalformed() async throws {
        try await withHarness { h in
            let result = await collect(try h.openAI().stream(chatRequest(model: "html")))
            let error = try #require(result.providerError)
            #expect(error.kind == .malformedResponse)
            #expect(error.description.contains("not an event stream"))
            expectOneClearLine(error, provider: .openai)
        }
    }

    @Test func unauthorizedNamesTheKeyVariableAndNeverTheKey() async throws {
        try await withHarness { h in
            let result = await collect(try h.openAI().stream(chatRequest(model: "fail-401")))
            let error = try #require(result.providerError)
            #expect(error.kind == .unauthorized)
            #expect(error.status == 401)
            #expect(error.fix.contains("OPENAI_API_KEY"))
            // The fake server echoes the key it got, as a careless server might.
            #expect(error.detail == "Incorrect API key provided: [redacted]")
            expectOneClearLine(error, provider: .openai)

            let custom = try OpenAICompatibleModel(
                settings: ProviderSettings(
                    kind: .openai, baseURL: h.server.baseURL, apiKey: nil, apiKeyVariable: "GROQ_API_KEY", retry: .never
                ),
                http: h.http
            )
            let missing = await collect(custom.stream(chatRequest(model: "fail-401")))
            #expect(missing.providerError?.fix == "set GROQ_API_KEY (no API key was sent)")
        }
    }

    @Test func notFoundNamesTheModel() async throws {
        try await withHarness { h in
            let result = await collect(try h.openAI().stream(chatRequest(model: "fail-404")))
            let error = try #require(result.providerError)
            #expect(error.kind == .notFound)
            #expect(error.fix.contains("'fail-404'"))
            #expect(error.detail == "The model 'fail-404' does not exist")
            expectOneClearLine(error, provider: .openai)
        }
    }

    @Test func badRequestCarriesTheServersMessage() async throws {
        let script = FakeScript.always(.failure(400, message: "max_tokens is too large: 99999"))
        try await withHarness(script: script) { h in
            let result = await collect(try h.openAI().stream(chatRequest(model: "m")))
            let error = try #require(result.providerError)
            #expect(error.kind == .badRequest)
            #expect(error.description.contains("HTTP 400"))
            #expect(error.description.contains("max_tokens is too large: 99999"))
            expectOneClearLine(error, provider: .openai)
        }
    }

    @Test func serverErrorWithoutRetriesFails() async throws {
        try await withHarness { h in
            let result = await collect(try h.openAI().stream(chatRequest(model: "fail-503")))
            #expect(result.providerError?.kind == .serverError)
            #expect(result.providerError?.status == 503)
            #expect(h.server.journal.requests.count == 1)
        }
    }

    @Test func hostileServerTextCannotBreakTheLine() async throws {
        let script = FakeScript.always(.failure(400, message: "bad\nrequest\u{1B}[31m red \r\n\t end"))
        try await withHarness(script: script) { h in
            let error = try #require(await collect(try h.openAI().stream(chatRequest(model: "m"))).providerError)
            #expect(error.detail == "bad request [31m red end")
            expectOneClearLine(error, provider: .openai)
        }
    }

    @Test func cancellingMidStreamClosesTheConnection() async throws {
        try await withHarness { h in
            let model = try h.openAI()
            let (firstTwo, gotThem) = AsyncStream.makeStream(of: Void.self)
            let consumer = Task {
                defer { gotThem.finish() }  // never leave the test waiting if the stream ends early
                var count = 0
                for try await chunk in model.stream(chatRequest(model: "tokens-10+stall-after-2")) {
                    if case .text = chunk { count += 1 }
                    if count == 2 { gotThem.yield() }
                }
                return count
            }
            for await _ in firstTwo { break }
            #expect(h.server.journal.requests.first?.outcome == .open)
            consumer.cancel()
            _ = try? await consumer.value
            await h.server.journal.waitUntil { $0.requests.first?.outcome == .clientClosed }
            #expect(h.server.journal.requests.first?.outcome == .clientClosed)
            #expect(h.server.journal.requests.first?.tokensSent == 2)
        }
    }

    @Test func cancellingBeforeTheHeadClosesTheConnection() async throws {
        try await withHarness { h in
            let model = try h.openAI()
            let consumer = Task { await collect(model.stream(chatRequest(model: "delay-60000"))) }
            await h.server.journal.waitUntil { $0.openNow == 1 }
            consumer.cancel()
            let result = await consumer.valueOrCancel
            #expect(result.chunks.isEmpty)
            #expect(result.error is CancellationError || result.error == nil)
            await h.server.journal.waitUntil { $0.requests.first?.outcome == .clientClosed }
            #expect(h.server.journal.requests.first?.outcome == .clientClosed)
        }
    }

    @Test func baseURLWithoutPathGetsV1() async throws {
        try await withHarness { h in
            let model = try h.openAI(baseURL: h.server.rootURL + "/")
            #expect(model.chatURL == h.server.baseURL + "/chat/completions")
            let result = await collect(model.stream(chatRequest(model: "tokens-2")))
            #expect(result.error == nil)
            #expect(h.server.journal.requests.first?.path == "/v1/chat/completions")
        }
    }
}
