/// Streamed text, kept as safe glyphs and wrapped into rows of a given width, incrementally.
///
/// Tokens arrive thousands of times a second across panes, and a pane's text can grow to many
/// kilobytes, so re-wrapping everything on each chunk (or each frame) would cost the UI thread
/// its frame budget. Appending costs O(chunk) instead: finished rows never change; only the row
/// being filled moves its last partial word down when it overflows. A new width (resize, zoom)
/// re-wraps once from the stored glyphs, with no re-segmentation.
///
/// A chunk may end in the middle of a grapheme cluster (an "e" whose accent comes next, half of
/// a flag): the last character can be taken back and joined with the next chunk's start.
public struct WrappedText: Hashable, Sendable {
    /// A row is a range of `glyphs` indices; soft-wrap spaces at its end are left out.
    public struct Row: Hashable, Sendable {
        public var start: Int
        public var end: Int
    }

    public private(set) var glyphs: [Glyph] = []
    public private(set) var rows: [Row] = [Row(start: 0, end: 0)]
    public private(set) var width: Int
    /// How to take back the last character committed (see `append`).
    private struct Undo: Hashable, Sendable {
        var character: Character
        var glyphCount: Int
        var rowCount: Int
        var lastRow: Row
        var rowWidth: Int
        var breakIndex: Int?
    }

    private var undo: Undo?
    /// Cells used by the last row.
    private var rowWidth = 0
    /// Where the last row may break: the index just after its last space.
    private var breakIndex: Int?
    /// Every character appended, so a width change or a later comparison with the record needs
    /// no work from the caller. Kept as a String (compact UTF-8), not as glyphs.
    public private(set) var source = ""

    public init(width: Int, text: String = "") {
        self.width = max(1, width)
        if !text.isEmpty {
            append(text)
            finish()
        }
    }

    public var isEmpty: Bool { source.isEmpty }
    public var rowCount: Int { rows.count }

    /// The glyphs of row `index`, for drawing.
    public func row(_ index: Int) -> ArraySlice<Glyph> {
        let r = rows[index]
        return glyphs[r.start..<r.end]
    }

    /// Adds streamed text; it shows at once.
    ///
    /// The last character is committed too, with what is needed to take it back: if the next
    /// chunk extends it (an accent, the second half of a flag, "\n" after "\r"), the wrap state
    /// is restored and the joined cluster committed again.
    public mutating func append(_ chunk: String) {
        guard !chunk.isEmpty else { return }
        source += chunk
        var text = chunk
        if let undo {
            let joined = String(undo.character) + chunk
            if joined.first != undo.character {
                restore(undo)
                text = joined
            }
        }
        var characters = text.makeIterator()
        guard var current = characters.next() else { return }
        while let next = characters.next() {
            commit(current)
            current = next
        }
        undo = Undo(
            character: current, glyphCount: glyphs.count, rowCount: rows.count, lastRow: rows[rows.count - 1],
            rowWidth: rowWidth, breakIndex: breakIndex)
        commit(current)
    }

    /// The stream ended: its last character can no longer change.
    public mutating func finish() {
        undo = nil
    }

    /// Replaces the whole text (when the record's text is authoritative, e.g. after a finish).
    public mutating func replace(with text: String) {
        self = WrappedText(width: width, text: text)
    }

    /// Re-wraps every row for a new width. Cheap when the width is unchanged.
    public mutating func rewrap(width newWidth: Int) {
        let newWidth = max(1, newWidth)
        guard newWidth != width else { return }
        width = newWidth
        rows = [Row(start: 0, end: 0)]
        rowWidth = 0
        breakIndex = nil
        undo = nil
        for index in glyphs.indices { place(index) }
    }

    private mutating func restore(_ undo: Undo) {
        glyphs.removeSubrange(undo.glyphCount...)
        rows.removeSubrange(undo.rowCount...)
        rows[undo.rowCount - 1] = undo.lastRow
        rowWidth = undo.rowWidth
        breakIndex = undo.breakIndex
        self.undo = nil
    }

    private mutating func commit(_ character: Character) {
        let before = glyphs.count
        SafeText.append(character, to: &glyphs)
        for index in before..<glyphs.count { place(index) }
    }

    /// Puts glyph `index` (already in `glyphs`) on the last row, wrapping as needed.
    private mutating func place(_ index: Int) {
        let glyph = glyphs[index]
        let last = rows.count - 1
        if glyph.isLineBreak {
            rows[last].end = index
            startRow(at: index + 1)
            return
        }
        let w = Int(glyph.width)
        if rowWidth + w <= width {
            rows[last].end = index + 1
            rowWidth += w
            if glyph.isSpace { breakIndex = index + 1 }
            return
        }
        if rows[last].start == rows[last].end {
            // Nothing on this row yet and still too wide (a wide glyph in a 1-cell pane): keep it
            // here; drawing clips it.
            rows[last].end = index + 1
            rowWidth = w
            return
        }
        if glyph.isSpace {
            // The space that overflows is the break itself: it is swallowed.
            startRow(at: index + 1)
            return
        }
        if let b = breakIndex, b > rows[last].start, b <= index {
            // Move the word being written (b..<index) down to a new row with this glyph.
            var end = b
            while end > rows[last].start && glyphs[end - 1].isSpace { end -= 1 }
            rows[last].end = end
            let wordWidth = glyphs[b..<index].reduce(0) { $0 + Int($1.width) }
            if wordWidth + w <= width {
                rows.append(Row(start: b, end: index + 1))
                rowWidth = wordWidth + w
                breakIndex = nil
                return
            }
            rows.append(Row(start: b, end: index))
        }
        // A word longer than the row: break it hard.
        rows.append(Row(start: index, end: index + 1))
        rowWidth = w
        breakIndex = nil
    }

    private mutating func startRow(at index: Int) {
        rows.append(Row(start: index, end: index))
        rowWidth = 0
        breakIndex = nil
    }

    public static func == (a: WrappedText, b: WrappedText) -> Bool {
        a.width == b.width && a.source == b.source
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(width)
        hasher.combine(source)
    }
}
