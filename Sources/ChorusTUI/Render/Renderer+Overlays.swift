extension Renderer {
    /// The key list in a centred box; on a small terminal the short descriptions, no blank line,
    /// and the whole screen if need be. A list longer than the box scrolls (`UIState.helpScroll`),
    /// and the bottom edge says so.
    static func drawHelp(_ state: UIState, into grid: inout CellGrid) {
        let help = UIState.keyHelp
        let box = HelpBox(width: grid.width, height: grid.height, help: help)
        let rect = box.rect
        guard rect.width >= 4, rect.height >= 3 else { return }
        let scroll = max(0, min(state.helpScroll, box.maxScroll))
        grid.box(rect, style: .light, role: .helpBorder, fillRole: .helpText)
        grid.edgeLabel([Segment("Keys", .helpKey)], rect: rect, y: rect.y, borderRole: .helpBorder)
        let reserve = grid.scrollMarker(top: scroll, rows: help.count, visible: box.visibleRows, rect: rect, borderRole: .helpBorder)
        let footer = box.maxScroll == 0 ? "any key closes this help" : "↑↓ scroll · other keys close"
        grid.edgeLabel([Segment(footer, .dimText)], rect: rect, y: rect.maxY - 1, borderRole: .helpBorder, reserve: reserve)
        let inner = rect.inner
        let top = box.spacious ? 1 : 0
        for (row, entry) in help.dropFirst(scroll).prefix(box.visibleRows).enumerated() {
            let y = inner.y + top + row
            grid.write([Segment(entry.keys, .helpKey)], x: inner.x + 1, y: y, limit: inner.maxX)
            grid.write(
                [Segment(box.roomy ? entry.action : entry.short, .helpText)], x: inner.x + 1 + box.keyWidth + 2, y: y,
                limit: inner.maxX)
        }
    }

    static func drawQuitQuestion(_ state: UIState, into grid: inout CellGrid) {
        let lines: [[Segment]] = [
            [Segment("Work is still running.", .helpText)],
            [Segment("Quit and cancel it? ", .helpText), Segment("y", .helpKey), Segment(" quit  ", .helpText),
             Segment("n", .helpKey), Segment(" stay", .helpText)],
            // "q q" is a deliberate quit: the second `q` answers yes (README "Keys").
            [Segment("q", .helpKey), Segment(" again also quits", .helpText)],
        ]
        let width = lines.map { CellGrid.width(of: $0) }.max() ?? 0
        let rect = centredBox(width: width + 4, height: lines.count + 2, in: grid)
        guard rect.width >= 4, rect.height >= 3 else { return }
        grid.box(rect, style: .heavy, role: .warning, fillRole: .helpText)
        for (i, line) in lines.enumerated() where i < rect.inner.height {
            grid.write(line, x: rect.inner.x + 1, y: rect.inner.y + i, limit: rect.inner.maxX)
        }
    }
}
