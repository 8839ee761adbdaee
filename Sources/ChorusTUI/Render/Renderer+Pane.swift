import Chorus

extension Renderer {
    static func drawPane(
        _ pane: PaneState, rect: Rect, focused: Bool, now: Int64, structured: StructuredOutcome? = nil, turn: String? = nil,
        into grid: inout CellGrid
    ) {
        let borderRole: StyleRole = focused ? .borderFocused : .border
        grid.box(rect, style: focused ? .heavy : .light, role: borderRole, fillRole: .text)
        guard rect.height >= 2 else { return }

        // Title: "1 cost · t 0.20 · smollm2 · try 2".
        // "try 2" comes before the model name, which is the first thing cut when space is short.
        // "turn 2" (issue 17) comes right after the name: which turn the text answers.
        var details = turn.map { " · \($0)" } ?? ""
        details += pane.attempt > 1 ? " · try \(pane.attempt)" : ""
        // A temperature the server refused did not happen: the title says "t n/a" instead.
        let temperature = pane.notApplied.contains("temperature") ? "n/a" : Format.temperature(pane.spec.temperature)
        details += " · t \(temperature)"
        // What varies when the model takes no temperature (PlanDiversity): the seed, the effort.
        if let effort = pane.spec.reasoningEffort { details += " · effort \(effort.rawValue)" }
        if let seed = pane.spec.seed { details += " · seed \(seed)" }
        details += " · \(pane.spec.model.model)"
        let titleRole: StyleRole = focused ? .titleFocused : .title
        let title = [Segment(pane.displayName, titleRole)] + variantTabs(pane, role: titleRole) + [Segment(details, titleRole)]
        grid.edgeLabel(title, rect: rect, y: rect.y, borderRole: borderRole)

        // Body: the answer; while the model thinks, its reasoning; after, the reasoning folded to
        // a line above the answer (see PaneState+Reasoning.swift).
        let inner = rect.inner
        var rows = pane.bodyRowCount
        var top = UIState.top(scrollTop: pane.scrollTop, rows: rows, height: inner.height)
        if let structured, pane.status == .succeeded, structured.shownFields.contains(where: { $0.values[pane.index] != nil }) {
            // A merged structured answer: the worker's object as field lines, differences marked.
            (top, rows) = drawWorkerObject(structured, worker: pane.index, scrollTop: pane.scrollTop, in: inner, into: &grid)
        } else if pane.reasoning.isEmpty {
            if pane.text.isEmpty {
                drawPlaceholder(pane, in: inner, into: &grid)
            } else {
                grid.text(pane.text, top: top, in: inner, role: .text)
            }
        } else {
            drawBody(pane, top: top, in: inner, now: now, into: &grid)
        }

        // Bottom edge: status on the left, scroll position on the right.
        let reserve = grid.scrollMarker(top: top, rows: rows, visible: inner.height, rect: rect, borderRole: borderRole)
        let room = rect.width - 4 - reserve
        grid.edgeLabel(status(pane, now: now, width: room), rect: rect, y: rect.maxY - 1, borderRole: borderRole, reserve: reserve)
    }

    /// The variant tabs after the worker's name, once it has more than one (README "Variant
    /// reruns"): " · v1 · [v2✓]", the shown one in brackets, the merged one marked ✓.
    static func variantTabs(_ pane: PaneState, role: StyleRole) -> [Segment] {
        guard pane.variantCount > 1 else { return [] }
        var segments: [Segment] = []
        for v in 0..<pane.variantCount {
            let mark = v == pane.chosenVariant ? "✓" : ""
            let name = "v\(v + 1)\(mark)"
            segments.append(Segment(" · ", role))
            segments.append(v == pane.shownVariant ? Segment("[\(name)]", role) : Segment(name, .dimText))
        }
        return segments
    }

    /// The pane's status line for `width` cells: state (with a spinner while it streams), live
    /// elapsed time, time to first token, tokens and rate, or the error. When it does not fit,
    /// the least useful parts go first (rate, then time to first token); an error is shortened
    /// but the "r retry" hint stays.
    static func status(_ pane: PaneState, now: Int64, width: Int) -> [Segment] {
        let elapsed = pane.elapsedMs(now: now).map { " " + Duration.milliseconds($0).clockText } ?? ""
        let spinner = Format.spinner(now: now)
        if pane.request == .retry && !pane.isRunning {
            return [Segment("↻ retry requested…", .statusRetrying)]
        }
        if pane.request == .cancel && pane.isRunning {
            return [Segment("⊘ cancelling…", .statusCancelled)]
        }
        guard let status = pane.status else { return [Segment("· not started", .statusWaiting)] }
        let retryHint = [Segment(" · ", .dimText), Segment("r", .keyLineKey), Segment(" retry", .dimText)]
        switch status {
        case .waiting:
            if let retry = pane.providerRetry {
                let head = [Segment("↻ retrying \(retry.count)", .statusRetrying)]
                let tail = elapsed.isEmpty ? [] : [Segment(" ·" + elapsed, .dimText)]
                return shorten(head, detail: ": " + retry.reason, detailRole: .statusRetrying, tail: tail, width: width)
            }
            // What it waits on and when it gives up (the core's text, as `chorus run` prints it):
            // "queued 12s · gives up in 48s".
            if let wait = pane.progress.waitNote(limits: pane.spec.limits, now: now) {
                let parts = wait.components(separatedBy: " · ")
                let rest = parts.dropFirst().map { StatusPart(text: $0, role: .statusWaiting, keep: 1) }
                return fit([Segment("\(spinner) \(parts[0])", .statusWaiting)], rest, width: width)
            }
            return [Segment("\(spinner) waiting\(elapsed)", .statusWaiting)]
        case .streaming where pane.isThinking:
            // The thinking clock runs from the first reasoning token.
            let thinking = pane.thinkingMs(now: now).map { " " + Duration.milliseconds($0).clockText } ?? ""
            return fit([Segment("◌ thinking\(thinking)", .statusStreaming)], metrics(pane, now: now), width: width)
        case .streaming:
            return fit([Segment("\(spinner) streaming\(elapsed)", .statusStreaming)], metrics(pane, now: now), width: width)
        case .succeeded:
            return fit([Segment("✓ done\(elapsed)", .statusSucceeded)], marks(pane) + metrics(pane, now: now), width: width)
        case .failed:
            let error = pane.finished?.error.map { ": " + shortError($0) } ?? ""
            return shorten(
                [Segment("✗ failed\(elapsed)", .statusFailed)], detail: error, detailRole: .statusFailed,
                tail: partialMark(pane) + retryHint, width: width)
        case .timedOut:
            // Which limit fired, in the words `chorus run` prints (`AttemptRecord.timeoutSummary`),
            // shortened by priority in a narrow pane.
            return timedOutStatus(pane, elapsed: elapsed, width: width)
        case .cancelled:
            return shorten(
                [Segment("⊘ cancelled\(elapsed)", .statusCancelled)], detail: "", detailRole: .statusCancelled,
                tail: partialMark(pane) + retryHint, width: width)
        }
    }

    /// " · partial · p accept" on an attempt that stopped mid-answer (its text stays in the pane
    /// and the record), or " · partial, merged" once the user accepted it; nothing otherwise.
    static func partialMark(_ pane: PaneState) -> [Segment] {
        guard let finished = pane.finished, finished.isPartial else { return [] }
        // With --schema a partial answer cannot be checked against the schema: marked, never offered.
        if pane.spec.schema != nil { return [Segment(" · ", .dimText), Segment("partial", .warning)] }
        if finished.acceptedPartial { return [Segment(" · ", .dimText), Segment("partial, merged", .warning)] }
        return [Segment(" · ", .dimText), Segment("partial", .warning), Segment(" · ", .dimText), Segment("p", .keyLineKey),
                Segment(" accept", .dimText)]
    }

    /// The part of an error worth a status line: a provider's "openai at http://host/v1/...: "
    /// prefix names what the pane's title already says, so it goes (the body shows it all).
    static func shortError(_ error: String) -> String {
        let parts = error.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
        if parts.count == 4, parts[1] == "at", parts[2].hasSuffix(":"), parts[2].contains("://") {
            return String(parts[3])
        }
        return error
    }

    /// One part of a status line after its head, and how long it stays when space is short
    /// (the lowest `keep` goes first).
    struct StatusPart {
        var text: String
        var role: StyleRole = .dimText
        var keep: Int
    }

    /// What a finished answer carries besides its metrics, kept longest: why it is not whole
    /// ("cut at max tokens", from the record's stop reason) and the settings other than the
    /// temperature (which the title marks) that the server refused ("seed n/a").
    static func marks(_ pane: PaneState) -> [StatusPart] {
        var parts: [StatusPart] = []
        if let mark = pane.finished?.stopMark { parts.append(StatusPart(text: mark, role: .warning, keep: 10)) }
        // A schema sent in another form still held (every answer is validated): name the form,
        // a warning only when it fell to an instruction in the prompt (`AttemptRecord.schemaForm`).
        let refused = pane.notApplied.filter { $0 != "temperature" && $0 != "schema" }
        if !refused.isEmpty { parts.append(StatusPart(text: refused.joined(separator: ", ") + " n/a", role: .warning, keep: 9)) }
        if let form = pane.finished?.schemaForm, form != .other {
            parts.append(StatusPart(text: "schema: \(form.rawValue)", role: form == .prompt ? .warning : .dimText, keep: 8))
        }
        return parts
    }

    /// Metrics, shown in this order: time to the first token (with reasoning, "first" is the
    /// first reasoning token and "answer" the first answer token), tokens, rate. When space is
    /// short the rate goes first, then "first", then "answer", then the cost, then the tokens.
    static func metrics(_ pane: PaneState, now: Int64) -> [StatusPart] {
        var parts: [StatusPart] = []
        let firstReasoning = pane.firstReasoningMs
        if let first = [firstReasoning, pane.firstTokenMs].compactMap({ $0 }).min() {
            parts.append(StatusPart(text: "first " + Duration.milliseconds(first).clockText, keep: 2))
        }
        if firstReasoning != nil, let answer = pane.firstTokenMs {
            parts.append(StatusPart(text: "answer " + Duration.milliseconds(answer).clockText, keep: 3))
        }
        if let tokens = pane.tokens { parts.append(StatusPart(text: "\(tokens.approximate ? "~" : "")\(tokens.count) tok", keep: 5)) }
        if let cost = pane.progress.costText(pricing: pane.spec.model.pricing) { parts.append(StatusPart(text: cost, keep: 4)) }
        if let rate = pane.tokensPerSecond(now: now) { parts.append(StatusPart(text: Format.rate(rate), keep: 1)) }
        return parts
    }

    /// `head` plus as many of `parts` as fit, in their order, dropping the lowest `keep` first.
    static func fit(_ head: [Segment], _ parts: [StatusPart], width: Int) -> [Segment] {
        var parts = parts
        while true {
            var segments = head
            for part in parts {
                segments.append(Segment(" · ", .dimText))
                segments.append(Segment(part.text, part.role))
            }
            if parts.isEmpty || CellGrid.width(of: segments) <= width { return segments }
            parts.remove(at: parts.indices.min { parts[$0].keep < parts[$1].keep }!)
        }
    }

    /// `head`, then `detail` cut with "…" so that `tail` still fits.
    static func shorten(_ head: [Segment], detail: String, detailRole: StyleRole, tail: [Segment], width: Int) -> [Segment] {
        let full = head + [Segment(detail, detailRole)] + tail
        if CellGrid.width(of: full) <= width { return full }
        let room = width - CellGrid.width(of: head + tail) - 1
        guard room >= 4 else { return head + tail }
        var cut = ""
        var used = 0
        for glyph in SafeText.line(detail) {
            if used + Int(glyph.width) > room { break }
            cut.append(glyph.character)
            used += Int(glyph.width)
        }
        return head + [Segment(cut + "…", detailRole)] + tail
    }

    static func drawPlaceholder(_ pane: PaneState, in inner: Rect, into grid: inout CellGrid) {
        let placeholder = pane.placeholder
        grid.text(WrappedText(width: max(1, inner.width), text: placeholder.text), top: 0, in: inner, role: placeholder.role)
    }

    /// The body of a pane with reasoning, from body row `top`: each row from its part.
    static func drawBody(_ pane: PaneState, top: Int, in inner: Rect, now: Int64, into grid: inout CellGrid) {
        guard !inner.isEmpty else { return }
        let placeholder = pane.bodyParts.contains(.placeholder) ? (pane.placeholderText, pane.placeholder.role) : nil
        for line in 0..<inner.height {
            guard let (part, row) = pane.bodyLine(at: top + line) else { break }
            let y = inner.y + line
            switch part {
            case .foldLine:
                grid.write(foldLine(pane, now: now, width: inner.width), x: inner.x, y: y, limit: inner.maxX)
            case .reasoning:
                grid.write(pane.reasoning.row(row), x: inner.x, y: y, role: .reasoning, limit: inner.maxX)
            case .answer:
                grid.write(pane.text.row(row), x: inner.x, y: y, role: .text, limit: inner.maxX)
            case .placeholder:
                if let (text, role) = placeholder { grid.write(text.row(row), x: inner.x, y: y, role: role, limit: inner.maxX) }
            }
        }
    }

    /// The reasoning folded to one line: "▸ thought for 4.1s · 230 tok  (t: show)", or "▾ ...
    /// (t: fold)" when it is open below. When the pane is narrow the hint shortens to "(t)",
    /// then the token count goes, then the hint (the key line and `?` still name the key).
    static func foldLine(_ pane: PaneState, now: Int64, width: Int) -> [Segment] {
        var head = pane.showsReasoning ? "▾ thought" : "▸ thought"
        if let ms = pane.thinkingMs(now: now) { head += " for " + Duration.milliseconds(ms).clockText }
        let tokens = pane.reasoningTokens.map { " · \($0.approximate ? "~" : "")\($0.count) tok" } ?? ""
        let hint = [Segment("  (", .reasoning), Segment("t", .keyLineKey), Segment(": \(pane.showsReasoning ? "fold" : "show"))", .reasoning)]
        let short = [Segment(" (", .reasoning), Segment("t", .keyLineKey), Segment(")", .reasoning)]
        let choices = [
            [Segment(head + tokens, .reasoning)] + hint, [Segment(head + tokens, .reasoning)] + short,
            [Segment(head, .reasoning)] + short,
        ]
        return choices.first { CellGrid.width(of: $0) <= width } ?? [Segment(head, .reasoning)]
    }
}
