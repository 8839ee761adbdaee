/// One aggregation of a run's successful answers. A run keeps every aggregation it made (one per
/// strategy switch or re-merge after a retry); the newest is the run's answer.
public struct AggregationRecord: Sendable, Codable, Hashable {
    public enum Status: String, Sendable, Codable, Hashable {
        case running, succeeded, failed
    }

    /// A worker whose answer is not in the merge, and why.
    public struct DroppedWorker: Sendable, Codable, Hashable {
        public var index: Int
        public var status: AttemptStatus
        public var reason: String
        public init(index: Int, status: AttemptStatus, reason: String) {
            self.index = index
            self.status = status
            self.reason = reason
        }
    }

    public var strategy: StrategyName
    public var status: Status
    public var output: String?
    /// True when the strategy's model calls all failed or timed out and the answers were concatenated.
    public var fallbackUsed: Bool
    /// The aggregator's error when it fell back.
    public var error: String?
    /// Which workers' answers went in (indices from 0).
    public var inputs: [Int]
    /// Workers left out (failed, timed out, cancelled), named so the answer is read for what it is.
    public var dropped: [DroppedWorker]
    /// Who agrees with whom: exact final answers for short answers, overlap of key words for long ones.
    public var tally: Tally
    /// For `auto`: the strategy it took (`vote` or `synthesize`); `reason` says why.
    public var path: StrategyName?
    /// For `vote`/`judge`: the chosen worker. For `judge`, `reason` is the judge's.
    public var chosenWorker: Int?
    public var reason: String?
    /// True when an LLM-merged answer's final answer differs from a strict majority of the workers'.
    public var disagreesWithMajority: Bool
    /// Things a reader should know: dropped workers, a judge that also answered, a fallback.
    public var warnings: [String]
    /// The aggregator model that produced the output, for strategies that call one.
    public var model: String?
    /// Errors of aggregator models tried before (the fallback chain), in order.
    public var modelErrors: [String]
    /// The prompt file the LLM call used (e.g. "synthesize-v2").
    public var promptVersion: String?
    public var startedMs: Int64
    public var elapsedMs: Int64?
    public var usage: TokenUsage?
    /// The price of the model that answered (`model`), and what its call cost at it; nil when no
    /// model answered, the plan had no prices, or the usage is unknown.
    public var pricing: Pricing?
    public var cost: Cost?
    /// The user cancelled this merge while it ran; it fell back as a failed merge does.
    public var cancelled = false
    /// A newer merge (`p`, `s`, or a retried worker finishing) started while this one ran, so it
    /// was stopped before it ended. Kept for the record (README "Superseded merges"), never the
    /// run's answer: `RunRecord.latestAggregation` skips it. Not a user cancel, not a failure.
    public var superseded = false
    /// Inputs that were partial answers the user accepted (`Answer.partial`), in worker order.
    public var partialInputs: [Int] = []
    /// For a run with `--schema`: the merged object, each field's agreement and the review flag;
    /// nil for a free-text run (and in records made before structured answers).
    public var structured: StructuredOutcome?
    /// Requests this merge sent to aggregator models, answered or not (`AggregatorFallback.requests`):
    /// 0 for a vote, 1 for most merges, 2 for a judge's two passes, more when fallback models were
    /// tried. With the workers' attempts, what a run spent in calls (`--escalate`'s cost, the eval).
    public var modelCalls = 0
    /// For `judge`: the order(s) the answers were shown in, each pass's reply and pick, and how
    /// the final pick was made (`JudgeRecord`); kept when the judge named no answer, so a reader
    /// sees why the answers were concatenated. Nil for other strategies and older records.
    public var judge: JudgeRecord?

    public init(
        strategy: StrategyName, status: Status, output: String? = nil, fallbackUsed: Bool = false,
        error: String? = nil, inputs: [Int], dropped: [DroppedWorker] = [], tally: Tally, path: StrategyName? = nil,
        chosenWorker: Int? = nil, reason: String? = nil, disagreesWithMajority: Bool = false, warnings: [String] = [],
        model: String? = nil, modelErrors: [String] = [], promptVersion: String? = nil, startedMs: Int64,
        elapsedMs: Int64? = nil, usage: TokenUsage? = nil
    ) {
        self.strategy = strategy
        self.status = status
        self.output = output
        self.fallbackUsed = fallbackUsed
        self.error = error
        self.inputs = inputs
        self.dropped = dropped
        self.tally = tally
        self.path = path
        self.chosenWorker = chosenWorker
        self.reason = reason
        self.disagreesWithMajority = disagreesWithMajority
        self.warnings = warnings
        self.model = model
        self.modelErrors = modelErrors
        self.promptVersion = promptVersion
        self.startedMs = startedMs
        self.elapsedMs = elapsedMs
        self.usage = usage
    }

    enum CodingKeys: String, CodingKey {
        case strategy, status, output, fallbackUsed = "fallback_used", error, inputs, dropped, tally, path
        case chosenWorker = "chosen_worker", reason, disagreesWithMajority = "disagrees_with_majority", warnings
        case model, modelErrors = "model_errors", promptVersion = "prompt_version"
        case startedMs = "started_ms", elapsedMs = "elapsed_ms", usage
        case pricing = "price", costUSD = "cost_usd", costApproximate = "cost_approximate"
        case cancelled, partialInputs = "partial_inputs"
        case superseded
        case structured
        case judge
        case modelCalls = "model_calls"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            strategy: try c.decode(StrategyName.self, forKey: .strategy),
            status: try c.decode(Status.self, forKey: .status),
            output: try c.decodeIfPresent(String.self, forKey: .output),
            fallbackUsed: try c.decodeIfPresent(Bool.self, forKey: .fallbackUsed) ?? false,
            error: try c.decodeIfPresent(String.self, forKey: .error),
            inputs: try c.decodeIfPresent([Int].self, forKey: .inputs) ?? [],
            dropped: try c.decodeIfPresent([DroppedWorker].self, forKey: .dropped) ?? [],
            tally: try c.decodeIfPresent(Tally.self, forKey: .tally) ?? Tally(groups: []),
            path: try c.decodeIfPresent(StrategyName.self, forKey: .path),
            chosenWorker: try c.decodeIfPresent(Int.self, forKey: .chosenWorker),
            reason: try c.decodeIfPresent(String.self, forKey: .reason),
            disagreesWithMajority: try c.decodeIfPresent(Bool.self, forKey: .disagreesWithMajority) ?? false,
            warnings: try c.decodeIfPresent([String].self, forKey: .warnings) ?? [],
            model: try c.decodeIfPresent(String.self, forKey: .model),
            modelErrors: try c.decodeIfPresent([String].self, forKey: .modelErrors) ?? [],
            promptVersion: try c.decodeIfPresent(String.self, forKey: .promptVersion),
            startedMs: try c.decodeIfPresent(Int64.self, forKey: .startedMs) ?? 0,
            elapsedMs: try c.decodeIfPresent(Int64.self, forKey: .elapsedMs),
            usage: try c.decodeIfPresent(TokenUsage.self, forKey: .usage))
        // Added with prices; absent in older records.
        pricing = try c.decodeIfPresent(Pricing.self, forKey: .pricing)
        if let usd = try c.decodeIfPresent(Double.self, forKey: .costUSD) {
            cost = Cost(usd: usd, approximate: try c.decodeIfPresent(Bool.self, forKey: .costApproximate) ?? false)
        }
        // Added with issue 14; absent in older records.
        cancelled = try c.decodeIfPresent(Bool.self, forKey: .cancelled) ?? false
        partialInputs = try c.decodeIfPresent([Int].self, forKey: .partialInputs) ?? []
        // Added with issue 14's follow-ups; absent in older records.
        superseded = try c.decodeIfPresent(Bool.self, forKey: .superseded) ?? false
        // Added with structured answers (issue 18); absent in older records and free-text runs.
        structured = try c.decodeIfPresent(StructuredOutcome.self, forKey: .structured)
        // Added with issue 15's judge; absent in older records and for other strategies.
        judge = try c.decodeIfPresent(JudgeRecord.self, forKey: .judge)
        // Added with issue 15; absent in older records (read as 0: unknown).
        modelCalls = try c.decodeIfPresent(Int.self, forKey: .modelCalls) ?? 0
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(strategy, forKey: .strategy)
        try c.encode(status, forKey: .status)
        try c.encode(output, forKey: .output)
        try c.encode(fallbackUsed, forKey: .fallbackUsed)
        try c.encode(error, forKey: .error)
        try c.encode(inputs, forKey: .inputs)
        try c.encode(dropped, forKey: .dropped)
        try c.encode(tally, forKey: .tally)
        try c.encode(path, forKey: .path)
        try c.encode(chosenWorker, forKey: .chosenWorker)
        try c.encode(reason, forKey: .reason)
        try c.encode(disagreesWithMajority, forKey: .disagreesWithMajority)
        try c.encode(warnings, forKey: .warnings)
        try c.encode(model, forKey: .model)
        try c.encode(modelErrors, forKey: .modelErrors)
        try c.encode(promptVersion, forKey: .promptVersion)
        try c.encode(startedMs, forKey: .startedMs)
        try c.encode(elapsedMs, forKey: .elapsedMs)
        try c.encode(usage, forKey: .usage)
        try c.encodeIfPresent(pricing, forKey: .pricing)
        if let cost {
            try c.encode(cost.usd, forKey: .costUSD)
            if cost.approximate { try c.encode(true, forKey: .costApproximate) }
        }
        if cancelled { try c.encode(true, forKey: .cancelled) }
        if !partialInputs.isEmpty { try c.encode(partialInputs, forKey: .partialInputs) }
        if superseded { try c.encode(true, forKey: .superseded) }
        try c.encodeIfPresent(structured, forKey: .structured)
        try c.encodeIfPresent(judge, forKey: .judge)
        if modelCalls > 0 { try c.encode(modelCalls, forKey: .modelCalls) }
    }
}
