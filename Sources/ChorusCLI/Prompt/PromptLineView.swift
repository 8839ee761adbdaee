import ChorusTUI

/// What the prompt row shows of the line being edited: one terminal row that scrolls sideways so
/// the cursor stays in view, with every character made harmless to print.
///
/// A pasted line break shows as `↵` and a tab as a space; any other control character (an Esc in
/// pasted text, C1 controls) as `·`, so pasted text can never move the cursor or change the
/// terminal (the same rule `TerminalSafeText` applies to model text). Widths are terminal cells
/// (`DisplayWidth`: CJK and emoji take two).
public struct PromptLineView: Sendable, Equatable {
    public var text: String
    /// Cells from the start of the shown text to the cursor.
    public var cursorColumn: Int

    /// - Parameters:
    ///   - width: cells for the line (the row's width less the prompt); one stays free for the
    ///     cursor at the end.
    public init(line: [Character], cursor: Int, width: Int) {
        let shown = line.map(Self.shown)
        let widths = shown.map { DisplayWidth.of($0) }
        let room = max(1, width - 1)
        var start = 0
        var beforeCursor = widths[0..<cursor].reduce(0, +)
        while beforeCursor > room - 1, start < cursor {
            beforeCursor -= widths[start]
            start += 1
        }
        var used = 0
        var end = start
        while end < shown.count, used + widths[end] <= room {
            used += widths[end]
            end += 1
        }
        text = String(shown[start..<end])
        cursorColumn = beforeCursor
    }

    static func shown(_ character: Character) -> Character {
        switch character {
        case "\n", "\r\n": return "↵"
        case "\t": return " "
        default:
            guard let first = character.unicodeScalars.first else { return "·" }
            if first.value < 0x20 || (0x7F...0x9F).contains(first.value) { return "·" }
            return character
        }
    }
}
