extension Key {
    /// The row a read-only view (the help, the agreement view, the diff, the whole task) scrolls
    /// to for this key, as a pager does (less's keys): ↑/k and ↓/j a row, PgUp and PgDn/space a
    /// page of `page` rows, Home/g the top, End/G the bottom (`Int.max`, for the caller to clamp).
    /// Nil for a key that does not scroll: each view decides what it does with those.
    func pagerRow(from top: Int, page: Int) -> Int? {
        switch self {
        case .up, .character("k"): top - 1
        case .down, .character("j"): top + 1
        case .pageUp: top - page
        case .pageDown, .character(" "): top + page
        case .home, .character("g"): 0
        case .end, .character("G"): Int.max
        default: nil
        }
    }
}
