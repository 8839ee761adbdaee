/// What the extra workers of `--escalate` cost, derived from their attempts (never stored, so it
/// is right after a retry of an extra worker too).
public struct EscalationSpend: Sendable, Hashable {
    /// Calls made by extra workers: every attempt of every variant (a retry or a re-send is one).
    public var calls: Int
    /// Their token usage, summed; nil when no attempt reported any.
    public var usage: TokenUsage?
    /// Their cost, when priced.
    public var cost: CostTotal
}

extension RunRecord {
    /// The workers started by escalation (`WorkerRecord.escalated`), in order.
    public var escalatedWorkers: [WorkerRecord] { workers.filter(\.escalated) }

    /// The planned worker count N: the quorum's denominator. An extra worker's success counts
    /// toward the quorum, its failure never turns a run into a quorum failure (README "Escalation").
    public var plannedWorkerCount: Int { workers.count - escalatedWorkers.count }

    /// Model calls made by the workers: every attempt of every worker and variant (retries and
    /// re-sends included; the merge's own call is not a worker call). Batch lines print it as
    /// `calls`, so the spend of `--escalate` and `--early-quorum` can be compared per item.
    public var workerCalls: Int { workers.reduce(0) { $0 + $1.allAttempts.count } }

    /// What escalation cost: its extra workers' calls, tokens and dollars.
    public var escalationSpend: EscalationSpend {
        var usage: TokenUsage?
        var cost = CostTotal()
        var calls = 0
        for worker in escalatedWorkers {
            calls += worker.allAttempts.count
            cost.add(worker.totalCost)
            for u in worker.allAttempts.compactMap(\.usage) {
                var total = usage ?? TokenUsage()
                if let p = u.promptTokens { total.promptTokens = (total.promptTokens ?? 0) + p }
                if let c = u.completionTokens { total.completionTokens = (total.completionTokens ?? 0) + c }
                if let r = u.reasoningTokens { total.reasoningTokens = (total.reasoningTokens ?? 0) + r }
                if let c = u.cachedPromptTokens { total.cachedPromptTokens = (total.cachedPromptTokens ?? 0) + c }
                total.approximate = total.approximate || u.approximate
                usage = total
            }
        }
        return EscalationSpend(calls: calls, usage: usage, cost: cost)
    }
}

/// The record's `escalation` block as written: the stored block plus its derived spend
/// (`calls`, `usage`, `cost_usd`), so a reader of the JSON sees what escalation cost.
struct EscalationReport: Encodable {
    var block: EscalationRecord
    var spend: EscalationSpend

    enum CodingKeys: String, CodingKey { case calls, usage, costUSD = "cost_usd" }

    func encode(to encoder: any Encoder) throws {
        try block.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(spend.calls, forKey: .calls)
        try c.encodeIfPresent(spend.usage, forKey: .usage)
        try c.encodeIfPresent(spend.cost.cost?.usd, forKey: .costUSD)
    }
}
