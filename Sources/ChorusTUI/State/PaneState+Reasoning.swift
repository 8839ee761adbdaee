import Chorus

/// How a pane shows its worker's reasoning beside the answer.
///
/// While the model only thinks, the reasoning has the whole pane (streamed, dimmed) so a person
/// sees it work instead of an empty box. Once the answer starts (or the attempt ends), the answer
/// takes the pane and the reasoning folds to one line at its top ("▸ thought for 4.1s · 230 tok");
/// `t` opens it again above the answer, scrolling with the pane as one body. The record's
/// `AttemptRecord.reasoning` is the truth once the attempt ended (a reopened session shows it the
/// same way).
extension PaneState {
    /// One part of the pane's body, top to bottom.
    public enum BodyPart: Hashable, Sendable {
        /// The reasoning folded (or opened) to one line: "▸ thought for 4.1s · 230 tok".
        case foldLine
        case reasoning
        /// The answer's text; with no reasoning also the placeholder when there is none yet.
        case answer
        /// Below the fold line when the attempt ended with no answer: the error, or "(the answer
        /// was empty)".
        case placeholder
    }

    /// A record's reasoning as a pane shows it: the blank lines around it (`<think>\n...\n</think>`)
    /// would only cost rows.
    public static func shown(reasoning: String?) -> String {
        var shown = Substring(reasoning ?? "")
        while shown.first?.isWhitespace == true { shown.removeFirst() }
        while shown.last?.isWhitespace == true { shown.removeLast() }
        return String(shown)
    }

    /// The model is thinking and has not started its answer: the reasoning has the pane.
    public var showsThinking: Bool {
        !reasoning.isEmpty && text.isEmpty && !(progress.status?.isTerminal ?? false)
    }

    /// What the body shows, top to bottom.
    public var bodyParts: [BodyPart] {
        if reasoning.isEmpty { return [.answer] }
        if showsThinking { return [.reasoning] }
        return [.foldLine] + (showsReasoning ? [.reasoning] : []) + (text.isEmpty ? [.placeholder] : [.answer])
    }

    /// Rows of the whole body (what the pane scrolls through).
    public var bodyRowCount: Int { bodyParts.reduce(0) { $0 + rowCount(of: $1) } }

    public func rowCount(of part: BodyPart) -> Int {
        switch part {
        case .foldLine: 1
        case .reasoning: reasoning.rowCount
        case .answer: text.rowCount
        case .placeholder: placeholderText.rowCount
        }
    }

    /// The part body row `row` belongs to, and its row within that part; nil past the end.
    public func bodyLine(at row: Int) -> (part: BodyPart, row: Int)? {
        guard row >= 0 else { return nil }
        var start = 0
        for part in bodyParts {
            let count = rowCount(of: part)
            if row < start + count { return (part, row - start) }
            start += count
        }
        return nil
    }

    /// What the pane says where there is no text, and in which role.
    public var placeholder: (text: String, role: StyleRole) {
        switch progress.status {
        case nil: ("waiting to start", .dimText)
        case .waiting?: ("waiting for the first token…", .dimText)
        case .streaming?: ("", .dimText)
        case .succeeded?: ("(the answer was empty)", .dimText)
        case .failed?: (progress.finished?.error ?? "no text", .statusFailed)
        case .timedOut?: (progress.finished?.error ?? "no text", .statusTimedOut)
        case .cancelled?: ("cancelled before any text", .dimText)
        }
    }

    /// The placeholder wrapped to the pane's width.
    public var placeholderText: WrappedText { WrappedText(width: text.width, text: placeholder.text) }

    /// How long the model thought: from its first reasoning token to its first answer token (or
    /// to the attempt's end when no answer came, or to `now` while it still thinks). Nil when it
    /// is not known (no reasoning, or reasoning found only in the finished text).
    public func thinkingMs(now: Int64) -> Int64? {
        if let finished = progress.finished {
            guard let first = finished.firstReasoningMs, let end = finished.firstTokenMs ?? finished.elapsedMs else { return nil }
            return max(0, end - first)
        }
        guard let first = progress.firstReasoningAt else { return nil }
        return max(0, (progress.firstTokenAt ?? progress.endedAt ?? now) - first)
    }

    /// Reasoning tokens: the provider's count (`reasoning_tokens`), else the reasoning chunks
    /// (marked approximate); nil when there are none to count.
    public var reasoningTokens: (count: Int, approximate: Bool)? {
        if let exact = progress.usage?.reasoningTokens, exact > 0 { return (exact, false) }
        let chunks = progress.finished?.reasoningChunks ?? progress.reasoningChunks
        return chunks > 0 ? (chunks, true) : nil
    }
}
