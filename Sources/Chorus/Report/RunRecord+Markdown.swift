import Foundation

/// `chorus export --format markdown` and the UI's `y`: one self-contained report a person can
/// read or paste into an issue. It lives in the core so both write the same document (the UI
/// does not depend on the CLI).
///
/// Task, date, settings and outcome first; then the merged answer (its own headings nested under
/// "## Answer") and its warnings (an input cut at max tokens, workers left out); then how it was
/// made, from the record's one tally (the same groups the UI's agreement view and the JSON
/// show); then every worker with its settings, timings, stop reason and answer, its reasoning
/// folded under its own heading after the answer (never part of it), and earlier attempts; then
/// every aggregation made.
public enum MarkdownReport {
    public static func render(_ record: RunRecord) -> String {
        var out: [String] = []
        out.append("# Chorus run")
        out.append("")
        out.append("**Task:**")
        out.append("")
        out.append(quote(record.task))
        out.append("")
        out.append("| | |")
        out.append("|---|---|")
        out.append("| Status | \(statusLine(record)) |")
        out.append("| Started | \(timestamp(record.startedAt)) |")
        if let ms = record.elapsedMs { out.append("| Elapsed | \(Duration.milliseconds(ms).exportText) |") }
        out.append("| Workers | \(record.succeededCount) of \(record.workers.count) succeeded (quorum \(record.quorum)) |")
        if let escalated = escalationCell(record) { out.append("| Escalated | \(cell(escalated)) |") }
        if let context = record.context {
            // Issue 17: names and sizes only; the text is in the prompt, not repeated here.
            out.append("| Context | \(cell(context.files.map { "\($0.name) (\($0.bytes) bytes)" }.joined(separator: ", "))) |")
        }
        out += settingRows(record)
        let fellBack =
            record.schema != nil
            ? " (fell back to a per-field vote)"
            : record.latestAggregation?.judgeNamedNone == true ? " (\(AggregationRecord.judgeNamedNoAnswer))" : " (fell back to concatenate)"
        out.append("| Strategy | \(record.strategy.rawValue)\(record.fallbackUsed ? fellBack : "") |")
        if let schema = record.schema {
            out.append("| Schema | \(cell(schema.fields.map(\.name).joined(separator: ", "))) · merged per field |")
        }
        if let structured = record.structured {
            out.append("| Needs review | \(structured.needsReview ? "yes: " + cell(structured.reviewLine ?? "") : "no (every required field meets \(structured.minAgreement.words))") |")
        }
        out.append("| Aggregator | \(aggregatorCell(record)) |")
        if let tokens = tokens(record.totalUsage) { out.append("| Tokens | \(tokens) |") }
        if let cost = costRow(record) { out.append(cost) }
        out.append("")

        out.append("## Answer")
        out.append("")
        if let output = record.output {
            out.append(nested(output, under: 2))
        } else {
            out.append("_No answer: \(failureHeadline(record) ?? "the run did not finish")_")
        }
        if let aggregation = record.latestAggregation, aggregation.fallbackUsed, let error = aggregation.error {
            out.append("")
            out.append("> Note: \(error)")
        }
        // The fallback is the note above; the rest (cut inputs, left-out workers, ...) follow it.
        let warnings = record.warnings.filter { !$0.hasPrefix("fallback: ") }
        if !warnings.isEmpty {
            out.append("")
            for warning in warnings { out.append("> Warning: \(warning)") }
        }
        out.append("")
        out += howMade(record)

        out.append("## Workers")
        for worker in record.workers {
            out.append("")
            let mark = worker.succeeded ? worker.latest?.stopMark.map { " (\($0))" } ?? "" : ""
            let extra = worker.escalated ? " · escalated" : ""
            out.append("### Worker \(worker.index + 1)\(worker.spec.label == String(worker.index + 1) ? "" : " · " + worker.spec.label)\(extra) · \(status(worker.status))\(mark)")
            out.append("")
            out.append("- Settings: temperature \(format(worker.spec.temperature)) · model \(model(worker.spec.model))"
                + (worker.spec.focus.map { " · focus: \($0)" } ?? "")
                + " · timeout \(worker.spec.timeout.exportText)"
                + (worker.spec.maxTokens.map { " · max tokens \($0)" } ?? ""))
            if let price = priceLine(worker.spec.model) { out.append(price) }
            if let latest = worker.latest { out.append("- Result: " + attemptLine(latest, total: worker.attempts.count)) }
            out.append("")
            if worker.succeeded {
                out.append(quote(worker.text))
            } else {
                out.append("_\(worker.reason)_")
                if !worker.text.isEmpty {
                    out.append("")
                    out.append("Partial text:")
                    out.append("")
                    out.append(quote(worker.text))
                }
            }
            if let reasoning = worker.latest?.reasoning { out += folded(reasoning: reasoning) }
            for earlier in worker.attempts.dropLast() {
                out.append("")
                out.append("<details><summary>Attempt \(earlier.number): \(status(earlier.status))</summary>")
                out.append("")
                out.append("- " + attemptLine(earlier, total: nil))
                if !earlier.text.isEmpty {
                    out.append("")
                    out.append(quote(earlier.text))
                }
                if let reasoning = earlier.reasoning {
                    out.append("")
                    out.append("Reasoning:")
                    out.append("")
                    out.append(quote(reasoning))
                }
                out.append("")
                out.append("</details>")
            }
            out += variantSections(worker)
        }
        out.append("")

        if !record.aggregations.isEmpty {
            out.append("## Aggregations")
            out.append("")
            out.append("| # | Strategy | Status | Fallback | Inputs | Elapsed | Note |")
            out.append("|---|---|---|---|---|---|---|")
            for (i, a) in record.aggregations.enumerated() {
                let inputs = a.inputs.map { String($0 + 1) }.joined(separator: ", ")
                let note = a.howMade
                out.append(
                    "| \(i + 1) | \(a.strategy.rawValue) | \(a.superseded ? "superseded" : a.cancelled ? "merge cancelled" : a.status.rawValue) | \(a.fallbackUsed ? "yes" : "no") | \(inputs) | \(a.elapsedMs.map { Duration.milliseconds($0).exportText } ?? "") | \(cell(note)) |"
                )
            }
            out += aggregationCostLines(record)
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    /// `--escalate`'s row (issue 15): "+2 workers (budget 4): a group is clear: 3 of 6 say 389",
    /// "none (budget 4): a group is clear: ..." when the first answers were clear, with what
    /// changed since (`RunRecord.escalationLater`) and the extra workers' calls; nil without it.
    static func escalationCell(_ record: RunRecord) -> String? {
        guard let block = record.escalation else { return nil }
        let n = block.started.count
        var text = (n == 0 ? "none" : "+\(n) worker\(n == 1 ? "" : "s")") + " (budget \(block.budget))"
        if let reason = block.reason { text += ": " + reason }
        if let later = record.escalationLater { text += " (since then \(later))" }
        let calls = record.escalationSpend.calls
        if calls > 0 { text += " · \(calls) call\(calls == 1 ? "" : "s")" }
        return text
    }

    static func statusLine(_ record: RunRecord) -> String {
        switch record.status {
        case .succeeded: return "succeeded"
        case .running: return "running (saved before it finished)"
        case .failed: return "failed" + (failureHeadline(record).map { ": \(cell($0))" } ?? "")
        }
    }

    /// Why a failed run has no answer, without the workers' reasons: each worker's reason is
    /// under its own heading, so the status row and the answer section do not repeat them
    /// (the record's `error` lists them all, for the JSON and the headless stderr line).
    static func failureHeadline(_ record: RunRecord) -> String? {
        let n = record.workers.count
        switch record.failure {
        case .allFailed?: return "all \(n) worker\(n == 1 ? "" : "s") failed; each one's reason is under Workers"
        case .quorumNotMet?:
            return "quorum not met: \(record.succeededCount) of \(n) workers succeeded, \(record.quorum) needed; "
                + "each failed one's reason is under Workers"
        case .cancelled?: return "cancelled" + (record.error.map { ": \($0)" } ?? "")
        case nil: return record.error
        }
    }

    /// "| Models | ... |", "| Temperatures | ... |", "| Focus areas | ... |": the run's settings at
    /// a glance (each worker's own are under Workers).
    static func settingRows(_ record: RunRecord) -> [String] {
        var rows: [String] = []
        var models: [(String, Int)] = []
        for w in record.workers {
            let name = "\(w.spec.model.provider)/\(w.spec.model.model)"
            if let i = models.firstIndex(where: { $0.0 == name }) { models[i].1 += 1 } else { models.append((name, 1)) }
        }
        if !models.isEmpty {
            rows.append("| Models | \(cell(models.map { $0.1 == 1 ? $0.0 : "\($0.0) ×\($0.1)" }.joined(separator: ", "))) |")
        }
        if !record.workers.isEmpty {
            rows.append("| Temperatures | \(record.workers.map { format($0.spec.temperature) }.joined(separator: ", ")) |")
        }
        let focus = record.workers.compactMap { w in w.spec.focus.map { "\(w.index + 1): \($0)" } }
        if !focus.isEmpty { rows.append("| Focus areas | \(cell(focus.joined(separator: "; "))) |") }
        return rows
    }

    /// The model that merged the answer; "none ran" when no aggregation called one (a vote, one
    /// answer, a failed run), with the configured one named as planned, not as used.
    static func aggregatorCell(_ record: RunRecord) -> String {
        let planned = model(record.aggregator.model)
        guard let latest = record.latestAggregation else { return "none ran (configured: \(planned))" }
        if let used = latest.model { return used }
        return "no model called (configured: \(planned))"
    }

    /// "## How the answer was made": what happened (never "chose worker 1" for a tie or a
    /// synthesis), the record's tally with every answer of every group, and who was left out.
    static func howMade(_ record: RunRecord) -> [String] {
        guard let a = record.latestAggregation else { return [] }
        var out = ["## How the answer was made", "", a.howMade, ""]
        if let structured = a.structured {
            out += fieldTable(structured, record: record)
        } else if !a.tally.groups.isEmpty {
            out.append("### Agreement")
            out.append("")
            out.append(agreementHeadline(a.tally))
            out.append("")
            for group in a.tally.groups {
                let who = Worker.names(group.workers)
                let distinct = group.distinctAnswers
                if distinct.count == 1 {
                    out.append("- \(group.count) of \(a.tally.total): \(group.shown(inline(distinct[0].text))) (\(who))")
                } else {
                    out.append("- \(group.count) of \(a.tally.total) (\(who)):")
                    for said in distinct { out.append("  - \(group.shown(inline(said.text))) (\(Worker.names(said.workers)))") }
                }
            }
            out.append("")
        }
        if !a.dropped.isEmpty {
            out.append("### Left out of the merge")
            out.append("")
            for d in a.dropped { out.append("- worker \(d.index + 1) \(d.status.words)") }
            out.append("")
        }
        return out
    }

    /// The tally's verdict, as the agreement view says it.
    static func agreementHeadline(_ tally: Tally) -> String {
        let how = tally.method == .exact
            ? "grouped by final answer" : "long answers grouped by shared key words, short ones by final answer"
        guard tally.total > 1, let top = tally.groups.first else { return "One answer: nothing to compare." }
        if let m = tally.strictMajority { return "Majority: \(m.count) of \(tally.total) answers agree (\(how))." }
        if let lead = tally.hedgedLead {
            return "No majority: the largest group (\(lead.count) of \(tally.total) answers) names two answers, a vote for neither (\(how))."
        }
        if top.count == 1 { return "No two answers agree: each of the \(tally.total) stands alone (\(how))." }
        if tally.isTie {
            return "Tie: no majority; \(tally.tied.count) groups have \(top.count) of \(tally.total) answers each (\(how))."
        }
        return "No majority: the largest group has \(top.count) of \(tally.total) answers (\(how))."
    }

    /// One line of an answer for a list item: line ends as spaces.
    static func inline(_ text: String) -> String {
        "`" + text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "`", with: "'") + "`"
    }

    /// `text` with its Markdown headings moved `levels` deeper (at most `######`), so an answer's
    /// own "## 389: workers 2, 8" nests under "## Answer" instead of starting a section beside
    /// it. Lines inside fenced code blocks are left alone.
    static func nested(_ text: String, under levels: Int) -> String {
        var fence: Substring?
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                return String(line)
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix(3)
                return String(line)
            }
            guard line.count - trimmed.count <= 3, trimmed.hasPrefix("#") else { return String(line) }
            let hashes = trimmed.prefix { $0 == "#" }.count
            let rest = trimmed.dropFirst(hashes)
            guard hashes <= 6, rest.isEmpty || rest.first == " " || rest.first == "\t" else { return String(line) }
            return String(repeating: "#", count: min(6, hashes + levels)) + rest
        }.joined(separator: "\n")
    }

    static func attemptLine(_ a: AttemptRecord, total: Int?) -> String {
        var parts = ["attempt \(a.number)\(total.map { " of \($0)" } ?? "")", status(a.status)]
        if let ms = a.elapsedMs { parts.append("elapsed \(Duration.milliseconds(ms).exportText)") }
        if let ms = a.firstReasoningMs { parts.append("first reasoning \(Duration.milliseconds(ms).exportText)") }
        if let ms = a.firstTokenMs { parts.append("first token \(Duration.milliseconds(ms).exportText)") }
        if let stop = a.stop { parts.append("stop reason \(stop.raw)" + (stop.mark.map { " (\($0))" } ?? "")) }
        if let t = a.usage.flatMap(tokens) { parts.append(t) }
        if let c = a.cost { parts.append("cost \(c.text)") }
        if let e = a.error { parts.append("error: \(e)") }
        if !a.providerRetries.isEmpty { parts.append("provider retries: \(a.providerRetries.joined(separator: ", "))") }
        return parts.joined(separator: " · ")
    }

    static func status(_ s: AttemptStatus?) -> String {
        switch s {
        case nil, .waiting?: "not started"
        case .streaming?: "streaming (unfinished)"
        case .succeeded?: "succeeded"
        case .failed?: "failed"
        case .timedOut?: "timed out"
        case .cancelled?: "cancelled"
        }
    }

    static func model(_ m: ModelChoice) -> String {
        "\(m.provider)/\(m.model)" + (m.baseURL.map { " at \($0)" } ?? "")
    }

    static func tokens(_ u: TokenUsage) -> String? {
        guard u.promptTokens != nil || u.completionTokens != nil else { return nil }
        let approx = u.approximate ? "≈" : ""
        return "\(approx)\(u.completionTokens ?? 0) tokens out"
            + (u.reasoningTokens.map { " (\($0) reasoning)" } ?? "")
            + (u.promptTokens.map { ", \($0) in" } ?? "")
            + (u.cachedPromptTokens.map { " (\($0) cached)" } ?? "")
    }

    /// A worker's reasoning under its own heading, folded: it is not the answer, and it is often
    /// much longer.
    static func folded(reasoning: String) -> [String] {
        ["", "<details><summary>Reasoning</summary>", "", quote(reasoning), "", "</details>"]
    }

    static func format(_ t: Double) -> String { String(format: "%.2f", t) }

    static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    /// A block quote, so a model's own headings stay inside its answer's block.
    static func quote(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? ">" : "> \($0)" }.joined(separator: "\n")
    }

    /// Text for one table cell: no newlines, no column breaks.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "|", with: "\\|")
    }

    /// "### Agreement per field": the structured outcome's table (field, value, agreement,
    /// dissent, note) and the review line; the same `record.structured` the UI's answer table,
    /// its agreement view and the JSON show. Whole objects are not tallied: they rarely match
    /// even when every field is agreed on.
    static func fieldTable(_ outcome: StructuredOutcome, record: RunRecord) -> [String] {
        var out = ["### Agreement per field", ""]
        out.append("| Field | Value | Agreement | Dissent | Note |")
        out.append("|---|---|---|---|---|")
        for field in outcome.fields where field.method != .object {
            let dissent = field.dissenters.map { w in
                "\(w + 1): " + (field.values[w].map(\.description) ?? "(none)")
            }.joined(separator: "; ")
            let under = field.belowThreshold ? " (under \(outcome.minAgreement.words))" : ""
            out.append(
                "| \(cell(field.path)) | \(cell(field.value.description)) | \(field.agreementText)\(under) | \(cell(dissent)) | \(cell(field.note ?? "")) |")
        }
        out.append("")
        out.append(outcome.reviewLine.map { "**\($0)**" } ?? "Needs review: no (every required field meets \(outcome.minAgreement.words)).")
        out.append("")
        return out
    }
}
