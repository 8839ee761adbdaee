import Chorus

/// The one-line warnings `chorus run` prints on stderr after a run (unless `--quiet`): first why
/// each left-out worker did not make it (the reason a person can act on: a bad key, a timeout),
/// then the core's own warnings about the answer (fallback used, workers left out, a merged
/// answer that disagrees with the majority, an input that was not whole, e.g. cut at max tokens:
/// `Aggregator.cutWarnings`). Pure, so each is unit-tested.
public enum RunWarnings {
    public static func lines(for record: RunRecord) -> [String] {
        guard record.status == .succeeded else { return [] }
        var lines: [String] = []
        for worker in record.workers where !worker.succeeded {
            lines.append("warning: worker \(worker.index + 1) (\(worker.spec.label)) \(describe(worker))")
        }
        lines += record.warnings.map { "warning: " + $0 }
        lines += settingLines(for: record)
        return lines.map(TerminalSafeText.oneLine)
    }

    static func describe(_ worker: WorkerRecord) -> String {
        switch worker.status {
        case .timedOut?: worker.error ?? "timed out"
        case .cancelled?: worker.error ?? "was cancelled"
        case .failed?: "failed: \(worker.error ?? "unknown error")"
        default: "did not finish"
        }
    }
}
