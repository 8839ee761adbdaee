import Chorus

/// The diff view's keys, scrolling and text. `d` opens it on the selected pane against the
/// merged answer (or, before there is one, the next worker); Tab / → and Shift-Tab / ← choose
/// the other side among the other workers and the answer; `d`, Esc or `q` close it (as the
/// agreement view does). `Y` copies the selected pane as usual.
extension UIState {
    /// Where the diff's text goes: inside the sheet, one cell of padding each side, the last row
    /// kept for the similarity line.
    var diffTextRect: Rect? {
        guard let sheet = Layout.sheet(width: width, height: height, statusLine: message != nil), sheet.height >= 4 else { return nil }
        return Rect(x: sheet.x + 2, y: sheet.y + 1, width: sheet.width - 4, height: sheet.height - 3)
    }

    /// Every side the view can show, in order: the workers, then the answer when there is one.
    var diffSides: [DiffView.Side] {
        panes.indices.map { .worker($0) } + (answer.isVisible ? [.answer] : [])
    }

    func diffText(_ side: DiffView.Side) -> String {
        switch side {
        case .worker(let i): panes.indices.contains(i) ? panes[i].text.source : ""
        case .answer: answer.text.source
        }
    }

    func diffName(_ side: DiffView.Side) -> String {
        switch side {
        case .worker(let i): panes.indices.contains(i) ? "worker \(i + 1) (\(panes[i].displayName))" : "worker \(i + 1)"
        case .answer: "the answer"
        }
    }

    /// The diff shown, from `first` to `second`.
    var currentDiff: WordDiff? {
        guard let view = diff else { return nil }
        return WordDiff(from: diffText(view.first), to: diffText(view.second))
    }

    /// The view's text: a key to the colours with the counts, then the words, a paragraph per line.
    var diffRows: [StyledText.Row] {
        guard let view = diff, let words = currentDiff else { return [] }
        let counts = words.counts
        var paragraphs: [StyledText.Paragraph] = [
            StyledText.Paragraph([
                Segment("only in \(diffName(view.first)): \(counts.deleted) words", .diffDeleted),
                Segment("  ·  ", .dimText),
                Segment("only in \(diffName(view.second)): \(counts.inserted) words", .diffInserted),
                Segment("  ·  ", .dimText),
                Segment("shared: \(counts.same)", .dimText),
            ]),
            .blank,
        ]
        var line: [Segment] = []
        for token in words.tokens {
            if token.isLineBreak {
                paragraphs.append(StyledText.Paragraph(line))
                line = []
                continue
            }
            if !line.isEmpty { line.append(Segment(" ", .text)) }
            let role: StyleRole =
                switch token.kind {
                case .same: .text
                case .deleted: .diffDeleted
                case .inserted: .diffInserted
                }
            line.append(Segment(token.text, role))
        }
        if !line.isEmpty { paragraphs.append(StyledText.Paragraph(line)) }
        if words.tokens.isEmpty { paragraphs.append(StyledText.Paragraph([Segment("(both texts are empty)", .dimText)])) }
        return StyledText.wrap(paragraphs, width: diffTextRect?.width ?? 1)
    }

    /// The most workers the similarity line pairs up: 8 make 28 pairs, about what a wide line
    /// shows, and each pair is a diff computed per frame.
    static let similarityWorkers = 8

    /// The similarity of every pair of workers with text (`Similarity.line`), the first
    /// `similarityWorkers` of them; the line says when there are more.
    var similarityLine: String {
        let answers = panes.indices.compactMap { i -> (index: Int, text: String)? in
            panes[i].text.isEmpty ? nil : (index: i, text: panes[i].text.source)
        }
        let shown = Array(answers.prefix(Self.similarityWorkers))
        let line = Similarity.line(Similarity.pairs(shown))
        guard answers.count > shown.count, let last = shown.last else { return line }
        return line + "  (workers 1–\(last.index + 1) of \(panes.count))"
    }

    var diffTop: Int { diffTop(rowCount: diffRows.count) }

    /// The first row shown, for `rowCount` rows: the stored one, pulled back when a resize or a
    /// shorter text left it past the end.
    func diffTop(rowCount: Int) -> Int {
        guard let diff else { return 0 }
        let height = diffTextRect?.height ?? 1
        return max(0, min(diff.scrollTop, rowCount - height))
    }

    /// `d`: the selected pane against the answer (or the next worker); the answer selected, the
    /// answer against worker 1.
    mutating func openDiff() {
        guard panes.count + (answer.isVisible ? 1 : 0) >= 2 else {
            say("the diff needs two texts: at least two workers, or a worker and the answer")
            return
        }
        let first: DiffView.Side = selectsAnswer ? .answer : .worker(selection)
        let others = diffSides.filter { $0 != first }
        let second = answer.isVisible && first != .answer ? DiffView.Side.answer : others[0]
        diff = DiffView(first: first, second: second)
    }

    /// Keys while the view is open; nil hands the key to the usual handling.
    mutating func handleDiffKey(_ key: Key) -> [UICommand]? {
        let page = max(1, (diffTextRect?.height ?? 1) - 1)
        if let row = key.pagerRow(from: diffTop, page: page) {
            scrollDiff(to: row)
            return []
        }
        switch key {
        case .character("d"), .character("D"), .escape, .character("q"), .character("Q"):
            diff = nil
        case .tab, .right:
            cycleDiffSecond(by: 1)
        case .backTab, .left:
            cycleDiffSecond(by: -1)
        case .character("?"), .character("Y"), .character("y"):
            return nil
        default:
            say("d or Esc closes the diff; Tab or ←/→ chooses the other text")
        }
        return []
    }

    /// Moves the second side on (or back) over every side but the first, and scrolls to the top.
    mutating func cycleDiffSecond(by offset: Int) {
        guard let view = diff else { return }
        let choices = diffSides.filter { $0 != view.first }
        guard !choices.isEmpty else { return }
        let current = choices.firstIndex(of: view.second) ?? 0
        diff?.second = choices[((current + offset) % choices.count + choices.count) % choices.count]
        diff?.scrollTop = 0
    }

    mutating func scrollDiff(to row: Int) {
        let height = diffTextRect?.height ?? 1
        let bottom = max(0, diffRows.count - height)
        diff?.scrollTop = max(0, min(row, bottom))
    }
}
