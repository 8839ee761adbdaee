extension Renderer {
    /// The bottom line: what can be done next; on the right, which workers are shown when they do
    /// not all fit. A status message has a line of its own above it (`drawStatusLine`).
    static func drawKeyLine(_ state: UIState, layout: Layout, rect: Rect, into grid: inout CellGrid) {
        grid.fill(rect, role: .keyLine)
        var limit = rect.maxX
        let shown = layout.visibleWorkers
        if !state.zoomed, state.agreement == nil, state.diff == nil, let first = shown.first, let last = shown.last, shown.count < state.panes.count {
            // The workers that do not fit, in one compact summary (issue 16: 256 workers), when
            // the line has room for it; else only which ones are shown.
            let range = "workers \(first + 1)–\(last + 1) of \(state.panes.count)"
            let rest = hiddenSummary(state, shown: shown)
            // (label, the share of the line it may take): the summary a third, the range a half.
            for (text, share) in [rest.map { (" \(range) · others: \($0) ", 3) }, ("\(range) ", 2)].compactMap({ $0 }) {
                let label = [Segment(text, .keyLine)]
                let width = CellGrid.width(of: label)
                if width * share < rect.width {
                    limit = rect.maxX - width
                    grid.write(label, x: limit, y: rect.y, limit: rect.maxX)
                    break
                }
            }
        }
        // (key, label, priority): when the line is too narrow the lowest priority goes first. The
        // basics (issue 14: select, zoom, retry, strategy, agreement, quit, and help, which lists
        // the rest) stay at 80 columns; the rarer ones (retry all, cancel, reasoning, save) go
        // first. The agreement view has keys of its own.
        var hints: [(key: String, label: String, priority: Int)]
        if state.confirmingQuit {
            // The quit question is open: only its answers do anything (a second `q` is `y`).
            hints = [("y", "quit", 9), ("n", "stay", 8)]
        } else if state.diff != nil {
            hints = [("Tab ←→", "other text", 6), ("↑↓ PgUp PgDn", "scroll", 5), ("d Esc", "close", 9), ("Y", "copy", 3), ("?", "help", 8)]
        } else if state.agreement != nil {
            hints = [("↑↓ PgUp PgDn", "scroll", 5), ("a Esc", "close", 9), ("s", "strategy", 4), ("R", "retry failed", 3),
                     ("y", "save", 2), ("?", "help", 8)]
            // "R retry failed" only when a worker failed, timed out or was cancelled.
            if !state.panes.contains(where: { $0.isRetryable }) { hints.removeAll { $0.key == "R" } }
        } else if state.zoomed {
            hints = [("Tab", "next", 6), ("↑↓ PgUp PgDn", "scroll", 5), ("Esc", "back", 8), ("r", "retry", 7),
                     ("s", "strategy", 4), ("a", "agreement", 3), ("c", "cancel", 2), ("y", "save", 1), ("?", "help", 9),
                     ("q", "quit", 10)]
        } else {
            hints = [("←→", "select", 7), ("⏎", "zoom", 6), ("r", "retry", 5), ("R", "retry all", 2),
                     ("s", "strategy", 4), ("a", "agreement", 3), ("c", "cancel", 1), ("y", "save", 0), ("?", "help", 8),
                     ("q", "quit", 9)]
            // Rare keys (issue 17), the first to go: the diff once two texts exist, copy.
            let rare: [(key: String, label: String, priority: Int)] = [("d", "diff", -3), ("Y", "copy", -2)]
            hints.insert(contentsOf: rare, at: hints.count - 2)
        }
        // The pane keys below belong to the panes' own line: not under the quit question, the
        // diff or the agreement view, which have keys of their own ("y" there is not "save").
        let panesLine = !state.confirmingQuit && state.diff == nil && state.agreement == nil
        // "t reasoning" shows when the selected pane has reasoning to open or fold.
        if panesLine, !state.selectsAnswer, state.panes.indices.contains(state.selection),
            !state.panes[state.selection].reasoning.isEmpty, let y = hints.firstIndex(where: { $0.key == "y" }) {
            hints.insert(("t", "reasoning", 0), at: y)
        }
        // "f follow-up" (a rare key, issue 17) once the live turn has an answer; "[ ] turns" once
        // there are earlier turns to look at.
        if panesLine, !state.zoomed {
            if case .done = state.answer.phase, state.viewedTurn == nil, let y = hints.firstIndex(where: { $0.key == "y" }) {
                hints.insert(("f", "follow-up", 0), at: y)
            }
            if state.liveTurn > 1, let help = hints.firstIndex(where: { $0.key == "?" }) { hints.insert(("[ ]", "turns", 0), at: help) }
        }
        // "v variant" (and "< > m" once the pane has variants) when the selected worker has
        // ended, the only time `v` acts; the rarest keys, the first to go when the line is short.
        if panesLine, !state.selectsAnswer, state.panes.indices.contains(state.selection),
            state.panes[state.selection].status?.isTerminal ?? false, !state.panes[state.selection].isRunning,
            let y = hints.firstIndex(where: { $0.key == "y" }) {
            let variants = state.panes[state.selection].variantCount > 1
            hints.insert(variants ? ("v < > m", "variants", -1) : ("v", "variant", -1), at: y)
        }
        // "a agreement" shows once there is an answer to look into.
        if case .done = state.answer.phase {} else { hints.removeAll { $0.key == "a" } }
        // With nothing running, "c cancel" has nothing to act on: it is the first to make room.
        if !state.isWorking, let c = hints.firstIndex(where: { $0.key == "c" }) { hints[c].priority = -1 }
        func width(_ list: [(key: String, label: String, priority: Int)]) -> Int {
            list.reduce(1) { $0 + CellGrid.width(of: [Segment("\($1.key) \($1.label)  ", .keyLine)]) } - 2
        }
        // Highest priority first, each kept if it still fits (the two highest always), shown in
        // their own order: a short rare hint can fill the room a long one left.
        var kept = Set<Int>()
        for i in hints.indices.sorted(by: { hints[$0].priority > hints[$1].priority }) {
            let trial = kept.union([i])
            // A cell stays free before the workers' range on the right.
            if kept.count < 2 || width(hints.indices.filter(trial.contains).map { hints[$0] }) < limit - rect.x {
                kept = trial
            }
        }
        let chosen = hints.indices.filter(kept.contains).map { hints[$0] }
        var segments: [Segment] = [Segment(" ", .keyLine)]
        for (i, hint) in chosen.enumerated() {
            if i > 0 { segments.append(Segment("  ", .keyLine)) }
            segments.append(Segment(hint.key, .keyLineKey))
            segments.append(Segment(" " + hint.label, .keyLine))
        }
        grid.write(segments, x: rect.x, y: rect.y, limit: limit)
    }

    /// The line above the key line while a status message is shown ("retrying worker 2…").
    static func drawStatusLine(_ state: UIState, rect: Rect, into grid: inout CellGrid) {
        guard let message = state.message else { return }
        grid.fill(rect, role: .keyLine)
        grid.write([Segment(" " + message.text, message.role)], x: rect.x, y: rect.y, limit: rect.maxX)
    }

    /// "3 done, 40 running, 1 failed" over the workers not shown; nil when all are shown.
    static func hiddenSummary(_ state: UIState, shown: [Int]) -> String? {
        let visible = Set(shown)
        var done = 0, running = 0, failed = 0
        for pane in state.panes where !visible.contains(pane.index) {
            switch pane.status {
            case .succeeded: done += 1
            case .failed, .timedOut, .cancelled: failed += 1
            case .waiting, .streaming, nil: running += 1
            }
        }
        guard done + running + failed > 0 else { return nil }
        return [(done, "done"), (running, "running"), (failed, "failed")].filter { $0.0 > 0 }
            .map { "\($0.0) \($0.1)" }.joined(separator: ", ")
    }
}
