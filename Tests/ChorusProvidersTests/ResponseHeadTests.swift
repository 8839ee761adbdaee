import Chorus
import ChorusTestSupport
import FakeLLMServer
import Testing

@testable import ChorusProviders

/// The response head as the providers report it (`ChatChunk.responseStarted`), on both wires,
/// and what the engine makes of it: a server that holds the request before its head.
@Suite(.timeLimit(.minutes(1))) struct ResponseHeadTests {
    func heads(_ result: Collected) -> Int { result.chunks.filter { $0 == .responseStarted }.count }

    @Test func bothWiresSayTheHeadCameBeforeAnyText() async throws {
        try await withHarness { h in
            for model in [try h.openAI() as any ChatModel, try h.anthropic()] {
                let result = await collect(model.stream(chatRequest(model: "say=Keep it simple.")))
                #expect(result.error == nil)
                #expect(result.chunks.first == .responseStarted, "\(result.chunks.prefix(3))")
                #expect(heads(result) == 1)
                // A whole JSON answer (not streamed) has a head too.
                let whole = await collect(model.stream(chatRequest(model: "json+say=Whole.")))
                #expect(whole.chunks.first == .responseStarted && whole.text == "Whole.")
            }
        }
    }

    @Test func anErrorStatusIsNoHeadAndARetryGetsItsOwn() async throws {
        try await withHarness { h in
            let failed = await collect(try h.openAI().stream(chatRequest(model: "fail-500")))
            #expect(failed.error != nil)
            #expect(heads(failed) == 0, "an HTTP 500 is not the server taking the request")
            let retried = await collect(
                try h.openAI(retry: RetryPolicy(maxRetries: 1, initialBackoff: .milliseconds(1), jitter: 0)).stream(
                    chatRequest(model: "fail-first-1+say=ok")))
            #expect(retried.error == nil)
            #expect(heads(retried) == 1)
            let order = retried.chunks.map { chunk -> String in
                switch chunk {
                case .retrying: "retrying"
                case .responseStarted: "head"
                case .text: "text"
                default: "other"
                }
            }.filter { $0 != "other" }
            #expect(order.first == "retrying" && order.dropFirst().first == "head", "\(order)")
        }
    }

    /// The server holds the request 5 s (real time) before its head. On the engine's manual
    /// clock, 30 s pass meanwhile: past the 15 s total. With a 60 s head limit the worker waits
    /// and then succeeds; without one it times out, as it always did.
    @Test func theEngineWaitsForAHeldHeadUnderTheHeadLimit() async throws {
        try await withHarness { h in
            for head in [Duration.seconds(60), nil] {
                let engineClock = ManualClock()
                var plan = Plan(
                    task: "q", workerCount: 1, focusAreas: ["cost [[fake:delay-5000+say=Paris.]]"],
                    model: ModelChoice(provider: "openai", model: "m"),
                    aggregator: AggregatorSpec(strategy: .concatenate, model: ModelChoice(provider: "openai", model: "m")))
                plan.workers[0].headTimeout = head
                let settings = ProviderSettings(kind: .openai, baseURL: h.server.baseURL, apiKey: Harness.secretKey, retry: .never)
                let http = h.http
                let controller = RunController(
                    plan: plan, models: { _ in try makeModel(settings, http: http, clock: ContinuousClock()) }, clock: engineClock)
                async let run = controller.start()
                await h.server.journal.waitUntil { $0.openNow == 1 }
                // The watchdog looks every 10 s while no head came; 30 s pass before the head does
                // (without a head limit, the attempt has timed out after the second step).
                for _ in 0..<(head == nil ? 2 : 3) {
                    #expect(await engineClock.waitForSleepers(1, timeout: sleeperWait))
                    await engineClock.advance(by: .seconds(10))
                }
                let record = await run
                let attempt = try #require(record.workers[0].latest)
                if head == nil {
                    #expect(attempt.status == .timedOut)
                    #expect(attempt.error == "timed out after 15 s with no answer")
                } else {
                    #expect(attempt.status == .succeeded, "\(attempt.error ?? "")")
                    #expect(attempt.text == "Paris.")
                    #expect((attempt.headMs ?? 0) >= 30_000, "the head came after the clock's 30 s: \(attempt.headMs ?? -1)")
                }
                h.server.journal.reset()
            }
        }
    }
}
