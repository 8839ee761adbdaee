import Chorus

extension RunWarnings {
    /// `cost_warn`: one warning when the run cost more than the amount, or when its cost cannot
    /// be checked against it (calls on models with no price). Nothing when `cost_warn` is unset.
    /// Printed for failed runs too: a failed run's calls were billed all the same.
    public static func costLines(for record: RunRecord, warnAbove limit: Double?) -> [String] {
        guard let limit else { return [] }
        let total = record.totalCost
        var lines: [String] = []
        if let cost = total.cost, cost.usd > limit {
            lines.append("warning: this run cost \(total.text ?? cost.text), over cost_warn \(Cost.dollars(limit))")
        }
        if total.unknownCalls > 0 {
            let models = Set((record.workers.map(\.spec.model) + record.aggregator.chain).filter { $0.pricing?.price == nil }
                .map { "\($0.provider)/\($0.model)" }).sorted()
            lines.append(
                "warning: cost_warn \(Cost.dollars(limit)) cannot be checked: \(total.unknownCalls) call\(total.unknownCalls == 1 ? "" : "s") on a model with no price (\(models.joined(separator: ", "))); set [prices.\"PROVIDER:MODEL\"] in the config")
        }
        return lines.map(TerminalSafeText.oneLine)
    }
}
