import Chorus
import Foundation

/// The end of a batch: what ran, how it went, what is left; printed on stderr, and with
/// `--json` as one object on stdout. Also decides the exit status.
struct BatchSummary: Sendable, Encodable {
    enum Status: String, Encodable {
        /// Every item of the input (or shard) has a succeeded line in `--out`.
        case succeeded
        /// Some items' latest line says failed.
        case failed
        /// Stopped by Ctrl-C (or a write error) before every item ran.
        case interrupted
        /// `--budget`: stopped starting items before passing it; the rest run on resume.
        case stoppedAtBudget = "stopped_at_budget"
    }

    var status: Status
    var input: String
    var out: String
    var shard: String?
    /// Items of the input (of this shard).
    var items: Int
    /// Items this invocation ran (finished and written).
    var ran: Int
    var succeeded: Int
    /// Of `succeeded`: structured items flagged for review (`needs_review` on their line).
    var needsReview: Int
    var failed: Int
    var quorumNotMet: Int
    var allFailed: Int
    var invalid: Int
    /// Of `failed`: items whose workers mostly timed out (`BatchProgress.timedOut`).
    var timedOut: Int
    /// Where the first unreadable items are ("line 4").
    var invalidSources: [String]
    /// Items `--out` already had, skipped.
    var skippedSucceeded: Int
    var skippedFailed: Int
    /// Cut off by a second Ctrl-C: not written, they run on resume.
    var cancelled: Int
    /// Items with no line yet: a resume runs them.
    var remaining: Int
    /// Over the whole `--out` file, for this input: items whose latest line failed.
    var failedInOut: Int
    var promptTokens: Int
    var completionTokens: Int
    var tokensApproximate: Bool
    var wallMs: Int64
    var itemsPerMinute: Double
    var pushbacks: Int
    /// Requests sent again after no response (`BatchProgress.resends`).
    var resends: Int
    /// Worker calls per item that ran (`RunRecord.workerCalls`), one decimal; nil when none ran.
    var meanCalls: Double?
    /// Items where `--escalate` started extra workers.
    var escalatedItems: Int
    var writeError: String?
    /// Why the batch stopped early: its first items all failed in every worker.
    var gaveUp: String?
    /// What this invocation's items cost (see `BatchProgress.cost`).
    var cost: CostTotal
    var costPerItem: Double?
    var projectedCost: Double?
    var budget: Double?
    var budgetStop: BatchProgress.BudgetStop?

    init(
        progress p: BatchProgress, selection: BatchLedger.Selection, items: Int, inputName: String, out: String,
        shard: Shard?, pushbacks: Int
    ) {
        input = inputName == "-" ? "standard input" : inputName
        self.out = out
        self.shard = shard?.description
        self.items = items
        ran = p.finished
        succeeded = p.succeeded
        needsReview = p.needsReview
        failed = p.failed
        quorumNotMet = p.quorumNotMet
        allFailed = p.allFailed
        invalid = p.invalid
        timedOut = p.timedOut
        invalidSources = p.invalidSources
        skippedSucceeded = selection.alreadySucceeded
        skippedFailed = selection.alreadyFailed
        cancelled = p.cancelled
        remaining = p.remaining
        failedInOut = selection.alreadyFailed + p.failed
        promptTokens = p.promptTokens
        completionTokens = p.completionTokens
        tokensApproximate = p.tokensApproximate
        wallMs = p.elapsed.milliseconds
        itemsPerMinute = (p.itemsPerMinute * 10).rounded() / 10
        self.pushbacks = pushbacks
        resends = p.resends
        meanCalls = p.meanCalls.map { ($0 * 10).rounded() / 10 }
        escalatedItems = p.escalatedItems
        writeError = p.writeError
        // The run's error names every worker's reason; the first says what to fix.
        gaveUp = p.gaveUp.map { error in
            error.range(of: "; worker 2: ").map { String(error[..<$0.lowerBound]) } ?? error
        }
        cost = p.cost
        costPerItem = p.costPerItem
        projectedCost = p.projectedCost
        budget = p.budget
        budgetStop = p.budgetStop
        status =
            gaveUp != nil ? .failed
            : remaining > 0 ? (budgetStop != nil ? .stoppedAtBudget : .interrupted)
            : failedInOut > 0 ? .failed : .succeeded
    }

    var exitCode: ChorusExitCode {
        if writeError != nil { return .failure }
        switch status {
        case .succeeded: return .success
        case .failed: return .itemsFailed
        case .interrupted: return .interrupted
        case .stoppedAtBudget: return .budgetReached
        }
    }

    /// The lines for stderr, each to be prefixed with "chorus batch: ".
    var lines: [String] {
        var lines: [String] = []
        if ran == 0, remaining == 0, cancelled == 0, writeError == nil {
            lines.append("nothing to run: all \(items) item\(items == 1 ? " is" : "s are") already in \(out)")
            if failedInOut > 0 {
                lines.append("\(failedInOut) of them failed; run the same command with --retry-failed to run them again")
            }
            return lines
        }
        var done = "\(ran) item\(ran == 1 ? "" : "s") ran: \(succeeded) succeeded, \(failed) failed"
        let reasons = [(quorumNotMet, "quorum not met"), (allFailed, "all workers failed"), (invalid, "unreadable input")]
            .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        if !reasons.isEmpty { done += " (\(reasons.joined(separator: ", ")))" }
        if skippedSucceeded + skippedFailed > 0 {
            done += "; \(skippedSucceeded + skippedFailed) already in \(out), skipped"
        }
        lines.append(done)
        if needsReview > 0 {
            lines.append(
                "\(needsReview) of the \(succeeded) succeeded item\(succeeded == 1 ? "" : "s") need\(needsReview == 1 ? "s" : "") review: the workers split on a required field (needs_review: true in \(out))")
        }
        let tokens = promptTokens + completionTokens
        var figures = "\(RateText.count(Double(tokens))) tokens\(tokensApproximate ? " (some counted from chunks)" : "")"
        figures += ", \(RateText.duration(seconds: Double(wallMs) / 1000)), \(RateText.rate(itemsPerMinute)) items/min"
        if pushbacks > 0 { figures += ", slowed down after \(pushbacks) pushback\(pushbacks == 1 ? "" : "s") from the provider" }
        lines.append(figures)
        if let calls = callsLine { lines.append(calls) }
        if let spend = costLine { lines.append(spend) }
        if resends > 0 {
            lines.append(
                "\(resends) request\(resends == 1 ? "" : "s") got no response in time and \(resends == 1 ? "was" : "were") sent again "
                    + "(at most \(Plan.batchResends) per worker; see --head-timeout)")
        }
        if let writeError { lines.append("stopped: \(writeError)") }
        if let gaveUp {
            lines.append(
                "stopped: the first \(allFailed) items failed in every worker, so the other \(remaining) were not started; the last error: \(gaveUp)")
            lines.append("fix the cause, then run the same command with --retry-failed")
            return lines
        }
        switch status {
        case .stoppedAtBudget:
            if let stop = budgetStop {
                lines.append(
                    "stopped at the budget (\(Cost.dollars(stop.budget))): spent \(Cost.dollars(stop.spent)), the items then in flight could cost up to \(Cost.dollars(stop.inFlightWorst)) more and the next item up to \(Cost.dollars(stop.nextItemWorst)); the items in flight were finished and written")
            }
            lines.append(
                "\(remaining) of \(items) item\(items == 1 ? "" : "s") not done; run the same command again to resume (finished items are kept in \(out); a resume may spend up to --budget again), or raise --budget")
        case .interrupted:
            lines.append(
                "interrupted: \(remaining) of \(items) item\(items == 1 ? "" : "s") not done; run the same command again to resume (finished items are kept in \(out))"
            )
        case .failed:
            lines += failureAdvice
        case .succeeded:
            lines.append("all \(items) item\(items == 1 ? "" : "s") succeeded; results in \(out)")
        }
        return lines
    }

    /// What to do about the failed items, by their cause (issue 14 follow-up): unreadable input
    /// is fixed in the input (re-running reads the same line again), and a batch whose failures
    /// are mostly timeouts is likely too much for its server, so the advice names the knobs
    /// before `--retry-failed`, which alone would time out again.
    var failureAdvice: [String] {
        var lines: [String] = []
        if invalid > 0 {
            let where_ = invalidSources.joined(separator: ", ") + (invalid > invalidSources.count ? ", …" : "")
            lines.append(
                "\(invalid) item\(invalid == 1 ? "" : "s") could not be read (\(where_)): fix \(invalid == 1 ? "that line" : "those lines") in \(input) first; re-running reads \(invalid == 1 ? "it" : "them") as \(invalid == 1 ? "it is" : "they are")")
        }
        let ranFailed = failed - invalid
        if ranFailed > 0, timedOut * 2 > ranFailed {
            lines.append(
                "\(timedOut) of the \(ranFailed) failed item\(ranFailed == 1 ? "" : "s") timed out: the server is likely overloaded by the batch; use a smaller --concurrency, a larger --timeout, or more servers, then run the same command with --retry-failed")
        } else if failedInOut - invalid > 0 {
            let n = failedInOut - invalid
            lines.append("\(n) item\(n == 1 ? "" : "s") failed; run the same command with --retry-failed to run them again")
        }
        return lines
    }

    enum CodingKeys: String, CodingKey {
        case status, input, out, shard, items, ran, succeeded, failed
        case quorumNotMet = "quorum_not_met", allFailed = "all_failed", invalid
        case timedOut = "timed_out"
        case needsReview = "needs_review"
        case skippedSucceeded = "skipped_succeeded", skippedFailed = "skipped_failed", cancelled, remaining
        case failedInOut = "failed_in_out", promptTokens = "prompt_tokens", completionTokens = "completion_tokens"
        case tokensApproximate = "tokens_approximate", wallMs = "wall_ms", itemsPerMinute = "items_per_minute"
        case pushbacks, resends, writeError = "write_error", gaveUp = "gave_up"
        case meanCalls = "mean_calls", escalatedItems = "escalated_items"
        case costUSD = "cost_usd", costApproximate = "cost_approximate", costUnknownCalls = "cost_unknown_calls"
        case costPerItem = "cost_per_item_usd", projectedCost = "projected_cost_usd", budget = "budget_usd"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status, forKey: .status)
        try c.encode(input, forKey: .input)
        try c.encode(out, forKey: .out)
        try c.encodeIfPresent(shard, forKey: .shard)
        try c.encode(items, forKey: .items)
        try c.encode(ran, forKey: .ran)
        try c.encode(succeeded, forKey: .succeeded)
        try c.encode(failed, forKey: .failed)
        try c.encode(quorumNotMet, forKey: .quorumNotMet)
        try c.encode(allFailed, forKey: .allFailed)
        try c.encode(invalid, forKey: .invalid)
        try c.encode(timedOut, forKey: .timedOut)
        try c.encode(needsReview, forKey: .needsReview)
        try c.encode(skippedSucceeded, forKey: .skippedSucceeded)
        try c.encode(skippedFailed, forKey: .skippedFailed)
        try c.encode(cancelled, forKey: .cancelled)
        try c.encode(remaining, forKey: .remaining)
        try c.encode(failedInOut, forKey: .failedInOut)
        try c.encode(promptTokens, forKey: .promptTokens)
        try c.encode(completionTokens, forKey: .completionTokens)
        try c.encode(tokensApproximate, forKey: .tokensApproximate)
        try c.encode(wallMs, forKey: .wallMs)
        try c.encode(itemsPerMinute, forKey: .itemsPerMinute)
        try c.encode(pushbacks, forKey: .pushbacks)
        try c.encode(resends, forKey: .resends)
        // Added with escalation (issue 15).
        try c.encodeIfPresent(meanCalls, forKey: .meanCalls)
        try c.encode(escalatedItems, forKey: .escalatedItems)
        try c.encodeIfPresent(writeError, forKey: .writeError)
        try c.encodeIfPresent(gaveUp, forKey: .gaveUp)
        // Added with prices: the known part of the spend, and what would make it more.
        try c.encode(cost.cost?.usd, forKey: .costUSD)
        try c.encode(cost.approximate, forKey: .costApproximate)
        try c.encode(cost.unknownCalls, forKey: .costUnknownCalls)
        try c.encodeIfPresent(costPerItem.map { Cost(usd: $0).usd }, forKey: .costPerItem)
        try c.encodeIfPresent(projectedCost.map { Cost(usd: $0).usd }, forKey: .projectedCost)
        try c.encodeIfPresent(budget, forKey: .budget)
    }

    /// "3.4 worker calls per item (2 of 10 items escalated)": what `--escalate` and
    /// `--early-quorum` spent per item; nil when no item ran a worker.
    var callsLine: String? {
        guard let meanCalls else { return nil }
        let mean = meanCalls == meanCalls.rounded() ? String(Int(meanCalls)) : String(format: "%.1f", meanCalls)
        var line = "\(mean) worker call\(meanCalls == 1 ? "" : "s") per item"
        if escalatedItems > 0 { line += " (\(escalatedItems) of \(ran) item\(ran == 1 ? "" : "s") escalated)" }
        return line
    }

    /// "spent $1.23 (3 items, $0.41 per item)" and, when items are left, what they would cost at
    /// that rate; nil when nothing was priced.
    var costLine: String? {
        guard let text = cost.text else { return nil }
        var line = "spent \(text)"
        if let perItem = costPerItem { line += ", \(Cost(usd: perItem, approximate: cost.approximate).text) per item" }
        if let perItem = costPerItem, remaining > 0 {
            line += "; the \(remaining) left would cost about \(Cost.dollars(perItem * Double(remaining))) more at that rate"
        }
        return line
    }

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{\"status\":\"failed\"}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
