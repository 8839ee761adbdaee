import Chorus

/// The one-line warnings `chorus run` prints on stderr after a run (unless `--quiet`): what the
/// answer is missing or how it was made differently than asked. Pure, so each is unit-tested.
public enum RunWarnings {
    public static func lines(for record: RunRecord) -> [String] {
        guard record.status == .succeeded else { return [] }
        var lines: [String] = []
        let n = record.workers.count
        for worker in record.workers where !worker.succeeded {
            lines.append(
                "warning: worker \(worker.index + 1) (\(worker.spec.label)) \(describe(worker)); the answer merges \(record.succeededCount) of \(n)"
            )
        }
        if let aggregation = record.latestAggregation, aggregation.fallbackUsed {
            lines.append("warning: " + (aggregation.error ?? "\(aggregation.strategy.rawValue) failed; the answers were concatenated instead"))
        }
        return lines.map(TerminalText.oneLine)
    }

    static func describe(_ worker: WorkerRecord) -> String {
        switch worker.status {
        case .timedOut?: worker.error ?? "timed out"
        case .cancelled?: "was cancelled"
        case .failed?: "failed: \(worker.error ?? "unknown error")"
        default: "did not finish"
        }
    }
}
