extension Renderer {
    /// The agreement view over the panes and the answer: a heavy box (it has the focus, like a
    /// zoomed pane), the report scrolled to `agreementTop`, and how much more there is above and
    /// below on the bottom edge.
    static func drawAgreement(_ state: UIState, into grid: inout CellGrid) {
        guard let sheet = Layout.sheet(width: state.width, height: state.height, statusLine: state.message != nil), let text = state.agreementTextRect else {
            return
        }
        grid.box(sheet, style: .heavy, role: .borderFocused, fillRole: .text)
        grid.edgeLabel(AgreementReport.title(state.answer.phase), rect: sheet, y: sheet.y, borderRole: .borderFocused)

        let rows = state.agreementRows
        let top = state.agreementTop
        for line in 0..<text.height where top + line < rows.count {
            grid.draw(rows[top + line], x: text.x, y: text.y + line, limit: text.maxX)
        }

        let reserve = grid.scrollMarker(top: top, rows: rows.count, visible: text.height, rect: sheet, borderRole: .borderFocused)
        let close = [Segment("a", .keyLineKey), Segment(" or ", .dimText), Segment("Esc", .keyLineKey), Segment(" closes", .dimText)]
        grid.edgeLabel(close, rect: sheet, y: sheet.maxY - 1, borderRole: .borderFocused, reserve: reserve)
    }
}
