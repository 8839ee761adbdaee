import Chorus

/// Which merge the answer area shows. Only one merge runs at a time: a newer one (`s`, `p`, or a
/// retried worker finishing) supersedes a running one, which the controller records as
/// `superseded` and never reports as finished. The screen shows "merging…" for the new merge
/// from the moment it is asked for, and only that merge's record ends it.
extension UIState {
    /// Answers the next merge takes in: the succeeded workers and the partial answers the user
    /// accepted (`p`), as `RunRecord.answers` counts them; the finished title's "N of M merged"
    /// counts the same.
    public var mergeInputCount: Int {
        panes.filter { $0.status == .succeeded || ($0.finished?.acceptedPartial ?? false) }.count
    }

    /// Shows a merge with `strategy` as running: the title says "merging N of M answers…" and the
    /// key line offers `c` to cancel it.
    mutating func beginMerge(_ strategy: StrategyName) {
        self.strategy = strategy
        answer.phase = .merging(strategy, inputs: mergeInputCount)
        answer.text.replace(with: "")
        answer.scrollTop = nil
        answer.retryNote = nil
        mergeBaseline = aggregationsSeen
    }

    /// The record's answer when it belongs to the merge now shown as running: its newest
    /// aggregation that was not superseded, if it was filed after that merge began.
    func currentMerge(in record: RunRecord) -> AggregationRecord? {
        guard let i = record.aggregations.lastIndex(where: { !$0.superseded }), i >= mergeBaseline else { return nil }
        return record.aggregations[i]
    }
}
