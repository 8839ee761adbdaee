import Chorus
import ChorusTestSupport
import Foundation
import Synchronization
import Testing

/// The batch runner with in-memory models on a manual clock: every item a full run, the
/// concurrency limit, invalid items, and the two steps of stopping.
@Suite("BatchRunner")
struct BatchRunnerTests {
    /// Collects what the runner writes.
    final class Sink: Sendable {
        let results = Mutex<[BatchResult]>([])
        let failAfter: Int?
        init(failAfter: Int? = nil) { self.failAfter = failAfter }
        var all: [BatchResult] { results.withLock { $0 } }

        struct Full: Error, CustomStringConvertible { var description: String { "disk full" } }

        func write(_ result: BatchResult) throws {
            try results.withLock { list in
                if let failAfter, list.count >= failAfter { throw Full() }
                list.append(result)
            }
        }
    }

    /// Counts calls open at once.
    final class Gauge: Sendable {
        let state = Mutex((now: 0, max: 0))
        func enter() { state.withLock { $0.now += 1; $0.max = Swift.max($0.max, $0.now) } }
        func leave() { state.withLock { $0.now -= 1 } }
        var max: Int { state.withLock { $0.max } }
    }

    func items(_ n: Int) -> [BatchItem] {
        (1...n).map { BatchItem(id: "i\($0)", idSource: .field, fields: ["text": "question \($0)"], location: "line \($0)", line: $0) }
    }

    /// Workers answer after `delay` on the clock; an item whose text contains "bad" fails every worker.
    func models(_ clock: ManualClock, delay: Duration = .seconds(1)) -> ModelFactory {
        let model = ScriptedModel(clock: clock) { request, _ in
            let text = request.messages.last?.content ?? ""
            return text.contains("bad") ? [.wait(delay), .fail(.init("HTTP 500"))] : [.wait(delay), .text("answer to \(text)")]
        }
        return { _ in model }
    }

    func runner(
        _ items: [BatchItem], concurrency: Int, clock: ManualClock, sink: Sink, models: ModelFactory? = nil
    ) throws -> BatchRunner {
        BatchRunner(
            plan: testPlan(workers: 3, strategy: .concatenate), template: try PromptTemplate("Q: {text}"), items: items,
            concurrency: concurrency, models: models ?? self.models(clock), clock: clock,
            now: { Date(timeIntervalSince1970: 0) }, sink: { try sink.write($0) })
    }

    @Test("every item runs once with its rendered prompt; at most `concurrency` at once")
    func runsEveryItem() async throws {
        let clock = ManualClock()
        let sink = Sink()
        let gauge = Gauge()
        let base = models(clock)
        let counted: ModelFactory = { choice in
            let model = try base(choice)
            return GaugedModel(base: model, gauge: gauge)
        }
        let runner = try runner(items(10), concurrency: 4, clock: clock, sink: sink, models: counted)
        let run = Task { await runner.run() }
        #expect(await clock.drive { await runner.progress.finished == 10 })
        let progress = await run.value
        #expect(progress.finished == 10)
        #expect(progress.succeeded == 10)
        #expect(Set(sink.all.map(\.id)) == Set((1...10).map { "i\($0)" }))
        #expect(sink.all.allSatisfy { $0.record?.task.hasPrefix("Q: question ") == true })
        #expect(sink.all.first { $0.id == "i3" }?.output?.contains("answer to Q: question 3") == true)
        #expect(gauge.max == 12)  // 4 items x 3 workers
        #expect(progress.inFlight == 0)
    }

    @Test("unreadable items fail without a model call; failing runs are written as failed")
    func invalidAndFailing() async throws {
        let clock = ManualClock()
        let sink = Sink()
        var list = items(2)
        list.append(BatchItem(id: "line-3", idSource: .generated, fields: [:], location: "line 3", line: 3, problem: "line 3: not JSON"))
        list.append(BatchItem(id: "i4", idSource: .field, fields: ["text": "bad one"], location: "line 4", line: 4))
        let runner = try runner(list, concurrency: 8, clock: clock, sink: sink)
        let run = Task { await runner.run() }
        #expect(await clock.waitForSleepers(9))
        await clock.advance(by: .seconds(1))
        let progress = await run.value
        #expect(progress.finished == 4)
        #expect(progress.failed == 2)
        #expect(progress.invalid == 1)
        #expect(progress.allFailed == 1)
        let invalid = try #require(sink.all.first { $0.id == "line-3" })
        #expect(invalid.failure == .invalidItem)
        #expect(invalid.error == "line 3: not JSON")
        #expect(invalid.record == nil)
        let failed = try #require(sink.all.first { $0.id == "i4" })
        #expect(failed.failure == .allFailed)
        #expect(failed.error?.hasPrefix("All 3 workers failed") == true)
    }

    @Test("stop starting: the items in flight finish and are written; no new item starts")
    func stopStarting() async throws {
        let clock = ManualClock()
        let sink = Sink()
        let runner = try runner(items(10), concurrency: 2, clock: clock, sink: sink)
        let run = Task { await runner.run() }
        #expect(await clock.waitForSleepers(6))
        await runner.stopStarting()
        await clock.advance(by: .seconds(1))
        let progress = await run.value
        #expect(progress.finished == 2)
        #expect(progress.remaining == 8)
        #expect(sink.all.count == 2)
        #expect(sink.all.allSatisfy { $0.status == .succeeded })
    }

    @Test("cancel running: the items in flight are cut off and not written")
    func cancelRunning() async throws {
        let clock = ManualClock()
        let sink = Sink()
        let runner = try runner(items(10), concurrency: 3, clock: clock, sink: sink)
        let run = Task { await runner.run() }
        #expect(await clock.waitForSleepers(9))
        await runner.cancelRunning()
        let progress = await run.value
        #expect(progress.finished == 0)
        #expect(progress.cancelled == 3)
        #expect(progress.remaining == 10)
        #expect(sink.all.isEmpty)
    }

    @Test("when the first ten items fail in every worker, no more items start")
    func givesUpOnASharedCause() async throws {
        let clock = ManualClock()
        let sink = Sink()
        let bad = (1...30).map { BatchItem(id: "b\($0)", idSource: .field, fields: ["text": "bad \($0)"], location: "line \($0)") }
        let runner = try runner(bad, concurrency: 2, clock: clock, sink: sink)
        let run = Task { await runner.run() }
        #expect(await clock.drive { let p = await runner.progress; return p.gaveUp != nil && p.inFlight == 0 })
        let progress = await run.value
        #expect(progress.gaveUp?.contains("HTTP 500") == true)
        #expect((10...11).contains(progress.finished))
        #expect(progress.remaining >= 19)
        #expect(sink.all.allSatisfy { $0.status == .failed })

        // One success first: failures after it never stop the batch.
        let mixed = [BatchItem(id: "ok", idSource: .field, fields: ["text": "fine"], location: "line 0")] + bad.prefix(12)
        let sink2 = Sink()
        let runner2 = try self.runner(Array(mixed), concurrency: 1, clock: clock, sink: sink2)
        let run2 = Task { await runner2.run() }
        #expect(await clock.drive { await runner2.progress.finished == 13 })
        let progress2 = await run2.value
        #expect(progress2.gaveUp == nil)
        #expect(progress2.finished == 13)
    }

    @Test("a result that cannot be written stops the batch and says why")
    func writeFailureStops() async throws {
        let clock = ManualClock()
        let sink = Sink(failAfter: 1)
        let runner = try runner(items(6), concurrency: 1, clock: clock, sink: sink)
        let run = Task { await runner.run() }
        for _ in 0..<2 {
            #expect(await clock.waitForSleepers(3))
            await clock.advance(by: .seconds(1))
        }
        let progress = await run.value
        #expect(progress.writeError == "disk full")
        #expect(progress.finished == 1)
        #expect(sink.all.count == 1)
    }
}

/// Counts the calls of a model that are open at once.
private struct GaugedModel: ChatModel {
    let base: any ChatModel
    let gauge: BatchRunnerTests.Gauge

    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatChunk, any Error> {
        let upstream = base.stream(request)
        let gauge = self.gauge
        return AsyncThrowingStream { continuation in
            let task = Task {
                gauge.enter()
                defer { gauge.leave() }
                do {
                    for try await chunk in upstream { continuation.yield(chunk) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
