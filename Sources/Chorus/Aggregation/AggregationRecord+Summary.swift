/// What an aggregation really did, in words, from the record alone: one sentence that the export
/// and the session list share, so a tie never reads as "chose worker 1" and a synthesis that chose
/// nobody never names a worker (issue 14).
extension AggregationRecord {
    /// "auto → vote: took worker 2's answer (3 of 5 answers agree ...)", "vote: no answer chosen,
    /// a tie (tie: 389 (workers 2, 8) vs 380 (workers 3, 7))", "synthesize: a model (m) merged the
    /// answers into one", or the fallback's error ("synthesize failed (HTTP 500); showing the
    /// answers concatenated").
    public var howMade: String {
        let name = path.map { $0 != strategy ? "\(strategy.rawValue) → \($0.rawValue)" : strategy.rawValue } ?? strategy.rawValue
        switch status {
        case .running: return "\(name): still running when saved"
        case .failed: return "\(name) failed" + (error.map { ": \($0)" } ?? "")
        case .succeeded: break
        }
        if superseded { return "\(strategy.rawValue): superseded by a newer merge before it ended (not the answer)" }
        if cancelled { return "\(strategy.rawValue): merge cancelled by the user; the answers are concatenated, not merged" }
        if fallbackUsed {
            // The aggregator's error already says what failed and that the answers are concatenated.
            return error ?? "\(strategy.rawValue) failed; the answers are concatenated, not merged"
        }
        if let structured { return structuredHowMade(structured, name: name) }
        let why = reason.map { " (\($0))" } ?? ""
        if inputs.count == 1, let chosen = chosenWorker {
            return "\(name): worker \(chosen + 1)'s answer as written; one answer, nothing to merge"
        }
        let model = self.model.map { " (\($0))" } ?? ""
        switch path ?? strategy {
        case .vote:
            if let chosen = chosenWorker { return "\(name): took worker \(chosen + 1)'s answer\(why)" }
            return "\(name): no answer chosen\(why); the tied answers are shown side by side"
        case .judge:
            if let chosen = chosenWorker { return "\(name): the judge\(model) chose worker \(chosen + 1)\(why)" }
            return "\(name): the judge\(model) chose no worker\(why)"
        case .synthesize:
            return "\(name): a model\(model) merged the answers into one, choosing no single worker\(why)"
        case .concatenate:
            return "\(name): every answer in full, one after another, not merged"
        case .auto:
            return name + why
        }
    }

    /// With `--schema` every strategy is a per-field merge (`StructuredMerge`): enums, numbers
    /// and short strings are counted, never written by a model, so the sentence says what was
    /// counted, which fields (if any) a model merged or a judge picked, and the review flag.
    /// "vote: per-field merge over 5 answers (no model called): label 2/5, ...; needs review ...".
    func structuredHowMade(_ outcome: StructuredOutcome, name: String) -> String {
        let model = self.model.map { " (\($0))" } ?? ""
        let merged = reason ?? StructuredMerge.reason(outcome)
        if inputs.count == 1, let chosen = chosenWorker {
            return "\(name): worker \(chosen + 1)'s object as written; one answer, nothing to merge"
        }
        if (path ?? strategy) == .judge, let chosen = chosenWorker {
            let judgeWhy = reason.map { " (\($0))" } ?? ""
            return "\(name): the judge\(model) chose worker \(chosen + 1)'s object\(judgeWhy); each field's agreement is counted against it"
                + (outcome.reviewLine.map { "; \($0)" } ?? "")
        }
        var text = "\(name): \(merged)"
        let synthesized = outcome.fields.filter { $0.method == .synthesized }.map(\.path)
        let concatenated = outcome.fields.filter { $0.method == .concatenated }.map(\.path)
        if !synthesized.isEmpty { text += "; a model\(model) merged \(synthesized.joined(separator: ", "))" }
        if !concatenated.isEmpty { text += "; every worker's value of \(concatenated.joined(separator: ", ")), labelled" }
        if synthesized.isEmpty && self.model == nil { text += " (no model called)" }
        return text
    }
}
