extension Renderer {
    /// The diff view over the panes and the answer: a heavy box titled with the two texts, the
    /// diff scrolled to `diffTop`, the similarity line on its last inner row, and the keys on the
    /// bottom edge.
    static func drawDiff(_ state: UIState, into grid: inout CellGrid) {
        guard let view = state.diff, let sheet = Layout.sheet(width: state.width, height: state.height, statusLine: state.message != nil),
            let text = state.diffTextRect
        else { return }
        grid.box(sheet, style: .heavy, role: .borderFocused, fillRole: .text)
        let title = [
            Segment(" diff: ", .titleFocused), Segment(state.diffName(view.first), .diffDeleted), Segment(" → ", .titleFocused),
            Segment(state.diffName(view.second), .diffInserted), Segment(" ", .titleFocused),
        ]
        grid.edgeLabel(title, rect: sheet, y: sheet.y, borderRole: .borderFocused)

        let rows = state.diffRows  // one diff per frame: the rows and the top from the same
        let top = state.diffTop(rowCount: rows.count)
        for line in 0..<text.height where top + line < rows.count {
            grid.draw(rows[top + line], x: text.x, y: text.y + line, limit: text.maxX)
        }
        let similarity = StyledText.wrap(StyledText.Paragraph([Segment(state.similarityLine, .accent)]), width: 100_000)
        if let first = similarity.first { grid.draw(first, x: text.x, y: text.maxY, limit: text.maxX) }

        let reserve = grid.scrollMarker(top: top, rows: rows.count, visible: text.height, rect: sheet, borderRole: .borderFocused)
        let keys = [
            Segment("Tab", .keyLineKey), Segment(" other text  ", .dimText), Segment("d", .keyLineKey), Segment(" or ", .dimText),
            Segment("Esc", .keyLineKey), Segment(" closes", .dimText),
        ]
        grid.edgeLabel(keys, rect: sheet, y: sheet.maxY - 1, borderRole: .borderFocused, reserve: reserve)
    }
}
