import Chorus

extension Renderer {
    static func drawAnswer(_ state: UIState, rect: Rect, into grid: inout CellGrid) {
        let focused = state.selectsAnswer
        // An answer that differs from what most workers said gets a warning-coloured border, so it
        // is not read as the consensus it looks like; heavy lines still show the focus.
        var disagrees = false
        if case .done(let record) = state.answer.phase { disagrees = record.disagreesWithMajority }
        let borderRole: StyleRole = disagrees ? .warning : focused ? .borderFocused : .answerBorder
        grid.box(rect, style: focused ? .heavy : .light, role: borderRole, fillRole: .text)
        guard rect.height >= 2 else { return }
        let answer = state.answer
        let workers = state.panes.count

        var title = [Segment("Answer", .answerTitle)]
        if let turn = state.turnLabel { title.append(Segment(" · \(turn)", .answerTitle)) }
        var bottom: [Segment] = []
        var bodyRole = StyleRole.answerText
        switch answer.phase {
        case .hidden:
            break
        case .merging(let strategy, let inputs):
            let spinner = Format.spinner(now: state.now)
            title.append(Segment(" · \(spinner) \(strategy.rawValue) · merging \(inputs) of \(workers) answers…", .answerTitle))
            bottom = [Segment("c", .keyLineKey), Segment(" cancels the merge · ", .dimText)] + strategyCycle(current: strategy)
        case .done(let record):
            if record.cancelled {
                // The user pressed `c`: not a failure, and the answer is not merged.
                title.append(Segment(" · ", .answerTitle))
                title.append(Segment("\(record.strategy.rawValue) merge cancelled: answers concatenated", .warning))
            } else if record.fallbackUsed {
                title.append(Segment(" · ", .answerTitle))
                title.append(Segment(record.fallbackHeadline ?? "\(record.strategy.rawValue) failed: fallback to concatenate", .warning))
            } else if let path = record.path, path != record.strategy {
                title.append(Segment(" · \(record.strategy.rawValue) → \(path.rawValue)", .answerTitle))
            } else {
                title.append(Segment(" · \(record.strategy.rawValue)", .answerTitle))
            }
            // The aggregator model that made the answer (the agreement view names it too).
            if let model = record.model, !record.fallbackUsed, record.path != .vote { title.append(Segment(" · by \(model)", .answerTitle)) }
            if record.disagreesWithMajority {
                title.append(Segment(" · ", .answerTitle))
                title.append(Segment("≠ majority", .warning))
            }
            title.append(Segment(" · \(record.inputs.count) of \(workers) merged", .answerTitle))
            // `--escalate` started workers: how many, since they are calls the run spent.
            if let started = state.escalation?.started.count, started > 0 {
                title.append(Segment(" · escalated +\(started)", .answerTitle))
            }
            if !record.partialInputs.isEmpty {
                title.append(Segment(" · ", .answerTitle))
                title.append(Segment("\(record.partialInputs.count) partial", .warning))
            }
            if let outcome = record.structured, outcome.needsReview {
                title.append(Segment(" · ", .answerTitle))
                title.append(Segment("needs review: " + outcome.reviewFields.joined(separator: ", "), .warning))
            }
            // auto that took the vote called no model: a time would suggest one ran.
            if let elapsed = record.elapsedMs, record.strategy.callsModel, record.path != .vote {
                title.append(Segment(" · \(Duration.milliseconds(elapsed).clockText)", .dimText))
            }
            bottom = strategyCycle(current: record.strategy)
            if let cost = state.runCost.text { title.append(Segment(" · total \(cost)", .dimText)) }
        case .failed(let succeeded, let required):
            title.append(Segment(" · ", .answerTitle))
            let why = succeeded == 0
                ? "no answer: all workers failed"
                : "no answer: quorum not met (\(succeeded) of \(workers) succeeded, \(required) needed)"
            title.append(Segment(why, .warning))
            bottom = [Segment("r", .keyLineKey), Segment(" retry · ", .dimText), Segment("R", .keyLineKey), Segment(" retry failed", .dimText)]
            if let cost = state.runCost.text { title.append(Segment(" · spent \(cost)", .dimText)) }
            bodyRole = .answerText
        }
        grid.edgeLabel(title, rect: rect, y: rect.y, borderRole: borderRole)

        var inner = rect.inner
        let allNotes = answer.notes
        let notes = answer.visibleNotes(innerHeight: inner.height, width: inner.width, zoomed: state.zoomed, answerFirst: state.answerFirst)
        // Warnings that found no line are counted on the bottom edge, with the key that shows them.
        let hidden = allNotes.dropFirst(notes.count).filter { $0.role == .warning }.count
        if hidden > 0 {
            bottom = [Segment("a", .keyLineKey), Segment(" +\(hidden) warning\(hidden == 1 ? "" : "s")", .warning), Segment(" · ", .dimText)]
                + bottom
        }
        for (note, rows) in notes {
            if rows.rowCount == 1 {
                // One row: cut with "…" when it does not fit (panes-first).
                grid.write([Segment(note.text, note.role)], x: inner.x, y: inner.y, limit: inner.maxX)
            } else {
                grid.text(rows, top: 0, in: Rect(x: inner.x, y: inner.y, width: inner.width, height: rows.rowCount), role: note.role)
            }
            inner.y += rows.rowCount
            inner.height -= rows.rowCount
        }
        if case .done(let record) = answer.phase, let outcome = record.structured {
            // The merged object as a table; its header stays, the field rows scroll.
            let rows = fieldRows(outcome).count
            let top = UIState.top(scrollTop: answer.scrollTop, rows: rows, height: inner.height - 1)
            drawFieldTable(outcome, top: top, in: inner, into: &grid)
            let reserve = grid.scrollMarker(top: top, rows: rows, visible: inner.height - 1, rect: rect, borderRole: borderRole)
            grid.edgeLabel(bottom, rect: rect, y: rect.maxY - 1, borderRole: borderRole, reserve: reserve)
            return
        }
        let rows = answer.text.rowCount
        let top = UIState.top(scrollTop: answer.scrollTop, rows: rows, height: inner.height)
        if answer.text.isEmpty, answer.isMerging {
            grid.write("waiting for the aggregator…", x: inner.x, y: inner.y, role: .dimText, limit: inner.maxX)
        } else {
            grid.text(answer.text, top: top, in: inner, role: bodyRole)
        }

        let reserve = grid.scrollMarker(top: top, rows: rows, visible: inner.height, rect: rect, borderRole: borderRole)
        grid.edgeLabel(bottom, rect: rect, y: rect.maxY - 1, borderRole: borderRole, reserve: reserve)
    }

    /// "s: synthesize → concatenate → vote → judge" with the current one highlighted.
    static func strategyCycle(current: StrategyName) -> [Segment] {
        var segments = [Segment("s", .keyLineKey), Segment(": ", .dimText)]
        for (i, strategy) in StrategyName.allCases.enumerated() {
            if i > 0 { segments.append(Segment(" → ", .dimText)) }
            segments.append(Segment(strategy.rawValue, strategy == current ? .selection : .dimText))
        }
        return segments
    }
}
