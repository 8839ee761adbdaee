/// Draws a `UIState` into a `CellGrid`: a pure function of the state, so a frame can be checked
/// cell by cell in tests and the backend only has to copy it to the terminal.
///
/// The eye goes from the panes (live, each with its own state and clock) to the answer (what the
/// run produced and how) to the key line (what can be done next); the agreement view replaces the
/// panes and the answer while it is open; overlays (help, the quit question) sit on top.
public enum Renderer {
    public static func render(_ state: UIState) -> CellGrid {
        var grid = CellGrid(width: state.width, height: state.height)
        render(state, into: &grid)
        return grid
    }

    /// Draws into an existing grid of the state's size (reused between frames).
    public static func render(_ state: UIState, into grid: inout CellGrid) {
        if grid.width != state.width || grid.height != state.height {
            grid = CellGrid(width: state.width, height: state.height)
        }
        grid.fill(grid.bounds, role: .text)
        let layout = state.layout
        if layout.tooSmall {
            drawTooSmall(state, into: &grid)
            return
        }
        if let rect = layout.header {
            drawHeader(state, rect: rect, into: &grid)
        }
        if state.taskViewTop != nil {
            drawTaskView(state, into: &grid)
        } else if state.agreement != nil {
            drawAgreement(state, into: &grid)
        } else if state.diff != nil {
            drawDiff(state, into: &grid)
        } else {
            for (index, rect) in layout.panes {
                drawPane(
                    state.panes[index], rect: rect, focused: state.selection == index, now: state.now, structured: state.structured,
                    turn: state.turnLabel, into: &grid)
            }
            if let rect = layout.answer {
                drawAnswer(state, rect: rect, into: &grid)
            }
        }
        if let rect = layout.keyLine {
            drawKeyLine(state, layout: layout, rect: rect, into: &grid)
        }
        if let rect = layout.statusLine {
            drawStatusLine(state, rect: rect, into: &grid)
        }
        if state.followUp != nil, let rect = layout.keyLine {
            drawFollowUpPrompt(state, rect: rect, into: &grid)
        }
        if let form = state.variantForm { drawVariantForm(form, into: &grid) }
        if state.confirmingQuit { drawQuitQuestion(state, into: &grid) }
        if state.showHelp { drawHelp(state, into: &grid) }
    }

    static func drawTooSmall(_ state: UIState, into grid: inout CellGrid) {
        let lines = [
            ("terminal too small", StyleRole.warning),
            ("\(state.width)x\(state.height), need \(Layout.minimumWidth)x\(Layout.minimumHeight)", .dimText),
            ("q quits", .dimText),
        ]
        let top = max(0, (state.height - lines.count) / 2)
        for (i, (text, role)) in lines.enumerated() where top + i < state.height {
            let glyphs = SafeText.line(text)
            let x = max(0, (state.width - glyphs.count) / 2)
            grid.write(glyphs, x: x, y: top + i, role: role)
        }
    }

    /// A centred box of at most `width` x `height`, clipped to the screen.
    static func centredBox(width: Int, height: Int, in grid: CellGrid) -> Rect {
        let w = min(width, grid.width - 2), h = min(height, grid.height - 2)
        return Rect(x: (grid.width - w) / 2, y: (grid.height - h) / 2, width: w, height: h)
    }
}
