/// Scrolling the selected pane (or the answer). A view either follows the newest text
/// (`scrollTop == nil`) or stays where the user put it while text keeps arriving below.
extension UIState {
    /// Rows of text the selected item shows at once.
    var viewportHeight: Int {
        let layout = self.layout
        let rect = selectsAnswer ? layout.answer : layout.panes[selection]
        var inner = (rect?.height ?? 3) - 2
        if selectsAnswer {
            let notes = answer.visibleNotes(innerHeight: inner, width: (rect?.width ?? 3) - 2, zoomed: zoomed, answerFirst: answerFirst)
            inner -= notes.reduce(0) { $0 + $1.rows.rowCount }
        }
        return max(1, inner)
    }

    var pageSize: Int { max(1, viewportHeight - 1) }

    /// The first row shown for a text with `rows` rows in `height` rows of view.
    public static func top(scrollTop: Int?, rows: Int, height: Int) -> Int {
        let bottom = max(0, rows - height)
        guard let scrollTop else { return bottom }
        return min(scrollTop, bottom)
    }

    mutating func scroll(by delta: Int) {
        let height = viewportHeight
        moveScroll(height: height) { top, bottom in
            let next = max(0, top + delta)
            return next >= bottom ? nil : next
        }
    }

    mutating func scrollToTop() { moveScroll(height: viewportHeight) { _, bottom in bottom == 0 ? nil : 0 } }
    mutating func scrollToEnd() { moveScroll(height: viewportHeight) { _, _ in nil } }

    private mutating func moveScroll(height: Int, _ change: (_ top: Int, _ bottom: Int) -> Int?) {
        if selectsAnswer {
            let rows = answerBodyRows
            let top = Self.top(scrollTop: answer.scrollTop, rows: rows, height: height)
            answer.scrollTop = change(top, max(0, rows - height))
        } else if panes.indices.contains(selection) {
            let rows = paneBodyRows(selection)
            let top = Self.top(scrollTop: panes[selection].scrollTop, rows: rows, height: height)
            panes[selection].scrollTop = change(top, max(0, rows - height))
        }
    }
}
