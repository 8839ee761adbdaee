import Chorus

extension Renderer {
    /// The follow-up prompt (`f`, issue 17) in the key line's place: "Follow-up (turn 3) › text",
    /// the cursor as a reversed cell, scrolled sideways so the cursor stays in view. A pasted
    /// line break shows as "⏎" (the line is one row); the text goes as typed.
    static func drawFollowUpPrompt(_ state: UIState, rect: Rect, into grid: inout CellGrid) {
        guard let editor = state.followUp else { return }
        grid.fill(rect, role: .keyLine)
        let mode = state.followUpMode == .shared ? ", shared" : ""
        let label = [Segment(" Follow-up (turn \(state.liveTurn + 1)\(mode)) › ", .keyLineKey)]
        let start = rect.x + CellGrid.width(of: label)
        grid.write(label, x: rect.x, y: rect.y, limit: rect.maxX)
        let room = rect.maxX - start - 1
        guard room > 0 else { return }
        let shown = editor.line.map { $0 == "\n" ? "⏎" : String($0) }
        // Keep the cursor on screen: the text scrolls left once the cursor passes the right edge.
        let first = max(0, editor.cursor - room + 1)
        let visible = shown[first..<min(shown.count, first + room)]
        grid.write([Segment(visible.joined(), .text)], x: start, y: rect.y, limit: rect.maxX)
        let cursorX = start + (editor.cursor - first)
        let under = editor.cursor < shown.count ? shown[editor.cursor] : " "
        grid.write([Segment(under, .selection)], x: cursorX, y: rect.y, limit: rect.maxX)
    }
}
