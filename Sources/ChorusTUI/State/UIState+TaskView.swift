import Chorus

/// The task overlay (`T`): the whole task, wrapped and scrollable, over the panes. The header
/// line shows the task's first line, cut with "…"; this is where the rest is read.
extension UIState {
    /// Where the task's text goes: inside the sheet's border, one cell of padding each side.
    var taskTextRect: Rect? {
        guard let sheet = Layout.sheet(width: width, height: height, statusLine: message != nil) else { return nil }
        return Rect(x: sheet.x + 2, y: sheet.y + 1, width: sheet.width - 4, height: sheet.height - 2)
    }

    /// The task wrapped for the current size (terminal-safe: `WrappedText` sanitises it).
    var taskRows: WrappedText { WrappedText(width: max(1, taskTextRect?.width ?? 1), text: task) }

    /// The first row shown, pulled back when a resize left it past the end.
    var taskTop: Int {
        guard let taskViewTop else { return 0 }
        let height = taskTextRect?.height ?? 1
        return max(0, min(taskViewTop, taskRows.rowCount - height))
    }

    mutating func openTaskView() {
        taskViewTop = 0
    }

    /// Keys while the overlay is open: scrolling, and `T`, Esc, Enter or `q` close it (like the
    /// agreement view, a pager's keys). Others close it and do nothing else (like the help).
    mutating func handleTaskViewKey(_ key: Key) -> [UICommand]? {
        let height = taskTextRect?.height ?? 1
        let page = max(1, height - 1)
        let bottom = max(0, taskRows.rowCount - height)
        let top = taskTop
        if let row = key.pagerRow(from: top, page: page) {
            taskViewTop = max(0, min(row, bottom))
        } else {
            taskViewTop = nil
        }
        return []
    }
}
