/// How alike the workers' answers are, pair by pair: the figure under the UI's diff view.
/// I/O-free.
public enum Similarity {
    /// One pair of workers (0-based indices, `first < second`) and their `WordDiff.ratio`.
    public struct Pair: Sendable, Hashable {
        public var first: Int
        public var second: Int
        public var ratio: Double
    }

    /// Every pair of `answers` (worker index, text), in order of the indices.
    public static func pairs(_ answers: [(index: Int, text: String)]) -> [Pair] {
        let sorted = answers.sorted { $0.index < $1.index }
        var out: [Pair] = []
        for (n, a) in sorted.enumerated() {
            for b in sorted[(n + 1)...] {
                out.append(Pair(first: a.index, second: b.index, ratio: WordDiff(from: a.text, to: b.text).ratio))
            }
        }
        return out
    }

    /// The line: `similarity (shared words): 1–2 82%  1–3 40%  2–3 45%` (1-based workers,
    /// percent rounded down so 99.6 % does not read as identical); "(one answer)" with fewer
    /// than two.
    public static func line(_ pairs: [Pair]) -> String {
        guard !pairs.isEmpty else { return "similarity: (fewer than two answers)" }
        let items = pairs.map { "\($0.first + 1)–\($0.second + 1) \(Int(($0.ratio * 100).rounded(.down)))%" }
        return "similarity (shared words): " + items.joined(separator: "  ")
    }
}
