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
        // A line cut at an end shows "…" in that end's cell, so the user sees it goes on
        // (issue 14 follow-up); the cursor stays clear of the right one.
        var start = 0
        var beforeCursor = widths[0..<cursor].reduce(0, +)
        let total = widths.reduce(0, +)
        let cut = total > room
        func left() -> Int { start > 0 ? 1 : 0 }
        let cursorRoom = cut && cursor < shown.count ? room - 2 : room - 1
        while left() + beforeCursor > cursorRoom, start < cursor {
            beforeCursor -= widths[start]
            start += 1
        }
        var used = left()
        var end = start
        while end < shown.count, used + widths[end] <= room {
            used += widths[end]
            end += 1
        }
        if end < shown.count {
            // Room for the right "…", never at the cursor's expense.
            while used + 1 > room, end > max(start, cursor + 1) {
                end -= 1
                used -= widths[end]
            }
        }
        text = (start > 0 ? "…" : "") + String(shown[start..<end]) + (end < shown.count ? "…" : "")
        cursorColumn = left() + beforeCursor
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
