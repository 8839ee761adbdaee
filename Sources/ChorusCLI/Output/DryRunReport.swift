import Chorus

/// What `--dry-run` prints: the plan (workers, models, providers, prices, aggregator) and an
/// estimate of tokens and cost from typical to worst case (`RunEstimate`), labelled as an
/// estimate. Pure: plan and estimates in, text out; nothing is sent anywhere.
enum DryRunReport {
    /// `chorus run --dry-run`.
    static func run(_ plan: Plan, budget: Double?) -> String {
        let estimate = RunEstimate(plan: plan)
        var out = ["dry run: nothing was sent; this is what `chorus run` would do."]
        out += planLines(plan)
        out.append("")
        out.append("estimate (\(RunEstimate.method)):")
        let rows = estimate.calls.map { call in
            (call.role, tokens(call.inputTokens, call.worstInputTokens), outputText(call), costText(call.typicalCost, call.worstCost, call.model))
        }
        out += table(rows + [("total", tokens(estimate.inputTokens, estimate.worstInputTokens),
                              "\(estimate.typicalOutputTokens)…\(estimate.maxOutputTokens)",
                              range(estimate.typicalCost, estimate.worstCost))])
        out += notes(estimate, budget: budget, worst: estimate.worstCost)
        return out.map(TerminalSafeText.oneLine).joined(separator: "\n") + "\n"
    }

    /// `chorus batch --dry-run`: every item to run, added up. `skipped`: items `--out` has.
    static func batch(_ plan: Plan, template: PromptTemplate, items: [BatchItem], skipped: Int, budget: Double?) -> String {
        var out = ["dry run: nothing was sent; this is what `chorus batch` would do."]
        out += planLines(plan)
        out.append("")
        let runnable = items.filter { $0.problem == nil }
        var input = 0, worstInput = 0, typicalOutput = 0, maxOutput = 0
        var typical = CostTotal(), worst = CostTotal()
        var worstPerItem: [Double] = []
        for item in runnable {
            var itemPlan = plan
            itemPlan.task = template.render(item)
            let e = RunEstimate(plan: itemPlan)
            input += e.inputTokens
            worstInput += e.worstInputTokens
            typicalOutput += e.typicalOutputTokens
            maxOutput += e.maxOutputTokens
            typical.add(e.typicalCost)
            worst.add(e.worstCost)
            worstPerItem.append(e.worstCost.usd)
        }
        var what = "\(runnable.count) item\(runnable.count == 1 ? "" : "s") to run, the whole input"
        if skipped > 0 { what += " less the \(skipped) already in --out" }
        if items.count > runnable.count { what += "; \(items.count - runnable.count) unreadable (written as failed, no call)" }
        out.append(what)
        out.append("estimate over all of them (\(RunEstimate.method)):")
        let n = max(1, runnable.count)
        out += table([
            ("per item (mean)", tokens(input / n, worstInput / n), "\(typicalOutput / n)…\(maxOutput / n)",
             range(scaled(typical, 1 / Double(n)), scaled(worst, 1 / Double(n)))),
            ("all items", tokens(input, worstInput), "\(typicalOutput)…\(maxOutput)", range(typical, worst)),
        ])
        if let first = runnable.first {
            var itemPlan = plan
            itemPlan.task = template.render(first)
            out += notes(RunEstimate(plan: itemPlan), budget: nil, worst: worst)
        }
        if let budget, worst.unknownCalls == 0 {
            // Items start in input order while spend + worst cases stay within the budget.
            var sum = 0.0
            let fit = worstPerItem.prefix { sum += $0; return sum <= budget }.count
            out.append(
                "--budget \(Cost.dollars(budget)): at worst case \(fit) of \(runnable.count) items fit (more start as finished items turn out cheaper than their worst case)")
        }
        return out.map(TerminalSafeText.oneLine).joined(separator: "\n") + "\n"
    }

    // MARK: - Parts

    static func planLines(_ plan: Plan) -> [String] {
        var out = ["", "workers:"]
        // `--escalate`'s reserve is listed too (the estimate counts it), each marked as started
        // only when the answers split.
        let reserve = plan.escalation.map { Array($0.reserve.prefix(max(0, $0.budget))) } ?? []
        for w in plan.workers + reserve {
            let focus = w.focus.map { " · focus \($0)" } ?? ""
            let max = w.maxTokens.map { "max tokens \($0)" } ?? "max tokens unset (estimated at \(RunEstimate.assumedMaxTokens))"
            let extra = w.index >= plan.workers.count ? " · if escalated" : ""
            out.append(
                "  \(w.displayName) · t \(SettingText.format2(w.temperature)) · \(w.model.provider)/\(w.model.model)\(focus) · \(max) · \(priceText(w.model))\(extra)")
        }
        let a = plan.aggregator
        let calls = a.strategy.callsModel ? "" : " (no model call)"
        out.append("aggregator: \(a.strategy.rawValue)\(calls) · \(a.model.provider)/\(a.model.model) · \(priceText(a.model))")
        for fallback in a.fallbackModels {
            out.append("  fallback · \(fallback.provider)/\(fallback.model) · \(priceText(fallback)) (only called when the one before fails)")
        }
        // With --schema the merge is per field: say so, with the threshold that flags review.
        if let schema = plan.workers.first?.schema {
            out.append("schema: \(SettingText.schema(schema)) · merged per field")
            out.append("min agreement: \((a.minAgreement ?? .default).words) of the answers per required field, else needs_review")
        }
        // Issue 17: what is attached after the task (counted in the estimate's input tokens).
        if let context = plan.context {
            let files = context.files.map { "\($0.name) (\($0.bytes) bytes)" }.joined(separator: ", ")
            out.append("context: \(files), sent after the task")
        }
        return out
    }

    static func priceText(_ choice: ModelChoice) -> String {
        switch choice.pricing {
        case .known(let price)?: price.isFree ? "free (\(price.source))" : price.rateText
        case .unknown?: "cost unknown"
        case nil: "cost unknown (no price looked up)"
        }
    }

    static func notes(_ estimate: RunEstimate, budget: Double?, worst: CostTotal) -> [String] {
        var out: [String] = []
        if estimate.calls.contains(where: \.maxTokensAssumed) {
            out.append(
                "worst case: each call writes its max tokens (\(RunEstimate.assumedMaxTokens) where max_tokens is unset; bound the workers with --max-tokens and the aggregator with --aggregator-max-tokens); typical: \(RunEstimate.typicalOutputTokens) tokens a call")
        } else {
            out.append("worst case: each call writes its max tokens; typical: \(RunEstimate.typicalOutputTokens) tokens a call (or max tokens if lower)")
        }
        var seen = Set<String>()
        for call in estimate.unpriced {
            let why: String
            if case .unknown(let reason)? = call.model.pricing { why = reason } else { why = "no price was looked up" }
            if seen.insert(why).inserted { out.append("cost unknown for \(call.model.provider)/\(call.model.model): \(why)") }
        }
        var sources: [String] = []
        for case .known(let price)? in estimate.calls.map(\.model.pricing) where !sources.contains(price.sourceText) {
            sources.append(price.sourceText)
        }
        if !sources.isEmpty { out.append("prices: " + sources.joined(separator: "; ")) }
        if let budget, let worstCost = worst.cost, worst.unknownCalls == 0 {
            out.append(
                worstCost.usd > budget
                    ? "--budget \(Cost.dollars(budget)): the worst case (\(worstCost.text)) exceeds it; the run would not start without --over-budget"
                    : "--budget \(Cost.dollars(budget)): the worst case (\(worstCost.text)) is within it")
        }
        return out
    }

    static func tokens(_ typical: Int, _ worst: Int) -> String { typical == worst ? "\(typical)" : "\(typical)…\(worst)" }

    static func outputText(_ call: RunEstimate.Call) -> String { "\(call.typicalOutputTokens)…\(call.maxOutputTokens)" }

    static func costText(_ typical: Cost?, _ worst: Cost?, _ choice: ModelChoice) -> String {
        guard let typical, let worst else { return "cost unknown" }
        return "\(Cost.dollars(typical.usd))…\(Cost.dollars(worst.usd))"
    }

    static func range(_ typical: CostTotal, _ worst: CostTotal) -> String {
        if worst.isUnknown || worst.isEmpty { return "cost unknown" }
        let text = "\(Cost.dollars(typical.usd))…\(Cost.dollars(worst.usd))"
        return worst.unknownCalls > 0 ? "\(text) + \(worst.unknownCalls) call\(worst.unknownCalls == 1 ? "" : "s") cost unknown" : text
    }

    static func scaled(_ total: CostTotal, _ factor: Double) -> CostTotal {
        var copy = total
        copy.usd = total.usd * factor
        return copy
    }

    /// Rows of four columns, padded to line up: call, input tokens, output tokens, cost.
    static func table(_ rows: [(String, String, String, String)]) -> [String] {
        let header = ("call", "input tokens", "output tokens", "cost (typical…worst)")
        let all = [header] + rows
        let w0 = all.map(\.0.count).max() ?? 0
        let w1 = all.map(\.1.count).max() ?? 0
        let w2 = all.map(\.2.count).max() ?? 0
        return all.map { row in
            "  \(ConfigReport.pad(row.0, w0))  \(ConfigReport.pad(row.1, w1))  \(ConfigReport.pad(row.2, w2))  \(row.3)"
        }
    }
}
