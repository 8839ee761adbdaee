extension Renderer {
    /// The key list in a centred box; on a small terminal the short descriptions, no blank line,
    /// and the whole screen if need be, so every line still shows.
    static func drawHelp(_ state: UIState, into grid: inout CellGrid) {
        let help = UIState.keyHelp
        let keyWidth = help.map { CellGrid.width(of: [Segment($0.keys, .helpKey)]) }.max() ?? 0
        func width(_ text: KeyPath<(keys: String, action: String, short: String), String>) -> Int {
            keyWidth + 2 + (help.map { CellGrid.width(of: [Segment($0[keyPath: text], .helpText)]) }.max() ?? 0)
        }
        let roomy = width(\.action) + 4 <= grid.width - 2
        let lineWidth = roomy ? width(\.action) : width(\.short)
        let spacious = help.count + 4 <= grid.height - 2
        let wanted = Rect(x: 0, y: 0, width: lineWidth + 4, height: help.count + (spacious ? 4 : 2))
        var rect = centredBox(width: wanted.width, height: wanted.height, in: grid)
        if rect.height < wanted.height || rect.width < wanted.width {
            rect = Rect(x: 0, y: 0, width: min(wanted.width, grid.width), height: min(wanted.height, grid.height))
            rect.x = (grid.width - rect.width) / 2
        }
        guard rect.width >= 4, rect.height >= 3 else { return }
        grid.box(rect, style: .light, role: .helpBorder, fillRole: .helpText)
        grid.edgeLabel([Segment("Keys", .helpKey)], rect: rect, y: rect.y, borderRole: .helpBorder)
        grid.edgeLabel([Segment("any key closes this help", .dimText)], rect: rect, y: rect.maxY - 1, borderRole: .helpBorder)
        let inner = rect.inner
        let top = spacious ? 1 : 0
        for (i, entry) in help.enumerated() where top + i < inner.height {
            let y = inner.y + top + i
            grid.write([Segment(entry.keys, .helpKey)], x: inner.x + 1, y: y, limit: inner.maxX)
            grid.write([Segment(roomy ? entry.action : entry.short, .helpText)], x: inner.x + 1 + keyWidth + 2, y: y, limit: inner.maxX)
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
