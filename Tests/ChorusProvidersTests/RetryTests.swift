import Chorus
import ChorusTestSupport
import FakeLLMServer
import Testing

@testable import ChorusProviders

/// Retries against the fake server, timed on a manual clock: no test waits in real time for
/// a backoff, and each test checks the wait was exactly the one asked for.
@Suite(.timeLimit(.minutes(1))) struct RetryTests {
    static let policy = RetryPolicy(maxRetries: 2, initialBackoff: .milliseconds(500), maxBackoff: .seconds(8), jitter: 0)

    /// Starts consuming `stream` in a task, so the test can drive the clock meanwhile.
    private func consume(_ stream: AsyncThrowingStream<ChatChunk, any Error>) -> Task<Collected, Never> {
        Task { await collect(stream) }
    }

    @Test func rateLimitWithRetryAfterWaitsExactlyThatLongThenSucceeds() async throws {
        let script = FakeScript(rules: [
            .init(responses: [.failure(429, retryAfter: "2"), .answer("Done after a wait.")])
        ])
        try await withHarness(script: script) { h in
            let clock = ManualClock()
            let task = consume(try h.openAI(retry: Self.policy, clock: clock).stream(chatRequest(model: "m")))
            #expect(await clock.waitForSleepers(1, timeout: sleeperWait))
            #expect(h.server.journal.requests.count == 1)

            await clock.advance(by: .milliseconds(1999))
            #expect(clock.sleeperCount == 1)
            #expect(h.server.journal.requests.count == 1)

            await clock.advance(by: .milliseconds(1))
            let result = await task.valueOrCancel
            #expect(result.error == nil)
            #expect(result.text == "Done after a wait.")
            #expect(result.retries == [2])
            #expect(result.retryReasons.first?.contains("HTTP 429 rate limited") == true)
            #expect(result.retryReasons.first?.contains("in 2 s") == true)
            #expect(h.server.journal.requests.count == 2)
        }
    }

    @Test func retryAfterMillisecondsWinsOverRetryAfter() async throws {
        let first = FakeResponse(status: 503, retryAfter: "20", retryAfterMs: 250)
        let script = FakeScript(rules: [.init(responses: [first, .answer("ok")])])
        try await withHarness(script: script) { h in
            let clock = ManualClock()
            let task = consume(try h.openAI(retry: Self.policy, clock: clock).stream(chatRequest(model: "m")))
            #expect(await clock.waitForSleepers(1, timeout: sleeperWait))
            await clock.advance(by: .milliseconds(249))
            #expect(clock.sleeperCount == 1)
            await clock.advance(by: .milliseconds(1))
            let result = await task.valueOrCancel
            #expect(result.text == "ok")
            #expect(result.retries == [2])
        }
    }

    @Test func exponentialBackoffThenSuccess() async throws {
        try await withHarness { h in
            let clock = ManualClock()
            let task = consume(try h.openAI(retry: Self.policy, clock: clock).stream(chatRequest(model: "fail-first-2+tokens-3")))
            // First retry after 0.5 s...
            #expect(await clock.waitForSleepers(1, timeout: sleeperWait))
            await clock.advance(by: .milliseconds(499))
            #expect(h.server.journal.requests.count == 1)
            await clock.advance(by: .milliseconds(1))
            // ...the second after 1 s.
            #expect(await clock.waitForSleepers(1, timeout: sleeperWait))
            #expect(h.server.journal.requests.count == 2)
            await clock.advance(by: .milliseconds(999))
            #expect(h.server.journal.requests.count == 2)
            await clock.advance(by: .milliseconds(1))
            let result = await task.valueOrCancel
            #expect(result.error == nil)
            #expect(result.textChunks == 3)
            #expect(result.retries == [2, 3])
            #expect(h.server.journal.requests.map(\.status) == [500, 500, 200])
        }
    }

    @Test func retriesRunOutWithAClearMessage() async throws {
        try await withHarness { h in
            let clock = ManualClock()
            let task = consume(try h.anthropic(retry: Self.policy, clock: clock).stream(chatRequest(model: "fail-529")))
            #expect(await clock.waitForSleepers(1, timeout: sleeperWait))
            await clock.advance(by: .milliseconds(500))
            #expect(await clock.waitForSleepers(1, timeout: sleeperWait))
            await clock.advance(by: .seconds(1))
            let result = await task.valueOrCancel
            let error = try #require(result.providerError)
            #expect(error.kind == .serverError)
            #expect(error.description.contains("HTTP 529 overloaded (after 2 retries)"))
            #expect(result.retries == [2, 3])
            #expect(h.server.journal.requests.count == 3)
            expectOneClearLine(error, provider: .anthropic)
        }
    }

    @Test func anErrorEventBeforeAnyTextIsRetried() async throws {
        let overloaded = FakeResponse(errorMessage: "Overloaded", errorType: "overloaded_error", ending: .errorEvent, endAfter: 0)
        let script = FakeScript(rules: [.init(responses: [overloaded, .answer("Fine now.")])])
        try await withHarness(script: script) { h in
            let clock = ManualClock()
            let task = consume(try h.anthropic(retry: Self.policy, clock: clock).stream(chatRequest(model: "m")))
            #expect(await clock.waitForSleepers(1, timeout: sleeperWait))
            await clock.advance(by: .milliseconds(500))
            let result = await task.valueOrCancel
            #expect(result.error == nil)
            #expect(result.text == "Fine now.")
            #expect(result.retries == [2])
        }
    }

    /// An overload error (transient, so retried before any text) after two chunks: not
    /// retried, because the worker already shows those chunks. A real clock with 1 ms backoff,
    /// so a wrong retry shows up in the result instead of waiting on a manual clock.
    @Test func anErrorAfterTheFirstChunkIsNeverRetried() async throws {
        try await withHarness { h in
            let quick = RetryPolicy(maxRetries: 2, initialBackoff: .milliseconds(1), jitter: 0)
            let result = await collect(try h.openAI(retry: quick).stream(chatRequest(model: "tokens-9+overloaded-after-2")))
            #expect(result.textChunks == 2)
            #expect(result.providerError?.kind == .serverError)
            #expect(result.providerError?.isTransient == true)
            #expect(result.retries.isEmpty)
            #expect(h.server.journal.requests.count == 1)
        }
    }

    @Test func aRetryAfterBeyondTheCapFailsAtOnce() async throws {
        try await withHarness { h in
            let clock = ManualClock()
            let result = await collect(
                try h.openAI(retry: Self.policy, clock: clock).stream(chatRequest(model: "fail-429+retry-after-3600"))
            )
            let error = try #require(result.providerError)
            #expect(error.kind == .rateLimited)
            #expect(error.description.contains("the server asks to wait 3600 s"))
            #expect(result.retries.isEmpty)
            #expect(clock.sleeperCount == 0)
            expectOneClearLine(error, provider: .openai)
        }
    }

    @Test func shouldRetryHeaderOverridesTheStatus() async throws {
        try await withHarness { h in
            let clock = ManualClock()
            let refused = await collect(
                try h.openAI(retry: Self.policy, clock: clock).stream(chatRequest(model: "fail-503+no-retry"))
            )
            #expect(refused.providerError?.status == 503)
            #expect(refused.retries.isEmpty)

            let task = consume(
                try h.openAI(retry: Self.policy, clock: clock).stream(chatRequest(model: "fail-400+should-retry+fail-first-1"))
            )
            #expect(await clock.waitForSleepers(1, timeout: sleeperWait))
            await clock.advance(by: .milliseconds(500))
            let retried = await task.valueOrCancel
            #expect(retried.error == nil)
            #expect(retried.retries == [2])
        }
    }

    @Test func cancellingDuringALongRetryAfterEndsPromptly() async throws {
        try await withHarness { h in
            let clock = ManualClock()
            let task = consume(
                try h.openAI(retry: Self.policy, clock: clock).stream(chatRequest(model: "fail-429+retry-after-30"))
            )
            #expect(await clock.waitForSleepers(1, timeout: sleeperWait))
            task.cancel()
            let result = await task.valueOrCancel  // returns without the clock ever moving
            #expect(result.textChunks == 0)
            #expect(result.retries == [2])
            #expect(clock.sleeperCount == 0)
            #expect(h.server.journal.requests.count == 1)
        }
    }

    @Test func connectionRefusedIsRetriedThenReported() async throws {
        let refusing = try RefusingPort()
        defer { withExtendedLifetime(refusing) {} }
        let port = refusing.port
        let http = ProviderHTTPClient(maxConnectionsPerHost: 2)
        let clock = ManualClock()
        let model = try OpenAICompatibleModel(
            settings: ProviderSettings(kind: .openai, baseURL: "http://127.0.0.1:\(port)/v1", retry: Self.policy),
            http: http, clock: clock
        )
        let task = Task { await collect(model.stream(chatRequest(model: "m"))) }
        #expect(await clock.waitForSleepers(1, timeout: sleeperWait))
        await clock.advance(by: .milliseconds(500))
        #expect(await clock.waitForSleepers(1, timeout: sleeperWait))
        await clock.advance(by: .seconds(1))
        let result = await task.valueOrCancel
        try await http.shutdown()
        let error = try #require(result.providerError)
        #expect(error.kind == .connectionRefused)
        #expect(error.isUnreachable)
        #expect(result.retries == [2, 3])
        #expect(error.description.contains("nothing listens at 127.0.0.1:\(port)"))
    }
}

/// The retry rules without a server.
@Suite struct RetryStateMachineTests {
    private let error = ProviderError(
        kind: .rateLimited, provider: .openai, url: "http://x/v1/chat/completions", status: 429,
        summary: "HTTP 429 rate limited", fix: "wait"
    )

    @Test func jitterShortensTheBackoffByAtMostItsFraction() {
        var machine = RetryStateMachine(policy: RetryPolicy(maxRetries: 3, initialBackoff: .seconds(1), jitter: 0.25))
        #expect(machine.attemptFailed(error, hint: .none, textStarted: false, random: 1) == .retry(
            attempt: 2, delay: .milliseconds(750), reason: "HTTP 429 rate limited, retry 1 of 3 in 750 ms"))
        guard case .retry(_, let second, _) = machine.attemptFailed(error, hint: .none, textStarted: false, random: 0) else {
            Issue.record("expected a retry")
            return
        }
        #expect(second == .seconds(2))
    }

    @Test func backoffIsCapped() {
        var machine = RetryStateMachine(
            policy: RetryPolicy(maxRetries: 10, initialBackoff: .seconds(1), maxBackoff: .seconds(3), jitter: 0)
        )
        var delays: [Duration] = []
        for _ in 0..<4 {
            if case .retry(_, let delay, _) = machine.attemptFailed(error, hint: .none, textStarted: false, random: 0) {
                delays.append(delay)
            }
        }
        #expect(delays == [.seconds(1), .seconds(2), .seconds(3), .seconds(3)])
    }

    @Test func permanentErrorsAndStartedTextAreNotRetried() {
        var machine = RetryStateMachine(policy: .standard)
        var badRequest = error
        badRequest.kind = .badRequest
        #expect(machine.attemptFailed(badRequest, hint: .none, textStarted: false, random: 0) == .fail(badRequest))
        #expect(machine.attemptFailed(error, hint: .none, textStarted: true, random: 0) == .fail(error))
        #expect(machine.retries == 0)
    }

    @Test func statusClassification() {
        let context = ErrorContext(
            settings: ProviderSettings(kind: .openai, baseURL: "http://h/v1"),
            endpoint: try! ProviderEndpoint.resolve(kind: .openai, baseURL: "http://h/v1"), path: "/chat/completions",
            model: "m"
        )
        for status in [408, 409, 429, 500, 502, 503, 504, 529] {
            #expect(context.httpError(status: status, serverMessage: nil).isTransient, "\(status)")
        }
        for status in [400, 401, 403, 404, 413, 422, 418] {
            #expect(!context.httpError(status: status, serverMessage: nil).isTransient, "\(status)")
        }
    }

    @Test func retryAfterForms() {
        func hint(_ headers: [String: String]) -> RetryHint {
            RetryHint(header: { headers[$0] }, now: 784_111_700)  // 1994-11-06 08:48:20 GMT
        }
        #expect(hint(["retry-after": "7"]).retryAfter == .seconds(7))
        #expect(hint(["retry-after": "1.5"]).retryAfter == .milliseconds(1500))
        #expect(hint(["retry-after": "Sun, 06 Nov 1994 08:49:37 GMT"]).retryAfter == .seconds(77))
        #expect(hint(["retry-after": "Sun, 06 Nov 1994 08:00:00 GMT"]).retryAfter == .zero)
        #expect(hint(["retry-after": "soon"]).retryAfter == nil)
        #expect(hint(["retry-after-ms": "120", "retry-after": "9"]).retryAfter == .milliseconds(120))
        #expect(hint(["x-should-retry": "false"]).shouldRetry == false)
        #expect(hint(["x-should-retry": "TRUE"]).shouldRetry == true)
        #expect(hint([:]) == RetryHint.none)
    }

    @Test func httpDateParsing() {
        #expect(HTTPDate.parse("Thu, 01 Jan 1970 00:00:00 GMT") == 0)
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDate.parse("Sat, 29 Feb 2020 12:00:00 GMT") == 1_582_977_600)
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == 784_111_777)  // RFC 850 (HTTPDateTests)
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 25:49:37 GMT") == nil)
    }
}
