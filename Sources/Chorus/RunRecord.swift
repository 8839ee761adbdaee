import Foundation

/// Everything a run did: the plan, every worker attempt, every aggregation, the outcome.
///
/// This is the `--json` output and the saved session file. Its keys are a contract (see
/// README "The run record"): add keys freely, never rename or remove one.
public struct RunRecord: Sendable, Hashable {
    public static let schemaVersion = 1

    public enum Status: String, Sendable, Codable, Hashable {
        case running, succeeded, failed
    }

    /// Why a run failed, for scripts that branch on it.
    public enum FailureKind: String, Sendable, Codable, Hashable {
        case quorumNotMet = "quorum_not_met"
        case allFailed = "all_failed"
        case cancelled
    }

    /// What an early quorum did: when it was reached and which workers it cancelled.
    public struct EarlyQuorum: Sendable, Codable, Hashable {
        /// The setting: aggregate once this many workers agree (vote, auto) or succeeded (others).
        public var k: Int
        public var reachedMs: Int64?
        public var cancelled: [Int]
        /// The most time the cancelled workers could still have taken (their remaining timeouts):
        /// an upper bound on the time saved, since nobody knows when they would have finished.
        public var savedMsUpTo: Int64?

        public init(k: Int, reachedMs: Int64? = nil, cancelled: [Int] = [], savedMsUpTo: Int64? = nil) {
            self.k = k
            self.reachedMs = reachedMs
            self.cancelled = cancelled
            self.savedMsUpTo = savedMsUpTo
        }

        enum CodingKeys: String, CodingKey {
            case k, reachedMs = "reached_ms", cancelled, savedMsUpTo = "saved_ms_up_to"
        }
    }

    public var task: String
    public var startedAt: Date
    /// Nil unless `--early-quorum` was set.
    public var earlyQuorum: EarlyQuorum?
    public var workers: [WorkerRecord]
    public var aggregator: AggregatorSpec
    public var aggregations: [AggregationRecord]
    public var status: Status
    public var failure: FailureKind?
    public var error: String?
    /// From the run's start to its latest aggregation (or failure).
    public var elapsedMs: Int64?
    /// The plan's notes (`Plan.notes`), e.g. what the workers differ by when the model takes
    /// no temperature. Encoded only when there are some.
    public var notes: [String] = []
    /// The config profile the plan came from (`Plan.profile`); nil without one and in older
    /// records. Encoded only when set.
    public var profile: String?
    /// A follow-up turn's earlier exchanges, as its workers sent them (`Plan.history`); empty for
    /// a first turn and in older records. Encoded only when there are some.
    public var history: [PriorTurn] = []
    /// A follow-up turn's mode (`Plan.followUp`); nil for a first turn. Encoded only when set.
    public var followUp: FollowUpMode?
    /// This record's turn number in its conversation: 1 plus the earlier exchanges it carries.
    public var turn: Int { history.count + 1 }

    /// Files and piped text sent with the task (`Plan.context`): names and sizes, and the text
    /// only with `--save-context`. Nil without, and in older records. Encoded only when set.
    public var context: PromptContext?

    /// What the models were asked: the task, then the context's blocks (`PromptContext.prompt`).
    public var prompt: String { context?.prompt(task: task) ?? task }

    /// What `--escalate` planned and did (`EscalationRecord`); nil without it and in older
    /// records. Encoded only when set, with its derived spend (`EscalationReport`).
    public var escalation: EscalationRecord?

    public init(plan: Plan, startedAt: Date) {
        task = plan.task
        self.startedAt = startedAt
        workers = plan.workers.map { WorkerRecord(spec: $0) }
        aggregator = plan.aggregator
        aggregations = []
        status = .running
        earlyQuorum = plan.earlyQuorum.map { EarlyQuorum(k: $0) }
        notes = plan.notes
        profile = plan.profile
        history = plan.history
        followUp = plan.followUp
        context = plan.context
        escalation = plan.escalation.flatMap { $0.budget > 0 ? EscalationRecord(plan: $0) : nil }
    }

    /// The plan this record ran: its planned workers (not the ones escalation added) and the
    /// same escalation plan, so a follow-up turn plans the same N and reserve again.
    public var plan: Plan {
        let planned = workers.filter { !$0.escalated }.map(\.spec)
        var plan = Plan(task: task, workers: planned, aggregator: aggregator, earlyQuorum: earlyQuorum?.k, notes: notes)
        plan.escalation = escalation?.plan
        plan.profile = profile
        plan.history = history
        plan.followUp = followUp
        plan.context = context
        return plan
    }

    /// What a reader should know about the latest answer (see `AggregationRecord.warnings`).
    public var warnings: [String] { status == .succeeded ? latestAggregation?.warnings ?? [] : [] }

    /// The newest aggregation that was not superseded by a newer merge: the run's answer.
    public var latestAggregation: AggregationRecord? { aggregations.last { !$0.superseded } }
    public var output: String? { status == .succeeded ? latestAggregation?.output : nil }
    public var strategy: StrategyName { latestAggregation?.strategy ?? aggregator.strategy }
    public var fallbackUsed: Bool { latestAggregation?.fallbackUsed ?? false }
    public var succeededCount: Int { workers.filter(\.succeeded).count }
    /// The succeeded workers' answers in worker order: what an aggregation merges and an early
    /// quorum counts. Each worker gives its chosen variant's answer (`WorkerRecord.chosen`), so
    /// every merge, the quorum and a follow-up turn use the variant the user picked.
    /// A worker whose partial answer the user accepted is among them, marked `partial`.
    public var answers: [Answer] {
        workers.filter(\.answered).map {
            Answer(
                worker: $0.index, label: $0.spec.label, text: $0.text, stopReason: $0.latest?.stopReason,
                partial: !$0.succeeded, object: $0.latest?.object)
        }
    }
    /// Workers whose text goes into the merge: the succeeded ones and the accepted partials. The
    /// quorum counts these, so an accepted partial counts only once the user accepted it.
    public var answeredCount: Int { workers.filter(\.answered).count }
    /// Of the planned N workers (`plannedWorkerCount`): escalation's extra workers never raise it.
    public var quorum: Int { Quorum.required(workerCount: plannedWorkerCount) }

    /// Token usage summed over every attempt (of every variant) and aggregation; approximate if any part was.
    public var totalUsage: TokenUsage {
        var total = TokenUsage()
        let all = workers.flatMap(\.allAttempts).compactMap(\.usage) + aggregations.compactMap(\.usage)
        for u in all {
            if let p = u.promptTokens { total.promptTokens = (total.promptTokens ?? 0) + p }
            if let c = u.completionTokens { total.completionTokens = (total.completionTokens ?? 0) + c }
            if let r = u.reasoningTokens { total.reasoningTokens = (total.reasoningTokens ?? 0) + r }
            if let c = u.cachedPromptTokens { total.cachedPromptTokens = (total.cachedPromptTokens ?? 0) + c }
            total.approximate = total.approximate || u.approximate
        }
        return total
    }

    /// Applies the quorum rule to the workers as they stand: nil when the quorum is met,
    /// otherwise the failure kind and its one-paragraph message naming every worker's reason.
    public func quorumFailure() -> (kind: FailureKind, message: String)? {
        // The planned N is the denominator; an extra worker's success counts in `answeredCount`.
        let n = plannedWorkerCount
        switch Quorum.verdict(succeeded: answeredCount, workerCount: n) {
        case .met:
            return nil
        case .allFailed:
            let reasons = workers.map { "worker \($0.index + 1): \($0.reason)" }.joined(separator: "; ")
            return (.allFailed, "All \(n) worker\(n == 1 ? "" : "s") failed: \(reasons)")
        case let .notMet(succeeded, required):
            let reasons = workers.filter { !$0.answered }.map { "worker \($0.index + 1): \($0.reason)" }
                .joined(separator: "; ")
            return (
                .quorumNotMet,
                "Quorum not met: \(succeeded) of \(n) workers succeeded, \(required) needed. \(reasons)"
            )
        }
    }
}

extension RunRecord: Codable {
    enum CodingKeys: String, CodingKey {
        case version, task, startedAt = "started_at", status, failure, output, error, strategy
        case fallbackUsed = "fallback_used", quorum, succeeded, elapsedMs = "elapsed_ms", usage
        case workers, aggregations, aggregator, earlyQuorum = "early_quorum", warnings, notes
        case costUSD = "cost_usd", costApproximate = "cost_approximate", costUnknownCalls = "cost_unknown_calls"
        case priceSources = "price_sources"
        case profile, context
        case history, followUp = "follow_up"
        case escalation
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.schemaVersion, forKey: .version)
        try c.encode(task, forKey: .task)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(status, forKey: .status)
        try c.encode(failure, forKey: .failure)
        try c.encode(output, forKey: .output)
        try c.encode(error, forKey: .error)
        try c.encode(strategy, forKey: .strategy)
        try c.encode(fallbackUsed, forKey: .fallbackUsed)
        try c.encode(quorum, forKey: .quorum)
        try c.encode(succeededCount, forKey: .succeeded)
        try c.encode(elapsedMs, forKey: .elapsedMs)
        try c.encode(totalUsage, forKey: .usage)
        try c.encode(workers, forKey: .workers)
        try c.encode(aggregations, forKey: .aggregations)
        try c.encode(aggregator, forKey: .aggregator)
        try c.encode(earlyQuorum, forKey: .earlyQuorum)
        try c.encode(warnings, forKey: .warnings)
        if !notes.isEmpty { try c.encode(notes, forKey: .notes) }
        try c.encodeIfPresent(profile, forKey: .profile)
        // Added with follow-up turns (issue 17): only on a follow-up turn's record.
        if !history.isEmpty { try c.encode(history, forKey: .history) }
        try c.encodeIfPresent(followUp, forKey: .followUp)
        try c.encodeIfPresent(context, forKey: .context)
        // Added with escalation (issue 15): only when `--escalate` was set.
        if let escalation { try c.encode(EscalationReport(block: escalation, spend: escalationSpend, later: escalationLater), forKey: .escalation) }
        // Added with prices (derived from the attempts and aggregations, so never decoded): the
        // known part of the cost, whether it is approximate, the calls on unpriced models.
        let cost = totalCost
        if !cost.isEmpty {
            try c.encode(cost.cost?.usd, forKey: .costUSD)
            try c.encode(cost.approximate, forKey: .costApproximate)
            try c.encode(cost.unknownCalls, forKey: .costUnknownCalls)
        }
        let sources = priceSources
        if !sources.isEmpty { try c.encode(sources, forKey: .priceSources) }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        task = try c.decode(String.self, forKey: .task)
        startedAt = try c.decode(Date.self, forKey: .startedAt)
        workers = try c.decode([WorkerRecord].self, forKey: .workers)
        aggregator = try c.decode(AggregatorSpec.self, forKey: .aggregator)
        aggregations = try c.decode([AggregationRecord].self, forKey: .aggregations)
        status = try c.decode(Status.self, forKey: .status)
        failure = try c.decodeIfPresent(FailureKind.self, forKey: .failure)
        error = try c.decodeIfPresent(String.self, forKey: .error)
        elapsedMs = try c.decodeIfPresent(Int64.self, forKey: .elapsedMs)
        earlyQuorum = try c.decodeIfPresent(EarlyQuorum.self, forKey: .earlyQuorum)
        notes = try c.decodeIfPresent([String].self, forKey: .notes) ?? []
        profile = try c.decodeIfPresent(String.self, forKey: .profile)
        history = try c.decodeIfPresent([PriorTurn].self, forKey: .history) ?? []
        followUp = try c.decodeIfPresent(FollowUpMode.self, forKey: .followUp)
        context = try c.decodeIfPresent(PromptContext.self, forKey: .context)
        escalation = try c.decodeIfPresent(EscalationRecord.self, forKey: .escalation)
    }

    /// The encoder the record is always written with: ISO 8601 dates, stable key order.
    public static func makeEncoder(pretty: Bool = true) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    public func jsonData(pretty: Bool = true) throws -> Data { try Self.makeEncoder(pretty: pretty).encode(self) }
}
