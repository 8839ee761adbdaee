extension MarkdownReport {
    /// "| Cost | $0.0123 (prices: LiteLLM ..., checked 2026-11-29) |"; nil for a record without prices.
    static func costRow(_ record: RunRecord) -> String? {
        guard let text = record.totalCost.text else { return nil }
        let sources = record.priceSources
        return "| Cost | \(text)\(sources.isEmpty ? "" : " (prices: \(cell(sources.joined(separator: "; "))))") |"
    }

    /// "- Price: $0.15 in / $0.60 out / $0.075 cached per 1M tokens (LiteLLM ..., checked ...)".
    static func priceLine(_ choice: ModelChoice) -> String? {
        switch choice.pricing {
        case .known(let price)?:
            return "- Price: " + (price.isFree ? "free (\(price.source))" : "\(price.rateText) (\(price.sourceText))")
        case .unknown(let reason)?: return "- Price: cost unknown (\(reason))"
        case nil: return nil
        }
    }

    /// One line per aggregation that called a priced model: "Aggregation 1 cost $0.0004 (openai/gpt-4o-mini)".
    static func aggregationCostLines(_ record: RunRecord) -> [String] {
        var lines: [String] = []
        for (i, a) in record.aggregations.enumerated() {
            if let cost = a.cost {
                lines.append("- Aggregation \(i + 1) cost \(cost.text)\(a.model.map { " (\($0))" } ?? "")")
            } else if case .unknown? = a.pricing, a.usage?.totalTokens != nil {
                lines.append("- Aggregation \(i + 1): cost unknown\(a.model.map { " (\($0))" } ?? "")")
            }
        }
        return lines.isEmpty ? [] : [""] + lines
    }
}
