extension Renderer {
    static func drawHelp(_ state: UIState, into grid: inout CellGrid) {
        let help = UIState.keyHelp
        let keyWidth = help.map { CellGrid.width(of: [Segment($0.keys, .helpKey)]) }.max() ?? 0
        let lineWidth = help.map { keyWidth + 3 + CellGrid.width(of: [Segment($0.action, .helpText)]) }.max() ?? 0
        let rect = centredBox(width: lineWidth + 4, height: help.count + 4, in: grid)
        guard rect.width >= 4, rect.height >= 3 else { return }
        grid.box(rect, style: .light, role: .helpBorder, fillRole: .helpText)
        grid.edgeLabel([Segment("Keys", .helpKey)], rect: rect, y: rect.y, borderRole: .helpBorder)
        grid.edgeLabel([Segment("any key closes this help", .dimText)], rect: rect, y: rect.maxY - 1, borderRole: .helpBorder)
        let inner = rect.inner
        for (i, entry) in help.enumerated() where 1 + i < inner.height {
            let y = inner.y + 1 + i
            grid.write([Segment(entry.keys, .helpKey)], x: inner.x + 1, y: y, limit: inner.maxX)
            grid.write([Segment(entry.action, .helpText)], x: inner.x + 1 + keyWidth + 2, y: y, limit: inner.maxX)
        }
    }

    static func drawQuitQuestion(_ state: UIState, into grid: inout CellGrid) {
        let lines: [[Segment]] = [
            [Segment("Work is still running.", .helpText)],
            [Segment("Quit and cancel it? ", .helpText), Segment("y", .helpKey), Segment(" quit  ", .helpText),
             Segment("n", .helpKey), Segment(" stay", .helpText)],
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
