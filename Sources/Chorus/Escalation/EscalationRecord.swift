/// What adaptive sampling (`--escalate K`) did in one run: its budget and reserve, the extra
/// workers started at each step, and why it stopped (the record's `escalation` block; nil in a
/// run without `--escalate` and in older records).
///
/// JSON: `budget`, `reserve` (the planned extra workers, so a follow-up turn or a reopened
/// session plans the same ones), `steps` (`[{"workers": [5], "at_ms": 1200, "why": "..."}]`),
/// `started` (every extra worker's index), `stop` (`clear`, `budget_spent`, `out_of_reach`,
/// `no_answers`, `cancelled`; absent while it has not run) and `reason` (one line: "a group is
/// clear: 3 of 7 say 389"). `RunRecord` adds what it cost, derived from the extra workers'
/// attempts: `calls`, `usage` and `cost_usd` (when priced).
public struct EscalationRecord: Sendable, Codable, Hashable {
    /// Why the escalation loop ended.
    public enum Stop: String, Sendable, Codable, Hashable {
        /// `AggregationInput.clearWinner` found a group (possibly before any extra worker).
        case clear
        /// Every extra worker the budget allows was started (or the reserve ran out).
        case budgetSpent = "budget_spent"
        /// Not even every remaining extra answer joining the largest group would make it clear
        /// (e.g. long answers, which never match exactly): starting them would spend calls for
        /// nothing.
        case outOfReach = "out_of_reach"
        /// No worker answered, so there is no group to build on.
        case noAnswers = "no_answers"
        /// The run was stopped (`cancelAll`).
        case cancelled
    }

    /// One round of extra workers, started at once and waited for.
    public struct Step: Sendable, Codable, Hashable {
        /// The extra workers' indices.
        public var workers: [Int]
        /// When they started, in ms from the run's start.
        public var atMs: Int64
        /// Why this many: e.g. "2-2-1: 1 more answer could make a group clear".
        public var why: String

        public init(workers: [Int], atMs: Int64, why: String) {
            self.workers = workers
            self.atMs = atMs
            self.why = why
        }

        enum CodingKeys: String, CodingKey { case workers, atMs = "at_ms", why }
    }

    public var budget: Int
    public var reserve: [WorkerSpec]
    public var steps: [Step] = []
    public var stop: Stop?
    /// One line saying why it stopped ("a group is clear: 3 of 7 say 389", "budget spent").
    public var reason: String?

    public init(plan: EscalationPlan) {
        budget = plan.budget
        reserve = plan.reserve
    }

    /// The plan it was made from (a follow-up turn plans the same one again).
    public var plan: EscalationPlan { EscalationPlan(budget: budget, reserve: reserve) }

    /// Every extra worker started, in order.
    public var started: [Int] { steps.flatMap(\.workers) }

    /// How many extra workers the budget still allows.
    public var left: Int { max(0, min(budget, reserve.count) - started.count) }

    /// "escalated: +2 workers, a group is clear (3 of 7 say 389)", or "escalation not needed: a
    /// group is clear (3 of 5 say 389)": the line headless progress, the review line, the UI and
    /// the report show.
    public var summary: String {
        let n = started.count
        let why = reason.map { ", \($0)" } ?? ""
        guard n > 0 else {
            switch stop {
            case .clear?: return "escalation not needed\(why)"
            case nil: return "escalation: \(budget) extra worker\(budget == 1 ? "" : "s") planned"
            default: return "escalated: none\(why)"
            }
        }
        return "escalated: +\(n) worker\(n == 1 ? "" : "s")\(why)"
    }

    enum CodingKeys: String, CodingKey {
        case budget, reserve, steps, started, stop, reason
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        budget = try c.decode(Int.self, forKey: .budget)
        reserve = try c.decodeIfPresent([WorkerSpec].self, forKey: .reserve) ?? []
        steps = try c.decodeIfPresent([Step].self, forKey: .steps) ?? []
        stop = try c.decodeIfPresent(Stop.self, forKey: .stop)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(budget, forKey: .budget)
        try c.encode(reserve, forKey: .reserve)
        try c.encode(steps, forKey: .steps)
        try c.encode(started, forKey: .started)
        try c.encodeIfPresent(stop, forKey: .stop)
        try c.encodeIfPresent(reason, forKey: .reason)
    }
}
