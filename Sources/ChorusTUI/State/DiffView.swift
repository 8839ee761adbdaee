/// The diff view (`d`): a word-level diff of two texts, a pane against the merged answer or
/// against another pane, with the similarity of every pair of workers on its last line.
///
/// The state is only which two texts and where the view is scrolled; the diff is derived from
/// the panes and the answer (`UIState.diffRows`), so text still streaming in shows at once.
public struct DiffView: Hashable, Sendable {
    /// One side of the diff: a worker's pane (0-based) or the merged answer.
    public enum Side: Hashable, Sendable {
        case worker(Int)
        case answer
    }

    /// The "from" side: its own words are shown as deleted.
    public var first: Side
    /// The "to" side: its own words are shown as inserted. Tab / → moves it on, Shift-Tab / ←
    /// back, over the other workers and the answer.
    public var second: Side
    /// The first wrapped row shown.
    public var scrollTop = 0

    public init(first: Side, second: Side, scrollTop: Int = 0) {
        self.first = first
        self.second = second
        self.scrollTop = scrollTop
    }
}
