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

    /// The server holds the request 2 s before its head, longer than the worker's 1 s total
    /// timeout. With a 20 s head limit the worker waits and then succeeds, its head recorded after
    /// the wait; without one it times out, as it always did. Real time, small figures: a manual
    /// clock raced the server's real delay and missed on a loaded machine.
    @Test func theEngineWaitsForAHeldHeadUnderTheHeadLimit() async throws {
        try await withHarness { h in
            for head in [Duration.seconds(20), nil] {
                var plan = Plan(
                    task: "q", workerCount: 1, focusAreas: ["cost [[fake:delay-2000+say=Paris.]]"],
                    model: ModelChoice(provider: "openai", model: "m"),
                    aggregator: AggregatorSpec(strategy: .concatenate, model: ModelChoice(provider: "openai", model: "m")))
                plan.workers[0].timeout = .seconds(1)
                plan.workers[0].headTimeout = head
                let settings = ProviderSettings(kind: .openai, baseURL: h.server.baseURL, apiKey: Harness.secretKey, retry: .never)
                let http = h.http
                let controller = RunController(
                    plan: plan, models: { _ in try makeModel(settings, http: http, clock: ContinuousClock()) })
                let record = await controller.start()
                let attempt = try #require(record.workers[0].latest)
                if head == nil {
                    #expect(attempt.status == .timedOut)
                    #expect(attempt.error == "timed out after 1 s with no answer")
                } else {
                    #expect(attempt.status == .succeeded, "\(attempt.error ?? "")")
                    #expect(attempt.text == "Paris.")
                    #expect((attempt.headMs ?? 0) >= 1_900, "the head came after the server's 2 s: \(attempt.headMs ?? -1)")
                }
                h.server.journal.reset()
            }
        }
    }
}
