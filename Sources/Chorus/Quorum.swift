/// The rule that keeps a run from passing off a degraded answer as a good one.
///
/// A run aggregates only if at least ceil(N/2) of its N workers succeeded. Fewer is an error that
/// lists every worker's reason; none at all is its own, clearer message.
public enum Quorum {
    public static func required(workerCount: Int) -> Int { (workerCount + 1) / 2 }

    public enum Verdict: Sendable, Equatable {
        case met(succeeded: Int, required: Int)
        case notMet(succeeded: Int, required: Int)
        case allFailed
    }

    public static func verdict(succeeded: Int, workerCount: Int) -> Verdict {
        let required = required(workerCount: workerCount)
        if succeeded == 0 { return .allFailed }
        return succeeded >= required
            ? .met(succeeded: succeeded, required: required)
            : .notMet(succeeded: succeeded, required: required)
    }
}
