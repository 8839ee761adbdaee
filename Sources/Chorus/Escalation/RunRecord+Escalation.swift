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

extension RunRecord {
    /// When escalation stopped with no group clear (budget spent, out of reach, no answers,
    /// cancelled) but the answers have one now, because a worker was retried, rerun or another
    /// variant chosen after the loop: "a group is clear: 3 of 6 say 389". Nil otherwise.
    ///
    /// The block keeps its own history (`stop`, `reason`: what the loop saw when it stopped);
    /// this says what changed since, so no view shows "no group is clear" beside an answer that
    /// took a clear group (issue 15). Derived, never stored: the JSON's `escalation.later`.
    public var escalationLater: String? {
        guard let block = escalation, let stop = block.stop, stop != .clear else { return nil }
        let answers = self.answers
        guard let winner = EscalationStep.reading(answers, task: prompt).clearWinner else { return nil }
        return EscalationStep.clearReason(winner, answers: answers)
    }

    /// The one line every view shows for escalation (headless stderr, progress, the UI, the
    /// report): the block's `summary`, and what changed since when a group became clear later:
    /// "escalated: +3 workers, budget spent, no group is clear (since then a group is clear: 2 of
    /// 3 say Paris)". Empty without a block.
    public var escalationSummary: String {
        guard let block = escalation else { return "" }
        return block.summary + (escalationLater.map { " (since then \($0))" } ?? "")
    }
}

/// The record's `escalation` block as written: the stored block plus its derived spend
/// (`calls`, `usage`, `cost_usd`), so a reader of the JSON sees what escalation cost, and
/// `later` when a group became clear after the loop stopped without one.
struct EscalationReport: Encodable {
    var block: EscalationRecord
    var spend: EscalationSpend
    /// `RunRecord.escalationLater`, written as `later` when set.
    var later: String?

    enum CodingKeys: String, CodingKey { case calls, usage, costUSD = "cost_usd", later }

    func encode(to encoder: any Encoder) throws {
        try block.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(spend.calls, forKey: .calls)
        try c.encodeIfPresent(spend.usage, forKey: .usage)
        try c.encodeIfPresent(spend.cost.cost?.usd, forKey: .costUSD)
        try c.encodeIfPresent(later, forKey: .later)
    }
}
