import Foundation

/// Who agrees with whom when answers are long: answers are grouped when they share enough key
/// words (Jaccard overlap of their content words), so a reader sees the majority view and the
/// minority kept apart even when no two answers are equal word for word.
public enum Agreement {
    /// Answers of at most this many words count as short: their final answers are compared exactly.
    public static let shortAnswerWords = 12
    /// Two long answers agree when their content words overlap at least this much.
    public static let overlapThreshold = 0.3

    /// Whether `text`'s answer (its reasoning left out) is short.
    public static func isShort(_ text: String) -> Bool {
        AnswerExtraction.withoutReasoning(text).split(whereSeparator: { $0.isWhitespace }).count <= shortAnswerWords
    }

    /// Groups answers by overlap of their content words (single-link: an answer joins a group if it
    /// agrees with any member). The display of a group is its first answer's first sentence.
    public static func overlapTally(_ answers: [Answer]) -> Tally {
        let words = answers.map { contentWords($0.text) }
        var groupOf = Array(0..<answers.count)
        func root(_ i: Int) -> Int { groupOf[i] == i ? i : root(groupOf[i]) }
        for i in answers.indices {
            for j in answers.indices where j > i && jaccard(words[i], words[j]) >= overlapThreshold {
                let (a, b) = (root(i), root(j))
                if a != b { groupOf[max(a, b)] = min(a, b) }
            }
        }
        var order: [Int] = []
        var members: [Int: [Int]] = [:]
        for i in answers.indices {
            let r = root(i)
            if members[r] == nil { order.append(r) }
            members[r, default: []].append(answers[i].worker)
        }
        let groups = order.map { r in
            Tally.Group(answer: "group \(r + 1)", display: firstSentence(answers[r].text), workers: members[r]!)
        }
        return Tally(groups: groups, method: .overlap)
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
    /// characters removed, compatibility forms folded: see `AnswerExtraction.readingForm`).
    static func contentWords(_ text: String) -> Set<String> {
        let read = AnswerExtraction.readingForm(AnswerExtraction.withoutReasoning(text))
        let tokens = read.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
        return Set(tokens.filter { $0.count >= 4 && !stopWords.contains($0) }.map(stem))
    }

    /// A crude plural/verb-ending fold so "services" and "service" count as one word.
    static func stem(_ w: String) -> String {
        for suffix in ["ing", "es", "ed", "s"] where w.count > suffix.count + 3 && w.hasSuffix(suffix) {
            return String(w.dropLast(suffix.count))
        }
        return w
    }

    static func firstSentence(_ text: String) -> String {
        let trimmed = AnswerExtraction.withoutReasoning(text).trimmingCharacters(in: .whitespacesAndNewlines)
        let end = trimmed.firstIndex { ".!?;:\n".contains($0) } ?? trimmed.endIndex
        let sentence = String(trimmed[..<end])
        return sentence.count > 80 ? String(sentence.prefix(79)) + "…" : sentence
    }
}
