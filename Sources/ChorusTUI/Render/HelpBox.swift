/// Where the help overlay goes for a screen size, and how many of its lines fit: shared by the
/// renderer (which draws it) and the reducer (which bounds its scrolling), so the two agree.
///
/// The help is a centred box; on a small terminal it takes the short descriptions, drops its blank
/// lines and, if need be, the whole screen. When the key list is still longer than the box, the
/// box shows a window of it that j/k, the arrows and PgUp/PgDn move (issue 14: at 40x12 the list
/// already filled the screen, and more keys are coming).
struct HelpBox {
    typealias Entry = (keys: String, action: String, short: String)

    let rect: Rect
    /// The long descriptions fit.
    let roomy: Bool
    /// A blank line above and below the list.
    let spacious: Bool
    let keyWidth: Int
    let entryCount: Int

    init(width: Int, height: Int, help: [Entry] = UIState.keyHelp) {
        entryCount = help.count
        keyWidth = help.map { CellGrid.width(of: [Segment($0.keys, .helpKey)]) }.max() ?? 0
        func lineWidth(_ text: KeyPath<Entry, String>) -> Int {
            2 + (help.map { CellGrid.width(of: [Segment($0[keyPath: text], .helpText)]) }.max() ?? 0)
        }
        let keyWidth = self.keyWidth
        roomy = keyWidth + lineWidth(\.action) + 4 <= width - 2
        let lineWidth = keyWidth + (roomy ? lineWidth(\.action) : lineWidth(\.short))
        spacious = help.count + 4 <= height - 2
        let wanted = (width: lineWidth + 4, height: help.count + (spacious ? 4 : 2))
        let w = min(wanted.width, width - 2), h = min(wanted.height, height - 2)
        var rect = Rect(x: (width - w) / 2, y: (height - h) / 2, width: w, height: h)
        if rect.height < wanted.height || rect.width < wanted.width {
            rect = Rect(x: 0, y: 0, width: min(wanted.width, width), height: min(wanted.height, height))
            rect.x = (width - rect.width) / 2
        }
        self.rect = rect
    }

    /// Rows for key lines inside the border.
    var visibleRows: Int { max(0, rect.height - 2 - (spacious ? 1 : 0)) }
    /// The furthest the list can scroll: 0 when it all fits.
    var maxScroll: Int { max(0, entryCount - visibleRows) }
}
