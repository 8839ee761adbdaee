import Chorus

/// The answer area: hidden while the workers run, then the merged answer (streaming when the
/// strategy calls a model), or why there is none.
public struct AnswerState: Hashable, Sendable {
    public enum Phase: Hashable, Sendable {
        case hidden
        /// An aggregation with this strategy is running; `inputs` answers go in.
        case merging(StrategyName, inputs: Int)
        case done(AggregationRecord)
        /// The quorum was not met (or every worker failed): no answer, and why.
        case failed(succeeded: Int, required: Int)
    }

    public var phase: Phase = .hidden
    public var text: WrappedText
    public var scrollTop: Int?

    public init(wrapWidth: Int) {
        text = WrappedText(width: wrapWidth)
    }

    public var isVisible: Bool { phase != .hidden }

    public var isMerging: Bool {
        if case .merging = phase { return true }
        return false
    }

    /// The text `y` saves: the finished answer only.
    public var savableOutput: String? {
        guard case .done(let record) = phase, let output = record.output, !output.isEmpty else { return nil }
        return output
    }

    /// Lines above the answer that say how it was made and what to be wary of: the record's
    /// warnings (a fallback, workers left out, a merge that disagrees with the majority) first,
    /// then one dim line of how it was chosen. While merging: why the aggregator started over.
    public struct Note: Hashable, Sendable {
        public var text: String
        public var role: StyleRole
    }

    /// Set by `aggregationRetrying` while an aggregation runs.
    public var retryNote: String?

    public var notes: [Note] {
        switch phase {
        case .hidden, .failed:
            return []
        case .merging:
            return retryNote.map { [Note(text: $0, role: .warning)] } ?? []
        case .done(let record):
            var notes = record.warnings.map { Note(text: $0, role: .warning) }
            if record.fallbackUsed, !record.warnings.contains(where: { $0.hasPrefix("fallback") }) {
                notes.insert(Note(text: "fallback: " + (record.error ?? "\(record.strategy.rawValue) failed; the answers are concatenated"), role: .warning), at: 0)
            }
            if let info = Self.howChosen(record) { notes.append(Note(text: info, role: .dimText)) }
            return notes
        }
    }

    static func howChosen(_ record: AggregationRecord) -> String? {
        guard !record.fallbackUsed else { return nil }
        // A per-field merge: its reason is per field ("label 2/5, confidence 3/5"), never a
        // whole-object vote (whole objects rarely match even when the fields agree).
        if record.structured != nil {
            if record.strategy == .judge, let chosen = record.chosenWorker {
                return "judge chose worker \(chosen + 1)'s object" + (record.reason.map { ": \($0)" } ?? "")
            }
            return record.reason
        }
        switch record.strategy {
        case .judge:
            guard let chosen = record.chosenWorker else { return nil }
            return "judge chose worker \(chosen + 1)" + (record.reason.map { ": \($0)" } ?? "")
        case .auto:
            return record.reason
        case .vote:
            guard let top = record.tally.groups.first, record.tally.total > 0 else { return nil }
            if record.tally.isTie { return "tie: no answer has a majority" }
            if let lead = record.tally.hedgedLead { return "no majority: \(lead.named)" }
            return "\(top.count) of \(record.tally.total) answers agree"
        case .synthesize, .concatenate:
            return nil
        }
    }

    /// How many note lines to show in `innerHeight` rows: at most 3 (a third when zoomed; all in
    /// the answer-first layout, which sized the area for them), and never the whole area.
    public func visibleNoteCount(innerHeight: Int, zoomed: Bool, answerFirst: Bool = false) -> Int {
        min(notes.count, max(0, innerHeight - 1), answerFirst ? notes.count : zoomed ? max(3, innerHeight / 3) : 3)
    }

    /// The notes shown in `innerHeight` rows of `width` cells, each with its rows. Answer-first,
    /// a note is wrapped (it is read whole, not cut with "…") and notes are shown while they fit
    /// above one row of the answer; otherwise one row each, `visibleNoteCount` of them.
    public func visibleNotes(innerHeight: Int, width: Int, zoomed: Bool, answerFirst: Bool) -> [(note: Note, rows: WrappedText)] {
        guard answerFirst, !zoomed else {
            return notes.prefix(visibleNoteCount(innerHeight: innerHeight, zoomed: zoomed)).map { note in
                (note, WrappedText(width: Int.max / 2, text: note.text))
            }
        }
        var shown: [(note: Note, rows: WrappedText)] = []
        var used = 0
        for note in notes {
            let rows = WrappedText(width: max(1, width), text: note.text)
            if used + rows.rowCount > innerHeight - 1 { break }
            shown.append((note, rows))
            used += rows.rowCount
        }
        return shown
    }

    /// Rows all the notes take wrapped to `width` (what the answer-first layout makes room for).
    public func noteRows(width: Int) -> Int {
        notes.reduce(0) { $0 + WrappedText(width: max(1, width), text: $1.text).rowCount }
    }
}
