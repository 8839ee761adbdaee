import Chorus
import ChorusTestSupport
import Synchronization
import Testing

/// The limiter's queue on a manual clock, and a model behind it: waits, pushback, resend.
@Suite("RateLimiter and RateLimitedModel")
struct RateLimitedModelTests {
    /// "429 ..." errors are pushback asking for `retryAfter`; anything else is not.
    static func classifier(retryAfter: Duration? = .seconds(2)) -> PushbackClassifier {
        { error in
            guard let scripted = error as? ScriptedModel.ScriptedError, scripted.description.hasPrefix("429") else { return nil }
            return Pushback(retryAfter: retryAfter, summary: "HTTP 429 rate limited")
        }
    }

    final class Grants: Sendable {
        let times = Mutex<[Int: Duration]>([:])
        func record(_ i: Int, _ at: Duration) { times.withLock { $0[i] = at } }
        var all: [Int: Duration] { times.withLock { $0 } }
    }

    @Test("waiters are served first come, first served, spaced by the limit")
    func queueSpacing() async throws {
        let clock = ManualClock()
        let limiter = RateLimiter(name: "test", limit: RateLimit(requestsPerMinute: 60), clock: clock)
        let grants = Grants()
        let first = try await limiter.acquire(tokens: 1)
        #expect(first.grantedAt == .zero)
        let tasks = (1...3).map { i in
            Task {
                let grant = try await limiter.acquire(tokens: 1)
                grants.record(i, grant.grantedAt)
            }
        }
        #expect(await clock.waitForSleepers(1))
        #expect(await limiter.snapshot.waiting == 3)
        for _ in 0..<3 {
            await clock.advance(by: .seconds(1))
        }
        for task in tasks { try await task.value }
        #expect(Set(grants.all.values) == [.seconds(1), .seconds(2), .seconds(3)])
        #expect(await limiter.snapshot.waiting == 0)
    }

    @Test("a cancelled waiter leaves the queue and gets CancellationError")
    func cancelledWaiter() async throws {
        let clock = ManualClock()
        let limiter = RateLimiter(name: "test", limit: RateLimit(requestsPerMinute: 1), clock: clock)
        _ = try await limiter.acquire(tokens: 1)
        let waiter = Task { try await limiter.acquire(tokens: 1) }
        #expect(await clock.waitForSleepers(1))
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(await limiter.snapshot.waiting == 0)
    }

    @Test("pushback: the call waits out Retry-After and is sent again; the record shows the retry")
    func pushbackResends() async throws {
        let clock = ManualClock()
        let base = ScriptedModel(clock: clock) { _, call in call == 0 ? [.fail(.init("429 slow down"))] : [.text("ok")] }
        let limiter = RateLimiter(name: "test", limit: .none, clock: clock)
        let model = RateLimitedModel(base: base, limiter: limiter, classify: Self.classifier())
        let collected = Task {
            var chunks: [ChatChunk] = []
            for try await chunk in model.stream(ChatRequest(messages: [.user("q")], temperature: 0, model: "m")) {
                chunks.append(chunk)
            }
            return chunks
        }
        #expect(await clock.waitForSleepers(1))
        #expect(await limiter.snapshot.pausedFor == .seconds(2))
        await clock.advance(by: .seconds(2))
        let chunks = try await collected.value
        #expect(base.calls == 2)
        #expect(chunks.first == .held(reason: "waiting for test's rate limit"))
        #expect(chunks.contains(.text("ok")))
        let retries = chunks.filter { if case .retrying = $0 { true } else { false } }
        #expect(retries.count == 1)
        #expect(await limiter.snapshot.pushbacks == 1)
    }

    @Test("other errors pass through at once; pushback past the limit passes through too")
    func errorsPassThrough() async throws {
        let clock = ManualClock()
        let failing = ScriptedModel(clock: clock, steps: [.fail(.init("HTTP 400 bad request"))])
        let limiter = RateLimiter(name: "test", limit: .none, clock: clock)
        let model = RateLimitedModel(base: failing, limiter: limiter, classify: Self.classifier())
        await #expect(throws: ScriptedModel.ScriptedError.self) {
            for try await _ in model.stream(ChatRequest(messages: [.user("q")], temperature: 0, model: "m")) {}
        }
        #expect(failing.calls == 1)

        let storm = ScriptedModel(clock: clock, steps: [.fail(.init("429 always"))])
        let patient = RateLimitedModel(
            base: storm, limiter: RateLimiter(name: "t2", limit: .none, clock: clock),
            classify: Self.classifier(retryAfter: .zero), maxPushbacks: 3)
        // Each pushback also slows the limiter down, so the resends wait on the clock: drive it.
        let outcome = Task { () -> Bool in
            do {
                for try await _ in patient.stream(ChatRequest(messages: [.user("q")], temperature: 0, model: "m")) {}
                return false
            } catch {
                return error is ScriptedModel.ScriptedError
            }
        }
        #expect(await clock.drive { storm.calls == 4 })
        #expect(await outcome.value)
        #expect(storm.calls == 4)
    }

    @Test("through the engine: a worker queued 20 s at the limiter with a 10 s timeout succeeds")
    func heldWorkerDoesNotTimeOut() async throws {
        let clock = ManualClock()
        let limiter = RateLimiter(name: "test", limit: RateLimit(requestsPerMinute: 3), clock: clock)
        let base = ScriptedModel(clock: clock, steps: [.text("ok")])
        let models: ModelFactory = { _ in RateLimitedModel(base: base, limiter: limiter, classify: Self.classifier()) }
        // Three workers at 3 requests a minute: the third waits 40 s for its slot.
        let plan = testPlan(workers: 3, strategy: .concatenate, timeout: .seconds(10))
        let controller = RunController(plan: plan, models: models, clock: clock)
        let run = Task { await controller.start() }
        #expect(await clock.waitForSleepers(1))
        for _ in 0..<8 { await clock.advance(by: .seconds(5)) }
        let record = await run.value
        #expect(record.status == .succeeded)
        #expect(record.workers.allSatisfy { $0.status == .succeeded })
        let queued = record.workers.compactMap { $0.latest?.queuedMs }.sorted()
        #expect(queued == [20_000, 40_000])
    }
}
