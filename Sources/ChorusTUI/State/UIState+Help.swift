/// The help overlay's own keys: it scrolls when longer than the screen.
extension UIState {
    /// How far a key scrolls the open help, or nil for a key that closes it.
    func helpScrollOffset(for key: Key) -> Int? {
        let page = max(1, HelpBox(width: width, height: height).visibleRows - 1)
        guard let row = key.pagerRow(from: helpScroll, page: page) else { return nil }
        // End as the whole list's length: the caller clamps to the help's rows.
        return row == Int.max ? keyHelpCount : row - helpScroll
    }

    var keyHelpCount: Int { Self.keyHelp.count }
}
