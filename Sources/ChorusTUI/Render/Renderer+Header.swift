import Chorus

extension Renderer {
    /// The header line: the task on the left, on one line and cut with "…" (`T` shows it whole),
    /// and on the right the profile and the run's totals, the tokens and the cost (the record's
    /// `totalCost`, the figure the answer's title shows too). When the line is narrow the right
    /// side gives way first: the `T` hint, then the profile, the tokens, the cost; the task keeps
    /// at least `taskRoom` cells.
    static func drawHeader(_ state: UIState, rect: Rect, into grid: inout CellGrid) {
        grid.fill(rect, role: .keyLine)
        var parts = headerParts(state)
        let taskRoom = 16
        func right() -> [Segment] {
            var segments: [Segment] = []
            for (i, part) in parts.enumerated() {
                segments.append(Segment(i == 0 ? "" : " · ", .keyLine))
                segments += part.segments
            }
            return segments.isEmpty ? [] : segments + [Segment(" ", .keyLine)]
        }
        while !parts.isEmpty, CellGrid.width(of: right()) + 3 > rect.width - taskRoom {
            parts.remove(at: parts.indices.min { parts[$0].keep < parts[$1].keep }!)
        }
        // A dim bar and a blank on each side part the task from the totals, so a task cut with
        // "…" never reads into "T task" (issue 14 follow-up).
        let right = right()
        let tail = right.isEmpty ? [] : [Segment(" │ ", .dimText)] + right
        let tailStart = rect.maxX - CellGrid.width(of: tail)
        grid.write(tail, x: tailStart, y: rect.y, limit: rect.maxX)
        // A follow-up turn's task is its message: the header says which turn it is (issue 17).
        let name = state.liveTurn > 1 ? " Turn \(state.shownTurn)/\(state.liveTurn): " : " Task: "
        let task = [Segment(name, .keyLineKey), Segment(oneLine(state.task), .keyLine)]
        grid.write(task, x: rect.x, y: rect.y, limit: max(rect.x, tailStart))
    }

    /// The parts of the header's right side, with how long each stays when space is short.
    static func headerParts(_ state: UIState) -> [(segments: [Segment], keep: Int)] {
        var parts: [(segments: [Segment], keep: Int)] = []
        if let profile = state.profile { parts.append(([Segment("profile \(profile)", .keyLine)], 2)) }
        if let tokens = state.runTokens { parts.append(([Segment("\(tokens.approximate ? "~" : "")\(tokens.count) tok", .keyLine)], 3)) }
        if let cost = state.liveCost.text { parts.append(([Segment(cost, .keyLine)], 4)) }
        parts.append(([Segment("T", .keyLineKey), Segment(" task", .dimText)], 1))
        return parts
    }

    /// A task as one line: its lines joined by spaces, runs of blanks as one.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The task overlay (`T`): the whole task over the panes and the answer, scrollable, in a
    /// heavy box like the agreement view; the bottom edge says how to close it.
    static func drawTaskView(_ state: UIState, into grid: inout CellGrid) {
        guard let sheet = Layout.sheet(width: state.width, height: state.height, statusLine: state.message != nil), let text = state.taskTextRect else { return }
        grid.box(sheet, style: .heavy, role: .borderFocused, fillRole: .text)
        var title = [Segment("Task", .titleFocused)]
        if let profile = state.profile { title.append(Segment(" · profile \(profile)", .title)) }
        grid.edgeLabel(title, rect: sheet, y: sheet.y, borderRole: .borderFocused)
        let rows = state.taskRows
        let top = state.taskTop
        grid.text(rows, top: top, in: text, role: .text)
        let reserve = grid.scrollMarker(top: top, rows: rows.rowCount, visible: text.height, rect: sheet, borderRole: .borderFocused)
        let close = [Segment("T", .keyLineKey), Segment(" or ", .dimText), Segment("Esc", .keyLineKey), Segment(" closes", .dimText)]
        grid.edgeLabel(close, rect: sheet, y: sheet.maxY - 1, borderRole: .borderFocused, reserve: reserve)
    }
}
