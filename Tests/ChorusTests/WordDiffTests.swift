import Chorus
import Testing

/// The diff view's word diff and the similarity line (issue 17), on known texts.
@Suite struct WordDiffTests {
    func render(_ diff: WordDiff) -> String {
        diff.tokens.map { token in
            switch token.kind {
            case .same: token.text
            case .deleted: "[-\(token.text)-]"
            case .inserted: "{+\(token.text)+}"
            }
        }.joined(separator: " ")
    }

    @Test func aChangedWordIsDeletedThenInserted() {
        let diff = WordDiff(from: "The capital of France is Paris.", to: "The capital of France is Lyon.")
        #expect(render(diff) == "The capital of France is [-Paris.-] {+Lyon.+}")
        #expect(diff.counts == (same: 5, deleted: 1, inserted: 1))
        #expect(diff.ratio == 10.0 / 12.0)
    }

    @Test func insertionsAndDeletionsAtBothEnds() {
        let diff = WordDiff(from: "so the answer is 42", to: "the answer is 42 indeed")
        #expect(render(diff) == "[-so-] the answer is 42 {+indeed+}")
    }

    @Test func whitespaceDoesNotCountAndLinesAreKept() {
        #expect(WordDiff.words("  a   b\n\n\n\nc\t d \n") == ["a", "b", "\n", "\n", "c", "d"])
        let diff = WordDiff(from: "a b\nc", to: "a  b\nc")
        #expect(diff.counts == (same: 3, deleted: 0, inserted: 0))
        #expect(diff.ratio == 1)
        let moved = WordDiff(from: "a b c", to: "a b\nc")
        #expect(render(moved) == "a b {+\n+} c", "a new line break is a change, but not a word")
        #expect(moved.ratio == 1)
    }

    @Test func emptyAndDisjointTexts() {
        #expect(WordDiff(from: "", to: "").ratio == 1)
        #expect(WordDiff(from: "", to: "").tokens.isEmpty)
        let all = WordDiff(from: "", to: "x y")
        #expect(render(all) == "{+x+} {+y+}")
        #expect(all.ratio == 0)
        #expect(WordDiff(from: "a b", to: "c d").ratio == 0)
    }

    @Test func theRatioIsSymmetric() {
        let a = "Use a hash map for lookups; it is O(1) on average."
        let b = "A hash map gives O(1) lookups on average, use it."
        #expect(WordDiff(from: a, to: b).ratio == WordDiff(from: b, to: a).ratio)
        #expect(WordDiff(from: a, to: b).ratio > 0 && WordDiff(from: a, to: b).ratio < 1)
    }

    @Test func similarityLineNamesEveryPair() {
        let pairs = Similarity.pairs([
            (index: 2, text: "x y z w"), (index: 0, text: "x y z w"), (index: 1, text: "x y a b"),
        ])
        #expect(pairs.map { "\($0.first)-\($0.second)" } == ["0-1", "0-2", "1-2"])
        #expect(pairs.map(\.ratio) == [0.5, 1, 0.5])
        #expect(Similarity.line(pairs) == "similarity (shared words): 1–2 50%  1–3 100%  2–3 50%")
        #expect(Similarity.line([]) == "similarity: (fewer than two answers)")
        // Rounded down: nearly identical is not shown as identical.
        let near = Similarity.pairs([(index: 0, text: String(repeating: "w ", count: 300)), (index: 1, text: String(repeating: "w ", count: 299))])
        #expect(Similarity.line(near) == "similarity (shared words): 1–2 99%")
    }
}
