extension Renderer {
    /// The bottom line: what can be done next, or the latest message; on the right, which
    /// workers are shown when they do not all fit.
    static func drawKeyLine(_ state: UIState, layout: Layout, rect: Rect, into grid: inout CellGrid) {
        grid.fill(rect, role: .keyLine)
        var limit = rect.maxX
        let shown = layout.visibleWorkers
        if !state.zoomed, let first = shown.first, let last = shown.last, shown.count < state.panes.count {
            let label = [Segment("workers \(first + 1)–\(last + 1) of \(state.panes.count) ", .keyLine)]
            let width = CellGrid.width(of: label)
            if width * 2 < rect.width {
                limit = rect.maxX - width
                grid.write(label, x: limit, y: rect.y, limit: rect.maxX)
            }
        }
        if let message = state.message {
            grid.write([Segment(" " + message.text, message.role)], x: rect.x, y: rect.y, limit: limit)
            return
        }
        let hints: [(key: String, label: String)] = state.zoomed
            ? [("Tab", "next"), ("↑↓ PgUp PgDn", "scroll"), ("Esc", "back"), ("r", "retry"), ("s", "strategy"),
               ("c", "cancel"), ("y", "save"), ("?", "help"), ("q", "quit")]
            : [("←→", "select"), ("⏎", "zoom"), ("r", "retry"), ("R", "retry failed"), ("s", "strategy"),
               ("c", "cancel"), ("y", "save"), ("?", "help"), ("q", "quit")]
        // Keep "? help" and "q quit" whatever the width; drop others from the right.
        var chosen = hints
        func width(_ list: [(key: String, label: String)]) -> Int {
            list.reduce(1) { $0 + CellGrid.width(of: [Segment("\($1.key) \($1.label)  ", .keyLine)]) }
        }
        while chosen.count > 2 && width(chosen) > limit - rect.x {
            chosen.remove(at: chosen.count - 3)
        }
        var segments: [Segment] = [Segment(" ", .keyLine)]
        for (i, hint) in chosen.enumerated() {
            if i > 0 { segments.append(Segment("  ", .keyLine)) }
            segments.append(Segment(hint.key, .keyLineKey))
            segments.append(Segment(" " + hint.label, .keyLine))
        }
        grid.write(segments, x: rect.x, y: rect.y, limit: limit)
    }
}
