import Chorus

/// What the agreement view says about the answer, as styled paragraphs before wrapping: the
/// verdict (majority, tie, or none), every group of workers largest first (the minority too: a
/// lone dissent is sometimes the one right answer), how the answer was made, the warnings and
/// the workers left out.
///
/// A pure function of the answer and the pane names, shared by the renderer (to draw it) and the
/// reducer (to know how far the view can scroll).
enum AgreementReport {
    /// The text of the view's top edge.
    static func title(_ phase: AnswerState.Phase) -> [Segment] {
        var title = [Segment("Agreement", .answerTitle)]
        if case .done(let record) = phase {
            title.append(Segment(" · " + how(record) + " · \(record.tally.total) answer\(record.tally.total == 1 ? "" : "s")", .answerTitle))
        }
        return title
    }

    static func paragraphs(_ phase: AnswerState.Phase, names: [String], task: String) -> [StyledText.Paragraph] {
        switch phase {
        case .hidden:
            return [.init([Segment("No agreement yet: the workers are still answering. It shows once their answers are merged.", .dimText)])]
        case .merging(let strategy, _):
            return [.init([Segment("The answers are being merged (\(strategy.rawValue)); the agreement shows when that is done.", .dimText)])]
        case .failed(let succeeded, let required):
            let why = succeeded == 0
                ? "every worker failed"
                : "the quorum was not met: \(succeeded) of \(names.count) workers succeeded, \(required) are needed"
            return [.init([Segment("No agreement: \(why), so nothing was merged. r retries a worker, R every failed one.", .warning)])]
        case .done(let record):
            return done(record, names: names, task: task)
        }
    }

    /// "auto → vote", "judge", "synthesize failed → concatenate", "the judge named no answer:
    /// concatenated".
    static func how(_ record: AggregationRecord) -> String {
        if record.judgeNamedNone { return AggregationRecord.judgeNamedNoAnswer }
        if record.fallbackUsed {
            return "\(record.strategy.rawValue) failed → \(record.structured != nil ? "per-field vote" : "concatenate")"
        }
        if let path = record.path, path != record.strategy { return "\(record.strategy.rawValue) → \(path.rawValue)" }
        return record.strategy.rawValue
    }

    static func done(_ record: AggregationRecord, names: [String], task: String) -> [StyledText.Paragraph] {
        if let outcome = record.structured { return structuredDone(record, outcome: outcome, names: names) + howAndWarnings(record, names: names) }
        let tally = record.tally
        func name(_ worker: Int) -> String { names.indices.contains(worker) ? names[worker] : String(worker + 1) }
        let merged = mergedAnswer(record, task: task)

        var out = [verdict(tally)]
        switch tally.method {
        case .exact:
            out.append(.init([Segment("Short answers, grouped by their final answer.", .dimText)]))
        case .overlap:
            out.append(.init([Segment("Long answers, grouped by shared key words: a group shares a view, not the same words.", .dimText)]))
        }

        for group in tally.groups {
            out.append(.blank)
            var head = [Segment("\(group.count) of \(tally.total)", .accent), Segment("  ", .text)]
            head += bar(count: group.count, total: tally.total)
            head.append(Segment("  ", .text))
            head.append(tag(group, in: tally))
            if let chosen = record.chosenWorker, group.workers.contains(chosen), !record.fallbackUsed {
                head.append(Segment(" · ", .dimText))
                head.append(Segment("\(record.strategy.modelPicksAnswer ? "judge's pick" : "the answer")", .accent))
            } else if let merged, merged.key == group.answer {
                head.append(Segment(" · ", .dimText))
                head.append(Segment("the merged answer", record.disagreesWithMajority ? .warning : .accent))
            }
            out.append(.init(head, indent: 3))
            // Every answer the group holds, never one "e.g." (issue 14: a group shown as "e.g. 389"
            // held 389, 396, 380 and 389): one line when they all read alike, else one line each
            // with who said it.
            let distinct = group.distinctAnswers
            if distinct.count == 1 {
                out.append(.init([Segment("   ", .text), Segment(distinct[0].text, .answerText)] + hedgedMark(group), indent: 3))
                out.append(.init([Segment("   " + group.workers.map(name).joined(separator: " · "), .title)], indent: 3))
            } else {
                for said in distinct {
                    out.append(.init(
                        [Segment("   ", .text), Segment(said.text, .answerText)] + hedgedMark(group)
                            + [Segment("  " + said.workers.map(name).joined(separator: " · "), .title)],
                        indent: 3))
                }
            }
        }

        return out + howAndWarnings(record, names: names, merged: merged)
    }

    /// "How the answer was made", the warnings and the workers left out, after the groups (or,
    /// with `--schema`, the fields). A structured merge is described by the record's own
    /// `howMade` (the sentence the Markdown report prints), never by a free-text strategy's words.
    static func howAndWarnings(
        _ record: AggregationRecord, names: [String], merged: (text: String, key: String)? = nil
    ) -> [StyledText.Paragraph] {
        func name(_ worker: Int) -> String { names.indices.contains(worker) ? names[worker] : String(worker + 1) }
        let tally = record.tally
        var out: [StyledText.Paragraph] = []
        out.append(.blank)
        out.append(.init([Segment("How the answer was made", .answerTitle)]))
        var line = [Segment(how(record), record.fallbackUsed ? .warning : .accent)]
        if record.structured != nil {
            line = [Segment(record.howMade, record.fallbackUsed ? .warning : .text)]
        } else if record.strategy.modelPicksAnswer, let chosen = record.chosenWorker, !record.fallbackUsed {
            line.append(Segment(" chose \(name(chosen))", .accent))
        }
        if record.structured != nil {
            // The sentence above is whole: it names the strategy, the fields and any model.
        } else if let reason = record.reason, !record.fallbackUsed {
            line.append(Segment(": " + reason, .text))
        } else if let what = describe(record) {
            line.append(Segment(": " + what, .dimText))
        }
        out.append(.init(line, indent: 2))
        if let merged, !tally.groups.contains(where: { $0.answer == merged.key }) {
            out.append(.init([Segment("the merged answer (\(merged.text)) is none of the workers' answers", .warning)], indent: 2))
        }
        var details: [String] = []
        if let model = record.model { details.append("model " + model) }
        if let prompt = record.promptVersion { details.append("prompt " + prompt) }
        if !details.isEmpty { out.append(.init([Segment(details.joined(separator: " · "), .dimText)], indent: 2)) }
        for error in record.modelErrors {
            out.append(.init([Segment("an aggregator model failed first: " + error, .dimText)], indent: 2))
        }

        out.append(.blank)
        if record.warnings.isEmpty {
            out.append(.init([Segment("No warnings.", .dimText)]))
        } else {
            out.append(.init([Segment("Warnings", .warning)]))
            for warning in record.warnings {
                out.append(.init([Segment("! " + warning, .warning)], indent: 2))
            }
        }
        if !record.dropped.isEmpty {
            out.append(.blank)
            out.append(.init([Segment("Left out of the merge", .answerTitle)]))
            for dropped in record.dropped {
                let status = dropped.status.rawValue.replacingOccurrences(of: "_", with: " ")
                out.append(.init(
                    [Segment(name(dropped.index), .title), Segment(" " + status, .warning), Segment(": " + dropped.reason, .dimText)],
                    indent: 2))
            }
        }
        return out
    }

    /// What a strategy that gives no reason of its own did.
    static func describe(_ record: AggregationRecord) -> String? {
        if record.fallbackUsed { return nil }  // the fallback warning says why
        switch record.path ?? record.strategy {
        case .synthesize: return "a model merged the answers into one"
        case .concatenate: return "every answer in full, one after another, not merged"
        case .auto, .vote, .judge: return nil
        }
    }

    /// The final answer of an answer a model merged, when the workers' answers were short: the
    /// view marks the group it sides with (the minority, when it differs from the majority), or
    /// says it sides with none. Vote and judge name their worker instead; concatenation has none.
    static func mergedAnswer(_ record: AggregationRecord, task: String) -> (text: String, key: String)? {
        guard record.tally.method == .exact, record.chosenWorker == nil, !record.fallbackUsed,
            record.strategy.callsModel, record.path != .vote, let output = record.output, !output.isEmpty
        else { return nil }
        let final = AnswerExtraction.finalAnswer(output)
        return (final, AnswerExtraction.key(final, task: task))
    }

    /// The first line: is there a majority, a tie, or neither?
    static func verdict(_ tally: Tally) -> StyledText.Paragraph {
        let total = tally.total
        guard total > 1, let top = tally.groups.first else {
            let text = total == 0 ? "No answers were counted." : "Only one answer: nothing to compare."
            return .init([Segment(text, .dimText)])
        }
        if let majority = tally.strictMajority {
            return .init([Segment("Majority: \(majority.count) of \(total) answers agree.", .accent)])
        }
        if let lead = tally.hedgedLead {
            return .init([Segment(
                "No majority: the largest group (\(lead.count) of \(total) answers) names two answers, a vote for neither.",
                .warning)])
        }
        if top.count == 1 {
            return .init([Segment("No two answers agree: each of the \(total) stands alone.", .warning)])
        }
        if tally.isTie {
            return .init([Segment("Tie: no majority; \(tally.tied.count) groups have \(top.count) of \(total) answers each.", .warning)])
        }
        return .init([Segment("No majority: the largest group has \(top.count) of \(total) answers.", .warning)])
    }

    /// After a group's answer, in the warning colour: `Tally.Group.hedgedMarker` when the group
    /// names two candidates (the marker is the group's, never retyped here).
    static func hedgedMark(_ group: Tally.Group) -> [Segment] {
        group.hedged ? [Segment(" " + Tally.Group.hedgedMarker, .warning)] : []
    }

    /// What a group is in the tally: the majority, one side of a tie, the largest without a
    /// majority, or a minority.
    static func tag(_ group: Tally.Group, in tally: Tally) -> Segment {
        // One answer is nobody's majority (issue 14: "1 of 1" read as a consensus).
        if tally.total <= 1 { return Segment("the only answer", .dimText) }
        if tally.strictMajority == group { return Segment("majority", .accent) }
        if group.count == 1, (tally.groups.first?.count ?? 0) == 1 { return Segment("stands alone", .dimText) }
        if tally.tied.contains(group) { return Segment("tie", .warning) }
        if tally.groups.first == group, tally.total > 1 { return Segment("largest, no majority", .warning) }
        if tally.method == .overlap, group.count == 1 { return Segment("stands alone", .dimText) }
        return Segment(tally.total > 1 ? "minority" : "", .dimText)
    }

    /// "███░░": the group's share, one cell per answer (scaled to 20 cells for large runs), so a
    /// majority and a split read at a glance.
    static func bar(count: Int, total: Int) -> [Segment] {
        guard total > 0 else { return [] }
        let cells = min(total, 20)
        let filled = max(count > 0 ? 1 : 0, min(cells, Int((Double(count * cells) / Double(total)).rounded())))
        return [Segment(String(repeating: "█", count: filled), .accent), Segment(String(repeating: "░", count: cells - filled), .dimText)]
    }
}
