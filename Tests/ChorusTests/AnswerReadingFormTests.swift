import Chorus
import Testing

/// Issue 13, case 6: three workers think aloud, guess 381 inside the thinking, and answer 391.
private let thinkingThenAnswer = "<think>\n17*23 ... maybe the answer is 381? ... 340 + 51 = 391.\n</think>\n\n**391**"

/// Answers are compared as a person reads them (issue 13, "Answers compared as a person reads
/// them"): invisible characters do not split a vote, compatibility forms are one answer, and
/// reasoning never counts.
@Suite("Answers compared as a person reads them")
struct AnswerReadingFormTests {
    static func answers(_ texts: [String]) -> [Answer] {
        texts.enumerated().map { Answer(worker: $0.offset, label: "\($0.offset + 1)", text: $0.element) }
    }

    @Test("issue case 7: 391 with a zero-width space or a BOM inside is one answer of 3")
    func case7() {
        let tally = Vote.tally(Self.answers(["The answer is **391**.", "The answer is **3\u{200B}91**.", "The answer is **39\u{FEFF}1**."]))
        #expect(tally.groups.count == 1)
        #expect(tally.groups.first?.answer == "391")
        #expect(tally.groups.first?.workers == [0, 1, 2])
        // The display is what a reader sees, without the invisible character.
        #expect(tally.groups.first?.display == "391")
    }

    @Test("a visibly different answer stays apart")
    func visibleDifferencesCount() {
        let tally = Vote.tally(Self.answers(["**391**", "**3\u{200B}91**", "**381**"]))
        #expect(tally.groups.map(\.answer) == ["391", "381"])
        #expect(tally.groups.map(\.count) == [2, 1])
    }

    /// Every class of invisible character: general category Cf (zero-width space, joiners, word
    /// joiner, BOM, soft hyphen, bidi marks, embeddings, overrides, isolates, Arabic letter mark,
    /// Mongolian vowel separator, invisible operators, a tag) and the other default-ignorable
    /// code points (variation selectors, the combining grapheme joiner, a Hangul filler).
    static let invisibles: [(String, Unicode.Scalar)] = [
        ("zero-width space", "\u{200B}"), ("zero-width non-joiner", "\u{200C}"), ("zero-width joiner", "\u{200D}"),
        ("word joiner", "\u{2060}"), ("BOM / zero-width no-break space", "\u{FEFF}"), ("soft hyphen", "\u{00AD}"),
        ("left-to-right mark", "\u{200E}"), ("right-to-left mark", "\u{200F}"),
        ("LRE", "\u{202A}"), ("RLE", "\u{202B}"), ("PDF", "\u{202C}"), ("LRO", "\u{202D}"), ("RLO", "\u{202E}"),
        ("LRI", "\u{2066}"), ("RLI", "\u{2067}"), ("FSI", "\u{2068}"), ("PDI", "\u{2069}"),
        ("Arabic letter mark", "\u{061C}"), ("Mongolian vowel separator", "\u{180E}"),
        ("invisible times", "\u{2062}"), ("function application", "\u{2061}"), ("tag letter A", "\u{E0041}"),
        ("variation selector 16", "\u{FE0F}"), ("combining grapheme joiner", "\u{034F}"), ("Hangul filler", "\u{3164}"),
    ]

    @Test("an invisible character inside an answer does not split the vote", arguments: invisibles)
    func invisibleCharacter(name: String, scalar: Unicode.Scalar) {
        let hidden = String(scalar)
        let texts = ["The answer is **391**.", "The answer is **3\(hidden)91**.", "The answer is **391\(hidden)**."]
        let tally = Vote.tally(Self.answers(texts))
        #expect(tally.groups.count == 1, "\(name) split the vote: \(tally.groups.map(\.answer))")
        #expect(AnswerExtraction.key("Pa\(hidden)ris", task: "") == "paris", "\(name)")
        #expect(AnswerExtraction.readingForm("a\(hidden)b") == "ab", "\(name)")
    }

    /// Compatibility forms (NFKC, UAX #15): what reads as the same answer is the same answer.
    @Test("compatibility forms are one answer", arguments: [
        ("\u{FF13}\u{FF19}\u{FF11}", "391"),  // full-width digits ３９１
        ("The answer is **\u{FF13}\u{FF19}\u{FF11}**.", "391"),
        ("\u{FF30}\u{FF41}\u{FF52}\u{FF49}\u{FF53}", "paris"),  // full-width Ｐａｒｉｓ
        ("x\u{00B2}", "x2"),  // superscript two
        ("H\u{2082}O", "h2o"),  // subscript two
        ("\u{FB01}nance", "finance"),  // the ligature ﬁ
        ("\u{2460}", "1"),  // circled digit one ①
        ("\u{216B}", "xii"),  // Roman numeral twelve Ⅻ
        ("12\u{00A0}km", "12"),  // a no-break space before the unit
        ("\u{FF14}\u{FF12}\u{3000}apples", "42"),  // full-width digits, ideographic space
        ("Cafe\u{0301}", "caf\u{00E9}"),  // decomposed é is the precomposed one
        ("Cafe\u{200B}\u{0301}", "caf\u{00E9}"),  // even with a zero-width space between letter and accent
    ])
    func compatibilityForm(raw: String, expected: String) {
        #expect(AnswerExtraction.key(AnswerExtraction.finalAnswer(raw), task: "") == expected)
    }

    @Test("a full-width digit answer votes with the ASCII one")
    func fullWidthVote() {
        let tally = Vote.tally(Self.answers(["**391**", "The answer is **\u{FF13}\u{FF19}\u{FF11}**.", "391"]))
        #expect(tally.groups.count == 1)
        #expect(tally.groups[0].count == 3)
    }

    @Test("the reading form leaves visible text alone")
    func visibleTextUnchanged() {
        for text in ["391", "Paris, France", "東京", "Ünïcödé", "👍🏽", "-4.5 km", "a\tb\nc"] {
            #expect(AnswerExtraction.readingForm(text) == text)
        }
    }

    // MARK: - Reasoning never counts

    @Test("issue case 6 at the key level: a guess inside the thinking is not the answer")
    func issueCase6() {
        #expect(AnswerExtraction.finalAnswer(thinkingThenAnswer) == "391")
        let tally = Vote.tally(Self.answers([thinkingThenAnswer, thinkingThenAnswer, thinkingThenAnswer]))
        #expect(tally.groups.map(\.answer) == ["391"])
        #expect(tally.summary.hasPrefix("3 of 3 answers say: 391"))
    }

    /// A record made before reasoning was split off (or text handed in directly) may still hold
    /// the block; extraction drops it the way the engine splits a stream (`InlineReasoning`).
    @Test("reasoning left in the text is dropped before extracting", arguments: [
        (thinkingThenAnswer, "391"),
        ("  <think>The answer is 381.</think>The answer is 391.", "391"),
        ("The answer is 381? No.</think>\n\nThe answer is **391**.", "391"),  // the template opened the tag
        ("<think>\nthe answer is 381, surely", ""),  // cut inside the thinking: no answer at all
        ("Tags: <think> opens one\n**391**", "391"),  // a tag in the middle is text about tags
    ])
    func reasoningDropped(raw: String, expected: String) {
        #expect(AnswerExtraction.finalAnswer(raw) == expected)
    }

    @Test("an answer with long inline reasoning is still a short answer, and counts exactly")
    func reasoningDoesNotMakeAnAnswerLong() {
        let thinking = String(repeating: "Let me reconsider the multiplication once more carefully. ", count: 20)
        let texts = ["<think>\(thinking)maybe 381</think>\n391", "<think>\(thinking)</think>\n391", "391"]
        #expect(Agreement.isShort(texts[0]))
        let input = AggregationInput(task: "What is 17*23?", answers: Self.answers(texts))
        #expect(input.allShort)
        #expect(input.tally.method == .exact)
        #expect(input.clearWinner?.answer == "391")
        #expect(input.clearWinner?.count == 3)
    }

    @Test("long answers are grouped by their answers, not by reasoning they share")
    func overlapIgnoresReasoning() {
        let thinking = "<think>" + String(
            repeating: "Considering caching layers, replication topology, failover drills, quorum reads, latency budgets, "
                + "throughput ceilings, rollback procedures, observability dashboards, alerting thresholds, capacity planning, "
                + "staffing constraints, migration risks, vendor contracts. ", count: 3) + "</think>\n"
        let a = "Split the monolith into services around billing, invoices, payments, customers, subscriptions and refunds, deployed separately."
        let b = "Keep one codebase; tune indexes, queries, connection pooling, memory limits, garbage collection and thread counts instead."
        let tally = Agreement.overlapTally(Self.answers([thinking + a, thinking + b]))
        #expect(tally.groups.count == 2, "\(tally.summary)")
        #expect(tally.groups[0].display.hasPrefix("Split the monolith"))
    }
}
