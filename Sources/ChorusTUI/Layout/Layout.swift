/// Where everything goes for a terminal size: a pure function of the size, the worker count, the
/// answer's presence and size, the zoom and the pane-grid scroll position.
///
/// Panes sit side by side when the terminal is wide and stack when it is narrow; when more rows of
/// panes exist than fit, the grid scrolls by whole rows (`firstRow`) to keep the selection in view.
public struct Layout: Hashable, Sendable {
    public static let minimumWidth = 24
    public static let minimumHeight = 8
    /// Narrowest pane worth having: room for "1 cost · t 0.20 · smollm2".
    public static let minimumPaneWidth = 30
    /// Preferred shortest pane: three lines of text inside the border.
    public static let preferredPaneHeight = 5
    public static let minimumPaneHeight = 4
    /// A pane shrunk to its first line (answer-first layout): the border and one line of text.
    public static let compactPaneHeight = 3
    /// The header line (task, profile, totals) shows from this height on; below it every row goes
    /// to the panes and the answer, and `T` still shows the task.
    public static let headerMinimumHeight = 10

    /// What is zoomed to full screen.
    public enum Zoom: Hashable, Sendable {
        case worker(Int)
        case answer
    }

    public var width: Int
    public var height: Int
    public var tooSmall: Bool
    /// Visible panes by worker index.
    public var panes: [Int: Rect] = [:]
    /// The wrap width (inner width) of every worker's text, visible or not.
    public var wrapWidths: [Int] = []
    public var answer: Rect?
    public var answerWrapWidth: Int
    public var keyLine: Rect?
    /// The header line at the top: the task, the profile, the run's totals. Nil on a short
    /// terminal (below `headerMinimumHeight` rows) or one too small for anything.
    public var header: Rect?
    /// The line above the key line, while a status message is shown (and only then): messages
    /// take their own line and never the key line's place.
    public var statusLine: Rect?
    /// The pane grid: columns, rows in all, rows shown, first row shown.
    public var columns = 1
    public var totalRows = 0
    public var visibleRows = 0
    public var firstRow = 0

    /// Workers shown, in order (for "workers 3–8 of 20").
    public var visibleWorkers: [Int] { panes.keys.sorted() }

    /// - Parameter answerFirst: the answer gets the room its text needs (up to all but one row
    ///   of panes shrunk to their first line) instead of at most 2/5 of the screen; the panes share
    ///   what is left. The UI turns it on once the workers are done (`l` toggles it).
    public init(
        width: Int, height: Int, workerCount: Int, answerVisible: Bool, answerRows: Int = 1,
        zoom: Zoom? = nil, firstRow requestedFirstRow: Int = 0, answerFirst: Bool = false,
        statusLine wantsStatusLine: Bool = false
    ) {
        self.width = max(0, width)
        self.height = max(0, height)
        tooSmall = width < Self.minimumWidth || height < Self.minimumHeight
        answerWrapWidth = max(1, width - 2)
        let n = max(0, workerCount)

        // Columns: as many minimum-width panes as fit, then balanced so rows are even.
        var columns = max(1, min(n, width / Self.minimumPaneWidth))
        let totalRows = n == 0 ? 0 : (n + columns - 1) / columns
        if totalRows > 0 { columns = (n + totalRows - 1) / totalRows }
        self.columns = columns
        self.totalRows = totalRows
        wrapWidths = (0..<n).map { i in
            let row = i / columns
            let inRow = min(columns, n - row * columns)
            let rects = Self.split(width, into: inRow)
            return max(1, rects[i - row * columns].length - 2)
        }
        guard !tooSmall else { return }

        keyLine = Rect(x: 0, y: height - 1, width: width, height: 1)
        let top = Self.headerRows(height: height)
        if top > 0 { header = Rect(x: 0, y: 0, width: width, height: 1) }
        var area = Rect(x: 0, y: top, width: width, height: height - 1 - top)
        if wantsStatusLine {
            statusLine = Rect(x: 0, y: height - 2, width: width, height: 1)
            area.height -= 1
        }

        switch zoom {
        case .worker(let i) where i < n:
            panes[i] = area
            wrapWidths[i] = max(1, area.width - 2)
            visibleRows = 1
            return
        case .answer where answerVisible:
            answer = area
            return
        default:
            break
        }

        var paneArea = area
        if answerVisible {
            // The answer gets what its text needs, up to 2/5 of the screen, never less than one
            // line inside its border, and leaves the panes at least their minimum.
            // Answer-first: what its text needs, leaving one row of panes shrunk to a line each.
            let wanted = max(3, answerRows + 2)
            let paneMinimum = answerFirst ? Self.compactPaneHeight : Self.minimumPaneHeight
            let cap = answerFirst ? area.height : max(3, area.height * 2 / 5)
            let panesNeed = n == 0 ? 0 : paneMinimum
            let answerHeight = max(3, min(wanted, cap, area.height - panesNeed))
            answer = Rect(x: 0, y: area.maxY - answerHeight, width: width, height: answerHeight)
            paneArea.height = area.height - answerHeight
        }
        let paneMinimum = answerVisible && answerFirst ? Self.compactPaneHeight : Self.minimumPaneHeight
        guard n > 0, paneArea.height >= paneMinimum else { return }

        let paneHeight = paneArea.height / Self.preferredPaneHeight >= 1 ? Self.preferredPaneHeight : paneMinimum
        let fitRows = max(1, paneArea.height / paneHeight)
        visibleRows = min(totalRows, fitRows)
        firstRow = max(0, min(requestedFirstRow, totalRows - visibleRows))
        let heights = Self.split(paneArea.height, into: visibleRows)
        for (r, span) in heights.enumerated() {
            let row = firstRow + r
            let first = row * columns
            let inRow = min(columns, n - first)
            for (c, columnSpan) in Self.split(width, into: inRow).enumerated() {
                panes[first + c] = Rect(x: columnSpan.start, y: paneArea.y + span.start, width: columnSpan.length, height: span.length)
            }
        }
    }

    /// A full-screen view over the panes and the answer (the agreement view): everything but the
    /// key line, which stays to say how to leave (and the status line above it while a message
    /// is shown). Nil when the terminal is too small.
    public static func sheet(width: Int, height: Int, statusLine: Bool = false) -> Rect? {
        guard width >= minimumWidth, height >= minimumHeight else { return nil }
        let top = headerRows(height: height)
        return Rect(x: 0, y: top, width: width, height: height - (statusLine ? 2 : 1) - top)
    }

    /// Rows the header line takes at this height: 1, or 0 below `headerMinimumHeight`.
    public static func headerRows(height: Int) -> Int { height >= headerMinimumHeight ? 1 : 0 }

    /// Splits `total` cells into `parts` spans, the first ones one cell longer when it does not
    /// divide evenly.
    static func split(_ total: Int, into parts: Int) -> [(start: Int, length: Int)] {
        guard parts > 0 else { return [] }
        let base = total / parts, extra = total % parts
        var start = 0
        return (0..<parts).map { i in
            let length = base + (i < extra ? 1 : 0)
            defer { start += length }
            return (start, length)
        }
    }

    /// The grid row of worker `index`.
    public func row(of index: Int) -> Int { index / max(1, columns) }

    /// The first row to show so that worker `index` is visible, starting from `current`.
    public func firstRow(showing index: Int, current: Int) -> Int {
        let row = self.row(of: index)
        guard visibleRows > 0 else { return 0 }
        if row < current { return row }
        if row >= current + visibleRows { return row - visibleRows + 1 }
        return current
    }
}
