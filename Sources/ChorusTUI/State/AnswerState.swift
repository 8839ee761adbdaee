import Chorus

/// The answer area: hidden while the workers run, then the merged answer (streaming when the
/// strategy calls a model), or why there is none.
public struct AnswerState: Hashable, Sendable {
    public enum Phase: Hashable, Sendable {
        case hidden
        /// An aggregation with this strategy is running; `inputs` answers go in.
        case merging(StrategyName, inputs: Int)
        case done(AggregationRecord)
        /// The quorum was not met (or every worker failed): no answer, and why.
        case failed(succeeded: Int, required: Int)
    }

    public var phase: Phase = .hidden
    public var text: WrappedText
    public var scrollTop: Int?

    public init(wrapWidth: Int) {
        text = WrappedText(width: wrapWidth)
    }

    public var isVisible: Bool { phase != .hidden }

    public var isMerging: Bool {
        if case .merging = phase { return true }
        return false
    }

    /// The text `y` saves: the finished answer only.
    public var savableOutput: String? {
        guard case .done(let record) = phase, let output = record.output, !output.isEmpty else { return nil }
        return output
    }

    /// One dim line above the answer saying how it was made, when there is something to say.
    public var note: String? {
        guard case .done(let record) = phase else { return nil }
        if record.fallbackUsed { return record.error ?? "\(record.strategy.rawValue) failed; the answers are concatenated" }
        switch record.strategy {
        case .judge:
            guard let chosen = record.chosenWorker else { return nil }
            return "judge chose worker \(chosen + 1)" + (record.reason.map { ": \($0)" } ?? "")
        case .vote:
            guard let top = record.tally.groups.first, record.tally.total > 0 else { return nil }
            return record.tally.isTie
                ? "tie: no answer has a majority" : "\(top.count) of \(record.tally.total) answers agree"
        case .synthesize, .concatenate:
            return nil
        }
    }
}
