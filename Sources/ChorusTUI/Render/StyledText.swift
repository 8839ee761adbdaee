/// Word-wrapping of styled text: a paragraph made of segments in several roles, wrapped to a width
/// with a hanging indent, for views that mix labels, counts and model text on one line (the
/// agreement view). `WrappedText` wraps one role only and is built for streaming; this is for
/// short, finished paragraphs and re-wraps from scratch each time.
struct StyledText {
    /// One cell's worth of text and how it is coloured.
    struct Piece: Hashable {
        var glyph: Glyph
        var role: StyleRole
    }

    /// A paragraph: `segments` wrapped to the width, rows after the first starting `indent`
    /// cells in, so a list item's continuation lines up under its text.
    struct Paragraph: Hashable {
        var segments: [Segment]
        var indent: Int

        init(_ segments: [Segment], indent: Int = 0) {
            self.segments = segments
            self.indent = indent
        }

        static let blank = Paragraph([])
    }

    /// A wrapped row: `indent` blank cells, then the pieces.
    struct Row: Hashable {
        var indent: Int
        var pieces: [Piece]
    }

    /// Wraps every paragraph to `width` cells. Line breaks inside a segment (model text) become
    /// spaces, as on every other one-line label: a paragraph is one thought.
    static func wrap(_ paragraphs: [Paragraph], width: Int) -> [Row] {
        paragraphs.flatMap { wrap($0, width: max(1, width)) }
    }

    static func wrap(_ paragraph: Paragraph, width: Int) -> [Row] {
        let pieces = paragraph.segments.flatMap { segment in
            SafeText.line(segment.text).map { Piece(glyph: $0, role: segment.role) }
        }
        guard !pieces.isEmpty else { return [Row(indent: 0, pieces: [])] }
        // A hanging indent that leaves less than half the row for text is not worth keeping.
        let indent = paragraph.indent * 2 <= width ? paragraph.indent : 0
        var rows: [Row] = []
        var current: [Piece] = []
        var used = 0
        var room: Int { rows.isEmpty ? width : width - indent }
        var index = 0
        while index < pieces.count {
            // The next word, with the spaces before it.
            var end = index
            while end < pieces.count, pieces[end].glyph.isSpace { end += 1 }
            while end < pieces.count, !pieces[end].glyph.isSpace { end += 1 }
            let word = pieces[index..<end]
            let wordWidth = word.reduce(0) { $0 + Int($1.glyph.width) }
            if used + wordWidth <= room {
                current += word
                used += wordWidth
                index = end
                continue
            }
            let text = word.drop { $0.glyph.isSpace }
            let textWidth = text.reduce(0) { $0 + Int($1.glyph.width) }
            if !current.isEmpty {
                rows.append(Row(indent: rows.isEmpty ? 0 : indent, pieces: current))
                current = []
                used = 0
                if textWidth <= room {
                    current = Array(text)
                    used = textWidth
                    index = end
                    continue
                }
            }
            // A word longer than a whole row: break it hard.
            for piece in text {
                let w = Int(piece.glyph.width)
                if used + w > room, !current.isEmpty {
                    rows.append(Row(indent: rows.isEmpty ? 0 : indent, pieces: current))
                    current = []
                    used = 0
                }
                current.append(piece)
                used += w
            }
            index = end
        }
        if !current.isEmpty { rows.append(Row(indent: rows.isEmpty ? 0 : indent, pieces: current)) }
        return rows
    }
}

extension CellGrid {
    /// Draws a wrapped row at (x, y), clipped at `limit`.
    mutating func draw(_ row: StyledText.Row, x: Int, y: Int, limit: Int) {
        var column = x + row.indent
        for piece in row.pieces {
            guard column < limit else { return }
            column += put(piece.glyph, x: column, y: y, role: piece.role, limit: limit)
        }
    }
}
