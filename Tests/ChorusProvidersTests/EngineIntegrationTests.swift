import Chorus
import ChorusTestSupport
import FakeLLMServer
import Testing

@testable import ChorusProviders

/// The real engine (`RunController`) driving real providers against one fake server: the
/// contracts between the two hold end to end. Worker behaviour is chosen by focus-area markers,
/// as the CLI's end-to-end tests do.
@Suite(.timeLimit(.minutes(1))) struct EngineIntegrationTests {
    @Test func oneRunWithASuccessARetryAFailureAndATimeout() async throws {
        try await withHarness(connections: 8) { h in
            let engineClock = ManualClock()
            let providerClock = ManualClock()
            let plan = Plan(
                task: "Should we split the monolith?", workerCount: 4,
                focusAreas: [
                    "cost", "risk [[fake:fail-first-1+retry-after-1]]", "speed [[fake:fail-401]]",
                    "security [[fake:stall-after-1]]",
                ],
                model: ModelChoice(provider: "openai", model: "tokens-4"),
                aggregator: AggregatorSpec(strategy: .concatenate, model: ModelChoice(provider: "openai", model: "m"))
            )
            let settings = ProviderSettings(
                kind: .openai, baseURL: h.server.baseURL, apiKey: Harness.secretKey, retry: RetryPolicy(jitter: 0)
            )
            let http = h.http
            let (finished, sink) = AsyncStream.makeStream(of: Int.self)
            let controller = RunController(
                plan: plan, models: { _ in try makeModel(settings, http: http, clock: providerClock) },
                clock: engineClock,
                events: { event in
                    if case .workerFinished(let worker, _) = event { sink.yield(worker) }
                }
            )
            async let run = controller.start()

            // Worker 2's provider waits out Retry-After: 1 s on its own clock.
            #expect(await providerClock.waitForSleepers(1, timeout: sleeperWait))
            await providerClock.advance(by: .seconds(1))

            // Workers 1-3 finish on their own; worker 4 has sent one chunk and stalls.
            var done: Set<Int> = []
            for await worker in finished {
                done.insert(worker)
                if done.count == 3 { break }
            }
            #expect(done == [0, 1, 2])
            await h.server.journal.waitUntil { $0.requests.contains { $0.tokensSent == 1 && $0.outcome == .open } }

            // Its deadline (15 s) passes: the engine cancels it, and the connection closes. (Not
            // just the 10 s idle limit: the engine may not have taken the chunk in yet.)
            await engineClock.advance(by: .seconds(15))
            let record = await run

            #expect(record.workers.map(\.status) == [.succeeded, .succeeded, .failed, .timedOut])
            #expect(record.workers[1].latest?.providerRetries.count == 1)
            #expect(record.workers[0].latest?.usage == TokenUsage(promptTokens: 12, completionTokens: 4))
            let unauthorized = try #require(record.workers[2].error)
            #expect(unauthorized.contains("HTTP 401"))
            #expect(unauthorized.contains("check OPENAI_API_KEY"))
            #expect(!unauthorized.contains(Harness.secretKey))
            #expect(record.status == .succeeded)

            await h.server.journal.waitUntil { $0.openNow == 0 }
            let outcomes = h.server.journal.requests.map(\.outcome)
            #expect(outcomes.filter { $0 == .clientClosed }.count == 1)
            #expect(h.server.journal.requests.count == 5)
        }
    }
}
