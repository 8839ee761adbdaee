import Chorus
import Synchronization
@testable import ChorusTUI

/// A `RunControlling` double: plays a fixed run through the UI's event sink and records which
/// operations the UI asked for. For the real engine, see the end-to-end test of the binary.
actor FakeController: RunControlling {
    enum Call: Hashable, Sendable {
        case start, retry(Int), retryFailed, cancel(Int), cancelAll, reaggregate(StrategyName), acceptPartial(Int)
        case cancelAggregation
        case rerun(Int, WorkerSpec), retryVariant(Int, Int), choose(Int, Int)
    }

    private(set) var record: RunRecord
    private(set) var calls: [Call] = []
    private let events: EventSink
    /// When true, `start` leaves worker 1 running until `cancelAll`.
    private let hangs: Bool
    private var hanging: CheckedContinuation<Void, Never>?

    init(record: RunRecord, events: @escaping EventSink, hangs: Bool = false) {
        self.record = record
        self.events = events
        self.hangs = hangs
    }

    func start() async -> RunRecord {
        calls.append(.start)
        for w in record.workers.indices {
            events(.workerStarted(worker: w, attempt: 1))
            if hangs && w == 0 { continue }
            let text = Fixtures.answers[w % Fixtures.answers.count]
            events(.workerChunk(worker: w, attempt: 1, text: text))
            let attempt = AttemptRecord(number: 1, status: .succeeded, text: text, startedMs: 0, elapsedMs: 1200, firstTokenMs: 200, chunks: 1)
            record.workers[w].attempts = [attempt]
            events(.workerFinished(worker: w, record: attempt))
        }
        if hangs {
            await withCheckedContinuation { hanging = $0 }
            let cancelled = AttemptRecord(number: 1, status: .cancelled, error: "cancelled", startedMs: 0, elapsedMs: 500)
            record.workers[0].attempts = [cancelled]
            events(.workerFinished(worker: 0, record: cancelled))
        }
        let aggregation = Fixtures.aggregation(.concatenate, output: "THE MERGED ANSWER", inputs: record.workers.filter(\.succeeded).map(\.index))
        events(.aggregationStarted(strategy: .concatenate))
        events(.aggregationFinished(record: aggregation))
        record.aggregations.append(aggregation)
        record.status = .succeeded
        events(.runUpdated(record: record))
        return record
    }

    func retry(worker: Int) async -> RunRecord {
        calls.append(.retry(worker))
        return record
    }

    func retryFailed() async -> RunRecord {
        calls.append(.retryFailed)
        return record
    }

    func cancel(worker: Int) { calls.append(.cancel(worker)) }

    func cancelAll() {
        calls.append(.cancelAll)
        hanging?.resume()
        hanging = nil
    }

    func reaggregate(strategy: StrategyName) async -> RunRecord {
        calls.append(.reaggregate(strategy))
        return record
    }

    func acceptPartial(worker: Int) async -> RunRecord {
        calls.append(.acceptPartial(worker))
        return record
    }

    func cancelAggregation() { calls.append(.cancelAggregation) }

    func rerun(worker: Int, with spec: WorkerSpec) async -> RunRecord {
        calls.append(.rerun(worker, spec))
        return record
    }

    func retry(worker: Int, variant: Int) async -> RunRecord {
        calls.append(.retryVariant(worker, variant))
        return record
    }

    func choose(worker: Int, variant: Int) async -> RunRecord {
        calls.append(.choose(worker, variant))
        return record
    }
}
