import Foundation

/// Who agrees with whom when answers are long: answers are grouped when they share enough key
/// words (Jaccard overlap of their content words), so a reader sees the majority view and the
/// minority kept apart even when no two answers are equal word for word.
public enum Agreement {
    /// Strings of at most this many words count as short (`isShort`): a `--schema` field's values
    /// are then compared exactly. Free-text answers are classified by their extracted final
    /// answer instead (`ExtractedAnswer.isShort`, issue 15).
    public static let shortAnswerWords = 12
    /// Two long answers agree when their content words overlap at least this much.
    public static let overlapThreshold = 0.3

    /// At most `shortAnswerWords` whitespace-separated words in `text`'s answer (its reasoning
    /// left out). Counts only up to one past the limit, so a 4 MiB answer costs as much as a
    /// short one.
    public static func isShort(_ text: String) -> Bool {
        AnswerExtraction.wordCount(AnswerExtraction.withoutReasoning(text), upTo: shortAnswerWords + 1) <= shortAnswerWords
    }

    /// Groups answers by overlap of their content words (single-link: an answer joins a group if it
    /// agrees with any member). The display of a group is its first answer's first sentence.
    ///
    /// Linear in the text: each answer's words are read once into numbers (one dictionary of
    /// the words of all answers), each answer's word set is a bit set over that vocabulary, and
    /// the Jaccard overlap of a pair is two popcounts away (|A ∩ B| over |A| + |B| - |A ∩ B|): the
    /// same figure as comparing the sets of strings, so the groups are exactly the same. The pairs
    /// cost N² × vocabulary / 64 word operations: 64 answers of 100 KB, under a millisecond.
    public static func overlapTally(_ answers: [Answer]) -> Tally {
        let n = answers.count
        var groupOf = Array(0..<n)
        func root(_ i: Int) -> Int { groupOf[i] == i ? i : root(groupOf[i]) }
        if n > 1 {
            var vocabulary = WordVocabulary()
            let ids = answers.map { vocabulary.contentWordIDs($0.text) }
            let blocks = (vocabulary.count + 63) / 64
            var bits = [UInt64](repeating: 0, count: n * blocks)
            for (i, list) in ids.enumerated() {
                for id in list {
                    let bit: UInt64 = 1 << UInt64(id & 63)
                    bits[i * blocks + Int(id >> 6)] |= bit
                }
            }
            bits.withUnsafeBufferPointer { bits in
                for i in 0..<n {
                    for j in (i + 1)..<n {
                        let common = commonCount(bits, i * blocks, j * blocks, blocks)
                        let union = ids[i].count + ids[j].count - common
                        // Answers with no key words at all share nothing: not agreement (issue 15).
                        let overlap = union == 0 ? 0 : Double(common) / Double(union)
                        if overlap >= overlapThreshold {
                            let (a, b) = (root(i), root(j))
                            if a != b { groupOf[max(a, b)] = min(a, b) }
                        }
                    }
                }
            }
        }
        var order: [Int] = []
        var members: [Int: [Int]] = [:]
        var said: [Int: [String]] = [:]
        for i in answers.indices {
            let r = root(i)
            if members[r] == nil { order.append(r) }
            members[r, default: []].append(answers[i].worker)
            said[r, default: []].append(firstSentence(answers[i].text))
        }
        let groups = order.map { r in
            Tally.Group(answer: "group \(r + 1)", display: said[r]![0], workers: members[r]!, answers: said[r]!)
        }
        return Tally(groups: groups, method: .overlap)
    }

    /// The tally shown when most answers are long: answers whose final answer is short (numbers,
    /// names, a sentence or two: `ExtractedAnswer.isShort`) grouped by that final answer exactly,
    /// as the vote counts them; a long answer whose final answer is one of those keys joins that
    /// group (a paragraph ending "The answer is 42." agrees with "42"); only the other long ones
    /// are grouped by shared key words, among themselves. Key words never group short answers:
    /// "17 * 23 = 406" and "17 * 23 = 389" share every word of four letters or more (none), which
    /// is not agreement (issue 14). Method `overlap`, since some groups are.
    public static func mixedTally(_ answers: [Answer], extracted: [ExtractedAnswer]) -> Tally {
        let pairs = Array(zip(answers, extracted))
        let short = pairs.filter { $0.1.isShort }
        guard !short.isEmpty else { return overlapTally(answers) }
        var exact = Vote.tally(short.map { $0.0 }, extracted: short.map { $0.1 }).groups
        var rest: [Answer] = []
        for (answer, x) in pairs where !x.isShort {
            guard let g = exact.firstIndex(where: { $0.answer == x.key && !x.key.isEmpty }) else {
                rest.append(answer)
                continue
            }
            let at = exact[g].workers.firstIndex { $0 > answer.worker } ?? exact[g].workers.count
            exact[g].workers.insert(answer.worker, at: at)
            exact[g].answers.insert(x.final, at: at)
        }
        let overlap = overlapTally(rest).groups.map { g in
            // Keys must not collide with a short answer that reads "group 2".
            Tally.Group(answer: "long " + g.answer, display: g.display, workers: g.workers, answers: g.answers)
        }
        return Tally(groups: exact + overlap, method: .overlap)
    }

    /// `mixedTally` reading each answer against `task`.
    public static func mixedTally(_ answers: [Answer], task: String) -> Tally {
        let task = AnswerTask(task)
        return mixedTally(answers, extracted: answers.map { AnswerExtraction.extract($0.text, in: task) })
    }

    @inline(__always)
    private static func commonCount(_ bits: UnsafeBufferPointer<UInt64>, _ a: Int, _ b: Int, _ blocks: Int) -> Int {
        var count = 0
        for k in 0..<blocks { count += (bits[a + k] & bits[b + k]).nonzeroBitCount }
        return count
    }

    static func jaccard(_ a: Set<String>, _ b: Set<String>) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        return Double(a.intersection(b).count) / Double(a.union(b).count)
    }

    static let stopWords: Set<String> = [
        "about", "after", "also", "because", "been", "before", "being", "both", "could", "does", "each", "from",
        "have", "into", "more", "most", "much", "only", "other", "over", "same", "should", "some", "such", "than",
        "that", "their", "them", "then", "there", "these", "they", "this", "those", "very", "what", "when", "where",
        "which", "while", "will", "with", "would", "your", "just", "like", "make", "many", "well",
    ]

    /// The words compared, from the answer as a person reads it (reasoning left out, invisible
    /// characters removed, compatibility forms folded: see `AnswerExtraction.readingForm`):
    /// lower-cased runs of letters and digits of at least four characters, without stop words,
    /// stemmed (`WordVocabulary`).
    static func contentWords(_ text: String) -> Set<String> {
        var vocabulary = WordVocabulary()
        let ids = vocabulary.contentWordIDs(text)
        return Set(ids.map { vocabulary.words[Int($0)] })
    }

    /// A crude plural/verb-ending fold so "services" and "service" count as one word.
    static func stem(_ w: String) -> String {
        for suffix in ["ing", "es", "ed", "s"] where w.count > suffix.count + 3 && w.hasSuffix(suffix) {
            return String(w.dropLast(suffix.count))
        }
        return w
    }

    /// The first sentence of the trimmed text (up to ". ! ? ; :" or a line end), at most 80
    /// characters. Reads only as far as that sentence and the whitespace around the text.
    static func firstSentence(_ text: String) -> String {
        var trimmed = AnswerExtraction.withoutReasoning(text).trimmedOfWhitespaceAndNewlines
        var found = -1
        trimmed.withUTF8 { bytes in
            CharacterScan.forEachCharacter(bytes) { first, start, stop in
                guard stop - start == 1 else { return true }
                switch first {
                case ".", "!", "?", ";", ":", "\n":
                    found = start
                    return false
                default: return true
                }
            }
        }
        let end = found >= 0 ? trimmed.utf8.index(trimmed.startIndex, offsetBy: found) : trimmed.endIndex
        let sentence = trimmed[..<end]
        guard let cut = sentence.index(sentence.startIndex, offsetBy: 80, limitedBy: sentence.endIndex),
            cut != sentence.endIndex
        else { return String(sentence) }
        return String(sentence.prefix(79)) + "…"
    }
}
