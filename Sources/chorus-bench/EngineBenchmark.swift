import Chorus
import ChorusTestSupport
import Foundation
import Synchronization

/// The engine's own overhead: runs with an in-memory model that answers instantly, so
/// everything measured beyond the slowest worker's own time is the engine's (dispatch, watchdogs,
/// cancellation, events, record keeping, quorum and aggregation).
///
/// Overhead of a run = wall time of `start()` minus the slowest worker's time (from its start
/// event to its finish event, as seen by an event sink). Targets (issue 2): under 1 ms for N = 3,
/// under 20 µs per worker at N = 1024.
enum EngineBenchmark {
    static func run(arguments: [String]) async {
        let sizes = [3, 64, 1024]
        print("engine overhead (in-memory model answering at once, strategy concatenate; release build recommended)")
        print("workers  runs  overhead median  p95        per worker median  target         peak RSS")
        for n in sizes {
            let runs = n <= 3 ? 500 : (n <= 64 ? 100 : 20)
            var overheads: [Double] = []
            // One untimed run first so lazy set-up is not counted.
            _ = await measure(workers: n)
            for _ in 0..<runs { overheads.append(await measure(workers: n)) }
            let median = Measure.percentile(overheads, 0.5)
            let p95 = Measure.percentile(overheads, 0.95)
            let perWorker = median / Double(n)
            let target = n == 3 ? "< 1000 µs/run" : (n == 1024 ? "< 20 µs/worker" : "-")
            let ok = n == 3 ? median < 1000 : (n == 1024 ? perWorker < 20 : true)
            print(
                pad("\(n)", 7), pad("\(runs)", 5), pad("\(Measure.format(median)) µs", 16), pad("\(Measure.format(p95)) µs", 10),
                pad("\(Measure.format(perWorker, 2)) µs", 18), pad(target + (n == 3 || n == 1024 ? (ok ? " ok" : " MISSED") : ""), 14),
                "\(Measure.format(Measure.peakMemoryMiB())) MiB")
        }
    }

    /// One run's overhead in microseconds.
    static func measure(workers n: Int) async -> Double {
        let plan = Plan(
            task: "What is 6 * 7?", workerCount: n, model: ModelChoice(provider: "bench", model: "instant"),
            aggregator: AggregatorSpec(strategy: .concatenate, model: ModelChoice(provider: "bench", model: "instant")))
        let spans = WorkerSpans(count: n)
        let model = InstantModel()
        let controller = RunController(plan: plan, models: { _ in model }, events: spans.sink)
        let start = ContinuousClock.now
        let record = await controller.start()
        let wall = ContinuousClock.now - start
        precondition(record.status == .succeeded, "benchmark run failed: \(record.error ?? "?")")
        return (wall - spans.slowest).seconds * 1e6
    }

    static func pad(_ s: String, _ width: Int) -> String { s.padding(toLength: max(width, s.count), withPad: " ", startingAt: 0) }
}

/// Each worker's time from its start event to its finish event.
final class WorkerSpans: Sendable {
    private let spans: Mutex<[(start: ContinuousClock.Instant?, end: ContinuousClock.Instant?)]>

    init(count: Int) { spans = Mutex(Array(repeating: (nil, nil), count: count)) }

    var sink: EventSink {
        { event in
            switch event {
            case .workerStarted(let w, _): self.spans.withLock { $0[w].start = .now }
            case .workerFinished(let w, _): self.spans.withLock { $0[w].end = .now }
            default: break
            }
        }
    }

    var slowest: Duration {
        spans.withLock { all in
            all.compactMap { s in s.start.flatMap { a in s.end.map { a.duration(to: $0) } } }.max() ?? .zero
        }
    }
}
