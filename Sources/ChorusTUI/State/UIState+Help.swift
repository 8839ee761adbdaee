/// The help overlay's own keys: it scrolls when longer than the screen.
extension UIState {
    /// How far a key scrolls the open help, or nil for a key that closes it.
    func helpScrollOffset(for key: Key) -> Int? {
        let page = max(1, HelpBox(width: width, height: height).visibleRows - 1)
        switch key {
        case .up, .character("k"): return -1
        case .down, .character("j"): return 1
        case .pageUp: return -page
        case .pageDown, .character(" "): return page
        case .home, .character("g"): return -keyHelpCount
        case .end, .character("G"): return keyHelpCount
        default: return nil
        }
    }

    var keyHelpCount: Int { Self.keyHelp.count }
}
