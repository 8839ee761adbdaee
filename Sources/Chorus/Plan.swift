import Foundation

/// The task and every worker's settings: everything a run needs besides the models themselves.
public struct Plan: Sendable, Codable, Hashable {
    public static let defaultWorkerCount = 3
    public static let defaultTemperatureRange: ClosedRange<Double> = 0.2...1.0
    public static let defaultTimeout: Duration = .seconds(15)
    public static let defaultIdleTimeout: Duration = .seconds(10)
    public static let defaultAggregatorTimeout: Duration = .seconds(45)
    /// `chorus batch`'s wait for a response head when `head_timeout` is unset: two windows of a
    /// proxy's per-minute rate limit (LiteLLM's `rpm` holds the requests above it until its next
    /// 60 s window instead of answering 429), so a held request is answered, not given up on.
    public static let batchHeadTimeout: Duration = .seconds(120)
    /// How many times `chorus batch` sends a worker's request again after an attempt that got no
    /// response at all (timed out before the head): nothing was produced, so nothing is paid twice.
    public static let batchResends = 2

    public var task: String
    public var workers: [WorkerSpec]
    public var aggregator: AggregatorSpec
    /// Opt-in: aggregate as soon as this many workers agree (vote, auto) or have succeeded
    /// (other strategies), cancelling the rest. At least the quorum, ceil(N/2).
    public var earlyQuorum: Int?
    /// What a reader of the run should know about the plan itself, one line each: e.g. that
    /// the model takes no temperature, so the workers differ by seed instead (written by the
    /// CLI's `PlanBuilder`; copied into the run record). Empty for most plans.
    public var notes: [String] = []
    /// The config profile the plan was made from (`--profile`, `CHORUS_PROFILE` or `[defaults]
    /// profile`), for the UI's header; nil without one. Copied into the run record.
    public var profile: String?
    /// The earlier exchanges of a conversation this plan continues (a follow-up turn, issue 17),
    /// oldest first; empty for a first turn. Each worker sends them between its focus and `task`
    /// (`WorkerSpec.messages(task:history:)`). Copied into the run record.
    public var history: [PriorTurn] = []
    /// How `history`'s assistant turns were chosen; nil for a first turn. Copied into the record.
    public var followUp: FollowUpMode?
    /// Files and piped text sent with the task (`-f/--file`, stdin beside a task); nil without.
    /// Copied into the run record. The workers and the aggregator get `prompt`.
    public var context: PromptContext?
    /// Adaptive sampling (`--escalate K`): up to K extra workers, started when the first N
    /// answers have no clear group (`EscalationPlan`, README "Escalation"); nil is off. Copied
    /// into the run record (`RunRecord.escalation`). JSON key `escalation`, written only when set.
    public var escalation: EscalationPlan?

    /// What the models are asked: the task, then the context's delimited blocks.
    public var prompt: String { context?.prompt(task: task) ?? task }

    public init(
        task: String, workers: [WorkerSpec], aggregator: AggregatorSpec, earlyQuorum: Int? = nil, notes: [String] = []
    ) {
        self.task = task
        self.workers = workers
        self.aggregator = aggregator
        self.earlyQuorum = earlyQuorum
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case task, workers, aggregator, earlyQuorum = "early_quorum", notes, profile, context
        case history, followUp = "follow_up"
        case escalation
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        task = try c.decode(String.self, forKey: .task)
        workers = try c.decode([WorkerSpec].self, forKey: .workers)
        aggregator = try c.decode(AggregatorSpec.self, forKey: .aggregator)
        earlyQuorum = try c.decodeIfPresent(Int.self, forKey: .earlyQuorum)
        notes = try c.decodeIfPresent([String].self, forKey: .notes) ?? []
        profile = try c.decodeIfPresent(String.self, forKey: .profile)
        history = try c.decodeIfPresent([PriorTurn].self, forKey: .history) ?? []
        followUp = try c.decodeIfPresent(FollowUpMode.self, forKey: .followUp)
        context = try c.decodeIfPresent(PromptContext.self, forKey: .context)
        escalation = try c.decodeIfPresent(EscalationPlan.self, forKey: .escalation)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(task, forKey: .task)
        try c.encode(workers, forKey: .workers)
        try c.encode(aggregator, forKey: .aggregator)
        try c.encodeIfPresent(earlyQuorum, forKey: .earlyQuorum)
        // Added later: written only when there are some, so other plans encode as before.
        if !notes.isEmpty { try c.encode(notes, forKey: .notes) }
        try c.encodeIfPresent(profile, forKey: .profile)
        if !history.isEmpty { try c.encode(history, forKey: .history) }
        try c.encodeIfPresent(followUp, forKey: .followUp)
        try c.encodeIfPresent(context, forKey: .context)
        try c.encodeIfPresent(escalation, forKey: .escalation)
    }

    /// Builds the usual plan: `count` workers on one model, temperatures spread evenly over
    /// `temperatures` (worker i of N gets min + i*(max-min)/(N-1); N = 1 gets min), focus area i
    /// to worker i, cycling when there are fewer areas than workers. `escalate` K > 0 plans K
    /// extra workers by the same rules, continuing the focus areas, with temperatures by
    /// `EscalationPlan.temperatures(count:after:in:)`.
    public init(
        task: String,
        workerCount: Int = Plan.defaultWorkerCount,
        temperatures: ClosedRange<Double> = Plan.defaultTemperatureRange,
        focusAreas: [String] = [],
        model: ModelChoice,
        maxTokens: Int? = nil,
        timeout: Duration = Plan.defaultTimeout,
        idleTimeout: Duration = Plan.defaultIdleTimeout,
        aggregator: AggregatorSpec? = nil,
        earlyQuorum: Int? = nil,
        escalate: Int = 0
    ) {
        let n = max(0, workerCount)
        let k = max(0, escalate)
        let extraTemperatures = EscalationPlan.temperatures(
            count: k, after: Plan.spread(temperatures, count: n), in: temperatures)
        let specs = (0..<(n + k)).map { i in
            WorkerSpec(
                index: i, temperature: i < n ? Plan.temperature(forWorker: i, of: n, in: temperatures) : extraTemperatures[i - n],
                focus: Plan.focus(forWorker: i, areas: focusAreas),
                model: model, maxTokens: maxTokens, timeout: timeout, idleTimeout: idleTimeout)
        }
        self.init(
            task: task, workers: Array(specs.prefix(n)), aggregator: aggregator ?? AggregatorSpec(model: model), earlyQuorum: earlyQuorum)
        if k > 0 { self.escalation = EscalationPlan(budget: k, reserve: Array(specs.dropFirst(n))) }
    }

    // MARK: - The spread rule (DESIGN.md, "Plan")

    /// Worker `index`'s temperature when `count` workers share `range`: evenly spread, worker i of
    /// N gets min + i*(max-min)/(N-1), and N = 1 gets min. Different temperatures make the samples
    /// differ, which is what the merge feeds on. Whatever builds a plan (this initializer, the
    /// CLI's settings) calls this rather than restating the rule.
    public static func temperature(forWorker index: Int, of count: Int, in range: ClosedRange<Double>) -> Double {
        guard count > 1 else { return range.lowerBound }
        let step = (range.upperBound - range.lowerBound) / Double(count - 1)
        // Round to 1e-6 so 0.2 + 2*0.4 prints as 1.0, not 1.0000000000000002.
        return ((range.lowerBound + Double(index) * step) * 1_000_000).rounded() / 1_000_000
    }

    /// Every worker's temperature when `count` workers share `range` (see `temperature(forWorker:of:in:)`).
    public static func spread(_ range: ClosedRange<Double>, count: Int) -> [Double] {
        (0..<max(0, count)).map { temperature(forWorker: $0, of: count, in: range) }
    }

    /// Worker `index`'s focus area: area i goes to worker i, cycling when there are fewer areas
    /// than workers; nil when there are none.
    public static func focus(forWorker index: Int, areas: [String]) -> String? {
        areas.isEmpty ? nil : areas[index % areas.count]
    }

    /// Fewest successful workers that still make a run: ceil(N/2).
    public var quorum: Int { Quorum.required(workerCount: workers.count) }

    /// Problems that make the plan unusable, each one line naming the setting and the fix.
    public func validate() -> [String] {
        var problems: [String] = []
        if workers.isEmpty { problems.append("workers: 0 workers; use at least 1 (e.g. --workers 3)") }
        if task.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append("task: the task is empty; give the question as an argument or on standard input")
        }
        for w in workers + (escalation?.reserve ?? []) {
            if w.timeout <= .zero { problems.append("worker \(w.index + 1): timeout must be above 0 s") }
            if w.idleTimeout <= .zero { problems.append("worker \(w.index + 1): idle timeout must be above 0 s") }
            if !(0...2).contains(w.temperature) {
                problems.append("worker \(w.index + 1): temperature \(w.temperature) is outside 0...2")
            }
        }
        if let escalation {
            if escalation.budget < 0 {
                problems.append("escalate: \(escalation.budget) is below 0; give the most extra workers to start, e.g. --escalate 4 (0 is off)")
            } else if escalation.reserve.count < escalation.budget {
                problems.append(
                    "escalate: a budget of \(escalation.budget) but \(escalation.reserve.count) reserve worker\(escalation.reserve.count == 1 ? "" : "s"); plan one per extra worker")
            }
        }
        if aggregator.timeout <= .zero { problems.append("aggregator: timeout must be above 0 s") }
        if let k = earlyQuorum, !workers.isEmpty, !(quorum...workers.count).contains(k) {
            problems.append(
                "early quorum: \(k) is outside \(quorum)...\(workers.count); it must be at least the quorum (ceil(N/2)) and at most the worker count")
        }
        // A count above the worker count can never be met: every answer would need review.
        if case .count(let k)? = aggregator.minAgreement, !workers.isEmpty, k > workers.count {
            problems.append(
                "min agreement: \(k) is more than the \(workers.count) worker\(workers.count == 1 ? "" : "s"), so every answer would be flagged needs_review; use at most \(workers.count), or a fraction such as 0.6")
        }
        return problems
    }
}
