extension WorkerRecord {
    /// Every attempt of this worker added up, each variant's at that variant's price (a rerun
    /// on another model costs what that model costs; the original's calls were paid too).
    public var totalCost: CostTotal {
        var total = CostTotal()
        for variant in variants {
            for attempt in variant.attempts {
                total.add(attempt.cost, pricing: variant.spec.model.pricing, usage: attempt.usage)
            }
        }
        return total
    }
}

extension RunRecord {
    /// What the run cost so far: every attempt of every worker and every aggregation that called
    /// a model. The record's `cost_usd`, the answer area's total and `chorus run`'s warning.
    public var totalCost: CostTotal {
        var total = CostTotal()
        for worker in workers { total.add(worker.totalCost) }
        for aggregation in aggregations { total.add(aggregation.cost, pricing: aggregation.pricing, usage: aggregation.usage) }
        return total
    }

    /// The distinct price sources the run's models were costed with ("LiteLLM ..., checked
    /// 2026-11-29", "local server", "config [prices.\"lab:qwen\"]").
    public var priceSources: [String] {
        let choices = workers.flatMap { $0.variants.map(\.spec.model) } + aggregator.chain
        var seen: [String] = []
        for case .known(let price)? in choices.map(\.pricing) where !seen.contains(price.sourceText) {
            seen.append(price.sourceText)
        }
        return seen
    }
}
