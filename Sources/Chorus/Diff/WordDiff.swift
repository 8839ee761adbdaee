/// A word-level diff of two texts, for the UI's diff view (`d`): which words one answer has that
/// the other lacks. I/O-free.
///
/// Texts are split into words at whitespace; a line break is kept as its own token so the view
/// keeps paragraphs. The diff is Foundation-free Swift's `CollectionDifference`
/// (`new.difference(from: old)`, a minimal Myers diff), laid out as one sequence: at each change
/// the deleted words come first, then the inserted ones.
public struct WordDiff: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case same, deleted, inserted
    }

    /// One word (or `"\n"` for a line break) and whether both texts have it.
    public struct Token: Sendable, Hashable {
        public var text: String
        public var kind: Kind
        public init(_ text: String, _ kind: Kind) {
            self.text = text
            self.kind = kind
        }
        public var isLineBreak: Bool { text == "\n" }
    }

    public var tokens: [Token]

    /// The diff from `old` (its words shown deleted) to `new` (its words shown inserted).
    public init(from old: String, to new: String) {
        let a = Self.words(old), b = Self.words(new)
        let changes = b.difference(from: a)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in changes {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var out: [Token] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, removed.contains(i) {
                out.append(Token(a[i], .deleted))
                i += 1
            } else if j < b.count, inserted.contains(j) {
                out.append(Token(b[j], .inserted))
                j += 1
            } else {
                // Both sides have it (what is not removed from a nor inserted into b lines up).
                out.append(Token(b[j], .same))
                i += 1
                j += 1
            }
        }
        tokens = out
    }

    /// Words of `text` at whitespace, with `"\n"` for each line break (runs of blank lines kept
    /// as at most two, a paragraph break).
    public static func words(_ text: String) -> [String] {
        var out: [String] = []
        var breaks = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
            if words.isEmpty {
                if !out.isEmpty, breaks < 2 { out.append("\n"); breaks += 1 }
                continue
            }
            if !out.isEmpty, breaks == 0 { out.append("\n") }
            out += words
            breaks = 0
        }
        while out.last == "\n" { out.removeLast() }
        return out
    }

    /// Words (line breaks not counted) both texts share, and each side's own.
    public var counts: (same: Int, deleted: Int, inserted: Int) {
        var same = 0, deleted = 0, inserted = 0
        for token in tokens where !token.isLineBreak {
            switch token.kind {
            case .same: same += 1
            case .deleted: deleted += 1
            case .inserted: inserted += 1
            }
        }
        return (same, deleted, inserted)
    }

    /// The similarity of the two texts, 0...1: 2·M / (A + B), where M is the words the diff keeps
    /// in common and A, B the two texts' word counts (the ratio of Python's
    /// `difflib.SequenceMatcher.ratio()`, here over a minimal word diff). Two empty texts: 1.
    public var ratio: Double {
        let c = counts
        let total = 2 * c.same + c.deleted + c.inserted
        return total == 0 ? 1 : Double(2 * c.same) / Double(total)
    }
}
