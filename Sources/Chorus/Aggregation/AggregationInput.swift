/// What every strategy gets: the task, the successful answers in worker order, and who agrees.
public struct AggregationInput: Sendable {
    public var task: String
    public var answers: [Answer]
    /// Exact agreement on normalised final answers: what `vote` and `auto` count.
    public var exactTally: Tally
    /// Each answer as the tally read it (final answer, key, short or long), in `answers` order.
    public var extracted: [ExtractedAnswer]
    /// True when every answer's final answer is short (`ExtractedAnswer.isShort`), so exact
    /// agreement means something.
    public var allShort: Bool
    /// True when more than half of the answers are short: the task wants a short answer, and the
    /// merged answer should be one too.
    public var mostlyShort: Bool
    /// True when more than half of the answers are essays (`ExtractedAnswer.isEssay`): merging
    /// them is the point, so `auto` synthesizes even when a group stands out.
    public var mostlyEssays: Bool
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
        let reading = AnswerTask(task)
        let extracted = answers.map { AnswerExtraction.extract($0.text, in: reading) }
        self.extracted = extracted
        let short = extracted.filter(\.isShort).count
        self.allShort = short == answers.count
        self.mostlyShort = short * 2 > answers.count
        self.mostlyEssays = extracted.filter(\.isEssay).count * 2 > answers.count
        let needsExact = mostlyShort || strategy.map(Self.readsExactTally) ?? true
        self.exactTally = needsExact ? Vote.tally(answers, extracted: extracted) : Tally(groups: [])
        self.tally = Self.shownTally(
            exact: exactTally, answers: answers, extracted: extracted, mostlyShort: mostlyShort, strategy: strategy)
        self.dropped = dropped
        self.workerModels = workerModels
    }

    /// The one tally the record keeps and every view renders (issue 14: the title, the agreement
    /// view, the export and the JSON once showed three different ones for one run). It is the
    /// count the strategy's decision came from whenever the decision is a count: `vote` always,
    /// and every strategy when most answers are short (`auto` then votes or reports its tie from
    /// `exactTally`), so a vote's reason ("tie: 389 (workers 2, 8) vs 380 (workers 3, 7)") and
    /// the record's groups are one computation. When most answers are long, short answers are
    /// still grouped exactly and only the long ones by key words (`Agreement.mixedTally`).
    static func shownTally(
        exact: Tally, answers: [Answer], extracted: [ExtractedAnswer], mostlyShort: Bool, strategy: StrategyName?
    ) -> Tally {
        if mostlyShort || strategy == .vote { return exact }
        return Agreement.mixedTally(answers, extracted: extracted)
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

    /// The group `auto` takes: the group of the record's tally (exact, or by overlap of key
    /// words for long answers) that clearly outweighs the others: at least two answers, no other
    /// group as large (a strict majority, or a plurality without a tie), and not an answer that
    /// names two candidates. Measured on the local model (README "Aggregation"), a small
    /// aggregator shown a 2-1-1-1 split picks the plurality's answer less often than the
    /// plurality is right, so a clear winner is not handed to it. ESCALATE stops sampling when
    /// this is set. (`auto` still synthesizes essays, where merging is the point:
    /// `mostlyEssays`.)
    public var clearWinner: Tally.Group? {
        let groups = tally.groups
        guard let top = groups.first, top.count >= 2, !top.hedged else { return nil }
        if groups.count > 1, groups[1].count == top.count { return nil }
        return top
    }
}
