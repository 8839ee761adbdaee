import Chorus

/// `--budget` for one run (`chorus run`, `chorus`): the run does not start when its worst case
/// (`RunEstimate`: every call writing its max tokens) exceeds the budget, unless `--over-budget`.
/// A budget cannot be kept with a model whose price is unknown, so that is refused too, naming
/// the model and the config key that gives it a price.
enum RunBudget {
    static func check(_ plan: Plan, budget: Double?, overBudget: Bool) throws(ChorusError) {
        guard let budget else { return }
        let estimate = RunEstimate(plan: plan)
        try requirePrices(estimate, budget: budget)
        let worst = estimate.worstCost.usd
        guard worst > budget, !overBudget else { return }
        throw ChorusError(
            "--budget \(Cost.dollars(budget)): this run could cost up to \(Cost.dollars(worst)) (every call writing its max tokens; see --dry-run); lower --max-tokens or --workers, raise --budget, or pass --over-budget to run it anyway",
            code: .budgetReached)
    }

    /// Every call of the plan must have a price for a budget to mean anything.
    static func requirePrices(_ estimate: RunEstimate, budget: Double) throws(ChorusError) {
        guard let call = estimate.unpriced.first else { return }
        let why: String
        if case .unknown(let reason)? = call.model.pricing { why = reason } else { why = "no price was looked up" }
        throw .usage("--budget \(Cost.dollars(budget)): cannot keep to a budget without a price for \(call.model.provider)/\(call.model.model): \(why)")
    }
}
