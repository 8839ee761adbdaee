import Chorus
import Foundation

/// `chorus export --format markdown`: a report a person can read or paste into an issue.
///
/// Task, outcome and how it was made first; then the merged answer and its warnings (an input
/// cut at max tokens, workers left out); then every worker with its settings, timings, stop
/// reason and answer, its reasoning folded under its own heading after the answer (never part of
/// it), and earlier attempts; then every aggregation made.
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
        out.append("| Strategy | \(record.strategy.rawValue)\(record.fallbackUsed ? " (fell back to concatenate)" : "") |")
        out.append("| Aggregator | \(model(record.aggregator.model)) |")
        if let tokens = tokens(record.totalUsage) { out.append("| Tokens | \(tokens) |") }
        if let cost = costRow(record) { out.append(cost) }
        out.append("")

        out.append("## Answer")
        out.append("")
        if let output = record.output {
            out.append(output)
        } else {
            out.append("_No answer: \(record.error ?? "the run did not finish")_")
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

        out.append("## Workers")
        for worker in record.workers {
            out.append("")
            let mark = worker.succeeded ? worker.latest?.stopMark.map { " (\($0))" } ?? "" : ""
            out.append("### Worker \(worker.index + 1)\(worker.spec.label == String(worker.index + 1) ? "" : " · " + worker.spec.label) · \(status(worker.status))\(mark)")
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
        }
        out.append("")

        if !record.aggregations.isEmpty {
            out.append("## Aggregations")
            out.append("")
            out.append("| # | Strategy | Status | Fallback | Inputs | Elapsed | Note |")
            out.append("|---|---|---|---|---|---|---|")
            for (i, a) in record.aggregations.enumerated() {
                let inputs = a.inputs.map { String($0 + 1) }.joined(separator: ", ")
                let note = a.error ?? a.reason.map { "chose worker \((a.chosenWorker ?? 0) + 1): \($0)" } ?? ""
                out.append(
                    "| \(i + 1) | \(a.strategy.rawValue) | \(a.status.rawValue) | \(a.fallbackUsed ? "yes" : "no") | \(inputs) | \(a.elapsedMs.map { Duration.milliseconds($0).exportText } ?? "") | \(cell(note)) |"
                )
            }
            out += aggregationCostLines(record)
            if let tally = record.latestAggregation?.tally, !tally.groups.isEmpty {
                out.append("")
                out.append("Agreement among the answers:")
                out.append("")
                for line in tally.summary.split(separator: "\n") { out.append("- \(line)") }
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    static func statusLine(_ record: RunRecord) -> String {
        switch record.status {
        case .succeeded: return "succeeded"
        case .running: return "running (saved before it finished)"
        case .failed: return "failed" + (record.failure.map { " (\($0.rawValue))" } ?? "") + (record.error.map { ": \(cell($0))" } ?? "")
        }
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
}
