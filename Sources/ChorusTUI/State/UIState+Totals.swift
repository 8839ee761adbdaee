import Chorus

/// The header's running totals. The record is synced only when the controller publishes it (a
/// merge, a retry's end), so a worker that ended while others still wait is counted from its
/// pane: the total is what is known so far, never blank while any call waits (issue 14
/// follow-up: "~20 tok" vanished for 16 s).
extension UIState {
    /// Tokens the run used so far: earlier attempts and aggregations from the record, plus each
    /// worker's current attempt (the provider's counts, else its chunks, marked approximate).
    /// Nil before any.
    public var runTokens: (count: Int, approximate: Bool)? {
        var count = (earlierUsage.promptTokens ?? 0) + (earlierUsage.completionTokens ?? 0)
        var approximate = earlierUsage.approximate
        for pane in panes {
            guard let tokens = pane.tokens else { continue }
            count += tokens.count + (pane.progress.usage?.promptTokens ?? 0)
            approximate = approximate || tokens.approximate
        }
        return count > 0 ? (count, approximate) : nil
    }

    /// What the run cost so far, the same way: the record's earlier calls plus each current
    /// attempt (its recorded cost once it ended, else its usage so far at its model's price).
    public var liveCost: CostTotal {
        var total = earlierCost
        for pane in panes where pane.attempt > 0 {
            let usage = pane.progress.usage ?? pane.tokens.map { TokenUsage(completionTokens: $0.count, approximate: true) }
            let pricing = pane.spec.model.pricing
            total.add(pane.finished?.cost ?? pricing?.cost(of: usage), pricing: pricing, usage: usage)
        }
        return total
    }

    /// Tokens and cost of the record's aggregations and of every attempt but each worker's
    /// latest (which its pane counts).
    static func earlierTotals(_ record: RunRecord) -> (usage: TokenUsage, cost: CostTotal) {
        var usage = TokenUsage()
        var cost = CostTotal()
        func add(_ u: TokenUsage?) {
            guard let u else { return }
            if let p = u.promptTokens { usage.promptTokens = (usage.promptTokens ?? 0) + p }
            if let c = u.completionTokens { usage.completionTokens = (usage.completionTokens ?? 0) + c }
            usage.approximate = usage.approximate || u.approximate
        }
        for worker in record.workers {
            for attempt in worker.attempts.dropLast() {
                add(attempt.usage)
                cost.add(attempt.cost, pricing: worker.spec.model.pricing, usage: attempt.usage)
            }
        }
        for aggregation in record.aggregations {
            add(aggregation.usage)
            cost.add(aggregation.cost, pricing: aggregation.pricing, usage: aggregation.usage)
        }
        return (usage, cost)
    }
}
