import Chorus

/// Maps a finished (or interrupted) run to its exit status. Pure, so the table in the docs is tested.
public enum RunOutcome {
    /// - Parameters:
    ///   - unreachableFailures: model calls that failed because nothing answered at the server.
    ///   - interrupted: Ctrl-C arrived, or the UI was quit while the run was going.
    public static func exitCode(for record: RunRecord, unreachableFailures: Int, interrupted: Bool) -> ChorusExitCode {
        if interrupted { return .interrupted }
        switch record.status {
        case .succeeded: return .success
        case .running: return .interrupted
        case .failed: break
        }
        let everyWorkerFailedToConnect =
            !record.workers.isEmpty && record.workers.allSatisfy { $0.status == .failed }
            && unreachableFailures >= record.workers.count
        if everyWorkerFailedToConnect { return .unreachable }
        switch record.failure {
        case .quorumNotMet?: return .quorumNotMet
        case .allFailed?: return .allFailed
        case .cancelled?: return .interrupted
        case nil: return record.succeededCount == 0 ? .allFailed : .quorumNotMet
        }
    }

    /// Marks a run that Ctrl-C cut short as cancelled, unless it had already produced its answer.
    public static func markInterrupted(_ record: inout RunRecord) {
        guard record.status != .succeeded else { return }
        record.status = .failed
        record.failure = .cancelled
        record.error = "interrupted before the run finished; \(record.succeededCount) of \(record.workers.count) workers had succeeded"
    }

    /// The stderr note after an answer printed on quit that is the answers concatenated, not
    /// merged: the user cancelled the merge ("merge cancelled", issue 14 follow-up), or the
    /// aggregator failed. Nil for a merged answer.
    public static func fallbackNote(_ record: RunRecord) -> String? {
        guard record.status == .succeeded, let a = record.latestAggregation, a.fallbackUsed else { return nil }
        if a.cancelled {
            return "chorus: note: merge cancelled (\(a.strategy.rawValue)); the answer above is the workers' answers concatenated, not merged"
        }
        if a.judgeNamedNone {
            return "chorus: note: the judge named no answer; the answer above is the workers' answers concatenated, not merged"
        }
        return "chorus: note: \(a.strategy.rawValue) failed; the answer above is the workers' answers concatenated, not merged"
    }
}
