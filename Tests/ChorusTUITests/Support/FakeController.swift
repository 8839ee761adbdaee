import Chorus
import Synchronization
@testable import ChorusTUI

/// A `RunControlling` double: plays a fixed run through the UI's event sink and records which
/// operations the UI asked for. For the real engine, see the end-to-end test of the binary.
actor FakeController: RunControlling {
    enum Call: Hashable, Sendable {
        case start, retry(Int), retryFailed, cancel(Int), cancelAll, reaggregate(StrategyName)
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
}

/// Reads everything written to a pipe on a thread of its own, so the UI can write freely.
final class PipeCapture: Sendable {
    let readDescriptor: Int32
    let writeDescriptor: Int32
    private let data = Mutex([UInt8]())

    init() {
        var fds: [Int32] = [0, 0]
        precondition(pipe(&fds) == 0)
        readDescriptor = fds[0]
        writeDescriptor = fds[1]
        let fd = readDescriptor
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = read(fd, &buffer, buffer.count)
                if n <= 0 { break }
                self.data.withLock { $0.append(contentsOf: buffer[0..<n]) }
            }
        }
    }

    var bytes: [UInt8] { data.withLock { $0 } }
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Waits (yielding, in real time, up to `limit`) until `predicate` holds for the text so far.
    /// The limit only bounds a failing test; a passing one continues as soon as the UI drew.
    func wait(until predicate: (String) -> Bool, limit: Duration = .seconds(20)) async -> Bool {
        let start = ContinuousClock.now
        while !predicate(text) {
            if ContinuousClock.now - start > limit { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }

    func closeWriter() { close(writeDescriptor) }
}

import Foundation
