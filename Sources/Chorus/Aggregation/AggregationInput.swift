/// What every strategy gets: the task, the successful answers in worker order, and who agrees.
public struct AggregationInput: Sendable {
    public var task: String
    public var answers: [Answer]
    /// Exact agreement on normalised final answers: what `vote` and `auto` count.
    public var exactTally: Tally
    /// True when every answer is short, so exact agreement means something.
    public var allShort: Bool
    /// True when more than half of the answers are short: the task wants a short answer, and the
    /// merged answer should be one too.
    public var mostlyShort: Bool
    /// What is shown and recorded: the exact tally for short answers, key-word overlap for long ones.
    public var tally: Tally
    /// Workers whose answers are missing, and why.
    public var dropped: [AggregationRecord.DroppedWorker]
    /// Each worker's model, to warn when a judge judges its own answers.
    public var workerModels: [Int: ModelChoice]
    /// With `--schema`: the schema the answers follow, so the merge goes field by field
    /// (`StructuredMerge`); nil for free text.
    public var schema: StructuredSchema?
    /// The agreement a required field needs (`--min-agreement`).
    public var minAgreement: MinAgreement = .default

    /// `strategy`, when given, lets work its answer and record do not need be skipped: the exact
    /// tally of long answers is read only by `vote`, `auto` and `synthesize` (the record shows the
    /// overlap tally then), so `concatenate` and `judge` over long answers leave it empty.
    public init(
        task: String, answers: [Answer], dropped: [AggregationRecord.DroppedWorker] = [],
        workerModels: [Int: ModelChoice] = [:], strategy: StrategyName? = nil
    ) {
        self.task = task
        self.answers = answers
        let short = answers.filter { Agreement.isShort($0.text) }.count
        self.allShort = short == answers.count
        self.mostlyShort = short * 2 > answers.count
        let needsExact = allShort || strategy.map(Self.readsExactTally) ?? true
        self.exactTally = needsExact ? Vote.tally(answers, task: task) : Tally(groups: [])
        self.tally = allShort ? exactTally : Agreement.overlapTally(answers)
        self.dropped = dropped
        self.workerModels = workerModels
    }

    /// Whether `strategy` reads `exactTally` when the answers are long.
    static func readsExactTally(_ strategy: StrategyName) -> Bool {
        switch strategy {
        case .vote, .auto, .synthesize: true
        case .concatenate, .judge: false
        }
    }

    /// Final answers of at most this many words (after normalising) are compared exactly.
    public static let shortKeyWords = 6

    /// The group `auto` takes the vote from: at least two answers share a short final answer and
    /// no other group is as large (a strict majority, or a plurality without a tie). Measured on
    /// the local model (README "Aggregation"), a small aggregator shown a 2-1-1-1 split picks the
    /// plurality's answer less often than the plurality is right, so a clear winner is not handed
    /// to it. Long final answers (essays) never match exactly, so they go to synthesis.
    public var clearWinner: Tally.Group? {
        let groups = exactTally.groups
        guard let top = groups.first, top.count >= 2 else { return nil }
        if groups.count > 1, groups[1].count == top.count { return nil }
        guard top.answer.split(separator: " ").count <= Self.shortKeyWords else { return nil }
        return top
    }
}
