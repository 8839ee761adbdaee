/// A run of text in one role: titles and status lines are built from a few of these.
struct Segment: Hashable {
    var text: String
    var role: StyleRole

    init(_ text: String, _ role: StyleRole) {
        self.text = text
        self.role = role
    }
}

extension CellGrid {
    /// Writes segments from x up to `limit`. If they do not fit, the last cell shows "…" so a cut
    /// is never mistaken for the whole text. Returns the column after the last cell written.
    @discardableResult
    mutating func write(_ segments: [Segment], x: Int, y: Int, limit: Int) -> Int {
        let pieces = segments.map { (SafeText.line($0.text), $0.role) }
        let total = pieces.reduce(0) { $0 + $1.0.reduce(0) { $0 + Int($1.width) } }
        let room = limit - x
        guard room > 0 else { return x }
        if total <= room {
            var column = x
            for (glyphs, role) in pieces { column = write(glyphs, x: column, y: y, role: role, limit: limit) }
            return column
        }
        var column = x
        var lastRole = segments.last?.role ?? .text
        outer: for (glyphs, role) in pieces {
            for glyph in glyphs {
                if column + Int(glyph.width) > limit - 1 { lastRole = role; break outer }
                column += put(glyph, x: column, y: y, role: role, limit: limit - 1)
            }
        }
        put(Glyph("…", width: 1), x: column, y: y, role: lastRole, limit: limit)
        return column + 1
    }

    /// The display width of segments.
    static func width(of segments: [Segment]) -> Int {
        segments.reduce(0) { $0 + SafeText.line($1.text).reduce(0) { $0 + Int($1.width) } }
    }
}
