/// Box drawing: light lines normally, heavy lines for the focused item, so focus shows without
/// colour too.
struct BoxStyle {
    var topLeft: Character, topRight: Character, bottomLeft: Character, bottomRight: Character
    var horizontal: Character, vertical: Character

    static let light = BoxStyle(topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", horizontal: "─", vertical: "│")
    static let heavy = BoxStyle(topLeft: "┏", topRight: "┓", bottomLeft: "┗", bottomRight: "┛", horizontal: "━", vertical: "┃")
}

extension CellGrid {
    /// Draws a box on `rect`'s edge and clears its inside to `fillRole`.
    mutating func box(_ rect: Rect, style: BoxStyle, role: StyleRole, fillRole: StyleRole) {
        guard rect.width >= 2, rect.height >= 2 else {
            fill(rect, role: fillRole)
            return
        }
        fill(rect.inner, role: fillRole)
        let top = rect.y, bottom = rect.maxY - 1
        for x in rect.x + 1..<rect.maxX - 1 {
            put(Glyph(style.horizontal, width: 1), x: x, y: top, role: role)
            put(Glyph(style.horizontal, width: 1), x: x, y: bottom, role: role)
        }
        for y in top + 1..<bottom {
            put(Glyph(style.vertical, width: 1), x: rect.x, y: y, role: role)
            put(Glyph(style.vertical, width: 1), x: rect.maxX - 1, y: y, role: role)
        }
        put(Glyph(style.topLeft, width: 1), x: rect.x, y: top, role: role)
        put(Glyph(style.topRight, width: 1), x: rect.maxX - 1, y: top, role: role)
        put(Glyph(style.bottomLeft, width: 1), x: rect.x, y: bottom, role: role)
        put(Glyph(style.bottomRight, width: 1), x: rect.maxX - 1, y: bottom, role: role)
    }

    /// Writes " segments " into a box's top or bottom edge after the corner, leaving `reserve`
    /// cells free at the right end. Returns the column after the closing space.
    @discardableResult
    mutating func edgeLabel(_ segments: [Segment], rect: Rect, y: Int, borderRole: StyleRole, reserve: Int = 0) -> Int {
        let limit = rect.maxX - 2 - reserve
        guard !segments.isEmpty, limit - (rect.x + 2) >= 2 else { return rect.x + 1 }
        put(.space, x: rect.x + 1, y: y, role: borderRole)
        let end = write(segments, x: rect.x + 2, y: y, limit: limit)
        put(.space, x: end, y: y, role: borderRole)
        return end + 1
    }

    /// Writes the scroll marker ("↑3 ↓12": rows hidden above and below a body of `visible` rows
    /// out of `rows`, scrolled to `top`) at the right end of a box's bottom edge, when the edge
    /// has room for it. Returns the cells it took, to pass as `edgeLabel`'s `reserve` so the
    /// label on the left stops short of it. One home, so every scrolled box marks it alike.
    @discardableResult
    mutating func scrollMarker(top: Int, rows: Int, visible: Int, rect: Rect, borderRole: StyleRole) -> Int {
        var scroll: [Segment] = []
        if top > 0 { scroll.append(Segment("↑\(top)", .dimText)) }
        let below = rows - top - visible
        if below > 0 { scroll.append(Segment((scroll.isEmpty ? "" : " ") + "↓\(below)", .dimText)) }
        guard !scroll.isEmpty else { return 0 }
        let width = CellGrid.width(of: scroll)
        guard width + 6 < rect.width else { return 0 }
        let x = rect.maxX - 2 - width
        put(.space, x: x - 1, y: rect.maxY - 1, role: borderRole)
        write(scroll, x: x, y: rect.maxY - 1, limit: rect.maxX - 1)
        return width + 2
    }

    /// Draws rows of a wrapped text into `rect`, starting at row `top`.
    mutating func text(_ text: WrappedText, top: Int, in rect: Rect, role: StyleRole) {
        guard !rect.isEmpty else { return }
        for line in 0..<rect.height {
            let row = top + line
            guard row < text.rowCount else { break }
            write(text.row(row), x: rect.x, y: rect.y + line, role: role, limit: rect.maxX)
        }
    }
}
