import ChorusTestSupport
import Foundation
import Testing

@testable import Chorus

/// Issue 16 rewrote extraction, normalisation and the overlap grouping to run in linear time on
/// UTF-8 bytes and scalars. These tests hold the new code to the old (kept verbatim as
/// `ReferenceExtraction`/`ReferenceAgreement`/`ReferenceVote`): the same result on every fixture
/// and on generated texts full of what the old code treated specially.
@Suite("Linear aggregation agrees with the old code")
struct LinearAggregationTests {
    /// The answers and tasks of the aggregation fixtures, plus the shapes each rule is about.
    static let fixtures: [String] = [
        "Paris", "The answer is Paris.", "Let me think. 3 + 4 = 7.\nThe answer is 7.", "Final answer: 3.5 km",
        "It is **Mount Everest**, the tallest.", "Some reasoning\n\nTokyo", "  \"Berlin\"  ", "", "The Eiffel Tower!",
        "twelve", "twenty-one", "one hundred and five", "12.0", "3.50", "1,000", "-4", "A dog", "Well-known",
        "France's capital", "The capital of France is Paris.", "6 times 7 is 42", "42 apples", "12 km", "Apollo 11",
        "The tallest mountain in the world is Mount Everest, with a height of 8,849 m.",
        "The capital of India is New Delhi, not Mumbai.", "Poland is the capital of Poland.",
        "Keep one deployable service until the team grows; microservices multiply deployment and monitoring costs for small teams.",
        "A small team should keep one deployable service: microservices multiply deployment, monitoring and operational costs.",
        "Split early into microservices so every feature ships independently and scales on demand without coordination.",
        "**a** b **c** d **e**", "***x***", "** **", "line one\r\nline two\r\n", "FINAL ANSWER IS Lyon", "answer:",
        "Answer: **42**.", "Café résumé naïve", "e\u{301}cole's cafe\u{301}s", "ÉCOLE İSTANBUL ß ǅ", "x\u{2028}y\u{2029}z",
        "1,000,000 and 2,50", "3.14.15", "- 5", "a -5 b", "x-5", "the answer is\nnot here", "Answer is: 7; really",
        "\u{FEFF}Paris\u{200B}", "👍🏽 ok 👨‍👩‍👧 family", "١٢٣ ٤٥", "Ⅻ roman", "tab\there", "nbsp\u{00A0}here",
    ]

    static let tasks = [
        "", "What is the capital of France?", "What is 6 times 7?", "How many apples?", "How far is it?",
        "What is the tallest mountain in the world?", "What is the capital of India?", "What is the capital of Poland?",
    ]

    /// Pieces generated texts are made of: words, numbers, markers, markup, and Unicode the old
    /// code saw through `Character`, `CharacterSet` and regular expressions.
    static let pieces = [
        "the", "answer", "is", "final", "answer:", "The Answer Is", "paris", "Paris's", "France’s", "it's", "twelve",
        "twenty", "one", "hundred", "and", "thousand", "million", "12.0", "3.50", "1,000", "8,849", "-4", "- 4", "a", "an",
        "**", "*", "**bold**", ".", ",", ";", ":", "!", "?", "(", ")", " - ", " – ", " — ", "but", "with", "which",
        "because", "although", "not", "\n", "\r\n", "\r", "\t", "\u{00A0}", "\u{2028}", "\u{0085}", "\u{0B}", "café",
        "e\u{301}", "\u{301}", "İ", "ß", "Σ", "ǅ", "K", "\u{212A}", "deployment", "deployments", "monitoring",
        "services", "service", "microservices", "coordination", "👍🏽", "👨‍👩‍👧", "١٢٣", "Ⅻ", "\u{200D}", "\u{FE0F}",
        "\u{200B}", "_", "'", "’", "s", "\"", "“", "”", "`", "7", "42", "3.14", "０", "x", "ﬁ", "²", "３９１", "\u{FEFF}",
        "\u{1100}\u{1161}", "\u{AC00}\u{11A8}", "Å", "A\u{30A}", "\u{00AD}", "\u{2060}", "<think>", "</think>",
    ]

    static func generated(_ count: Int, seed: UInt64, maxPieces: Int = 40) -> [String] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let n = Int.random(in: 0...maxPieces, using: &rng)
            var text = ""
            for _ in 0..<n {
                text += pieces[Int.random(in: 0..<pieces.count, using: &rng)]
                if Int.random(in: 0..<3, using: &rng) > 0 { text += " " }
            }
            return text
        }
    }

    static var everyText: [String] { fixtures + generated(3000, seed: 16) }

    /// Issue 15 changed what the final answer and the key are (sentences, talk lines, numbers,
    /// dates, titles; `SentenceAnswerTests`), so only normalisation is still held to the old code.
    @Test("normalisation is the same")
    func extraction() {
        for text in Self.everyText {
            #expect(AnswerExtraction.normalise(text) == ReferenceExtraction.normalise(text), "normalise of \(text.debugDescription)")
            _ = AnswerExtraction.extract(text, in: AnswerTask(Self.tasks[1]))  // never traps on any shape
        }
    }

    @Test("short answers, content words and first sentences are the same")
    func agreementPieces() {
        for text in Self.everyText + Self.generated(300, seed: 7, maxPieces: 400) {
            #expect(Agreement.isShort(text) == ReferenceAgreement.isShort(text), "isShort of \(text.debugDescription)")
            #expect(Agreement.contentWords(text) == ReferenceAgreement.contentWords(text), "contentWords of \(text.debugDescription)")
            #expect(Agreement.firstSentence(text) == ReferenceAgreement.firstSentence(text), "firstSentence of \(text.debugDescription)")
        }
    }

    @Test("tallies are the same: exact and by overlap")
    func tallies() {
        var rng = SplitMix64(seed: 99)
        let texts = Self.everyText
        for round in 0..<200 {
            let n = Int.random(in: 1...12, using: &rng)
            let answers = (0..<n).map { i in
                Answer(worker: i, label: "\(i + 1)", text: texts[Int.random(in: 0..<texts.count, using: &rng)])
            }
            let task = Self.tasks[round % Self.tasks.count]
            #expect(Vote.tally(answers, task: task).total == answers.count)
            #expect(Agreement.overlapTally(answers) == ReferenceAgreement.overlapTally(answers))
        }
        // Long answers sharing vocabulary, where the overlap threshold decides.
        let long = Self.generated(24, seed: 5, maxPieces: 300).enumerated().map { Answer(worker: $0.offset, label: "", text: $0.element) }
        #expect(Agreement.overlapTally(long) == ReferenceAgreement.overlapTally(long))
    }

    @Test("concatenate and judge over long answers skip the exact tally; the record's tally is unchanged")
    func skipsExactTally() {
        // Paragraphs with no marker and no sentence that plainly answers: long (issue 15).
        let long = (TallyGroupingTests.paragraphs + [TallyGroupingTests.paragraphs[0]]).enumerated().map {
            Answer(worker: $0.offset, label: "", text: $0.element)
        }
        let full = AggregationInput(task: "t", answers: long)
        let skipped = AggregationInput(task: "t", answers: long, strategy: .concatenate)
        #expect(!full.allShort)
        #expect(skipped.exactTally.groups.isEmpty)
        #expect(!full.exactTally.groups.isEmpty)
        #expect(skipped.tally == full.tally)
        let short = ["Paris", "paris", "Lyon"].enumerated().map { Answer(worker: $0.offset, label: "", text: $0.element) }
        #expect(AggregationInput(task: "t", answers: short, strategy: .concatenate).exactTally == AggregationInput(task: "t", answers: short).exactTally)
    }
}
