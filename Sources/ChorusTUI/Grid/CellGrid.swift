/// A frame: what every cell of the terminal should show.
///
/// The renderer draws into it with no terminal at all (tests assert on it; the curses backend
/// diffs two of them and writes only what changed). Writes are clipped to the grid and to an
/// optional limit, and keep wide characters whole: a wide glyph that does not fit is replaced by
/// a space, and overwriting half of one blanks the other half.
public struct CellGrid: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Fills `rect` (clipped) with `character` in `role`.
    public mutating func fill(_ rect: Rect, _ character: Character = " ", role: StyleRole) {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            if x0 > 0 && self[x0, y].isContinuation { self[x0 - 1, y] = Cell(" ", role: self[x0 - 1, y].role) }
            if x1 < width && self[x1, y].isContinuation { self[x1, y] = Cell(" ", role: self[x1, y].role) }
            for x in x0..<x1 { self[x, y] = Cell(character, role: role) }
        }
    }

    /// Puts one glyph at (x, y) if it fits before `limit` (exclusive); returns the cells used.
    @discardableResult
    public mutating func put(_ glyph: Glyph, x: Int, y: Int, role: StyleRole, limit: Int? = nil) -> Int {
        let end = min(width, limit ?? width)
        let w = Int(glyph.width)
        guard y >= 0, y < height, x >= 0, x < end, w > 0 else { return 0 }
        if w == 2 && x + 1 >= end {
            clearHalf(x: x, y: y)
            self[x, y] = Cell(" ", role: role)
            return 1
        }
        clearHalf(x: x, y: y)
        if w == 2 { clearHalf(x: x + 1, y: y) }
        self[x, y] = Cell(glyph.character, role: role, width: UInt8(w))
        if w == 2 { self[x + 1, y] = Cell(" ", role: role, width: 0) }
        return w
    }

    /// Blanks the other half of a wide character that (x, y) is part of, before (x, y) is
    /// overwritten.
    private mutating func clearHalf(x: Int, y: Int) {
        let cell = self[x, y]
        if cell.isContinuation, x > 0 {
            self[x - 1, y] = Cell(" ", role: self[x - 1, y].role)
        } else if cell.width == 2, x + 1 < width {
            self[x + 1, y] = Cell(" ", role: self[x + 1, y].role)
        }
    }

    /// Writes glyphs from (x, y) up to `limit`; returns the column after the last one written.
    @discardableResult
    public mutating func write(_ glyphs: some Sequence<Glyph>, x: Int, y: Int, role: StyleRole, limit: Int? = nil) -> Int {
        var column = x
        let end = min(width, limit ?? width)
        for glyph in glyphs {
            if column >= end { break }
            column += put(glyph, x: column, y: y, role: role, limit: end)
        }
        return column
    }

    /// Writes a string made safe first; returns the column after it.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, role: StyleRole, limit: Int? = nil) -> Int {
        write(SafeText.line(text), x: x, y: y, role: role, limit: limit)
    }
}
