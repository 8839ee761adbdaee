// The aggregation code as it was before issue 16 made it linear (as on main with issue 13's reading
// form), kept verbatim (renamed) as the reference the fast versions must agree with.
import Foundation
@testable import Chorus


/// Finds an answer's final answer and puts it in a form two answers can be compared by.
///
/// "The answer is **Paris**." and "paris" must count as one vote; "twelve" and "12.0" too.
/// Answers are compared as a person reads them (`readingForm`): `3\u{200B}91`, `39\u{FEFF}1`,
/// `３９１` and `391` look alike, so they are one answer. Reasoning never counts
/// (`withoutReasoning`): a tentative guess inside the thinking is not the answer.
enum ReferenceExtraction {
    /// The short final answer inside a possibly long text: after "the answer is" / "answer:",
    /// else the last bold span, else the whole text when it is one line, else its last line.
    /// Reasoning written inline is dropped first and the rest is taken in its reading form.
    static func finalAnswer(_ text: String) -> String {
        let trimmed = readingForm(withoutReasoning(text)).trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return "" }
        let lower = trimmed.lowercased()
        for marker in ["final answer is", "final answer:", "the answer is", "answer is", "answer:"] {
            if let r = lower.range(of: marker, options: .backwards) {
                let offset = lower.distance(from: lower.startIndex, to: r.upperBound)
                let rest = trimmed[trimmed.index(trimmed.startIndex, offsetBy: offset)...]
                let candidate = clean(firstSentence(of: rest))
                if !candidate.isEmpty { return candidate }
            }
        }
        if let bold = lastBold(in: trimmed) { return clean(bold) }
        let lines = trimmed.split(whereSeparator: \.isNewline).map(String.init)
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        return clean(lines.last ?? trimmed)
    }

    /// Lower case, no punctuation, no articles, number words as digits, one space between words.
    static func normalise(_ answer: String) -> String {
        var s = readingForm(answer).lowercased()
        // Possessives: "France's" is "france".
        s = s.replacingOccurrences(of: #"['’]s\b"#, with: "", options: .regularExpression)
        // Thousands separators: "1,000" is 1000 (a comma between digits).
        s = s.replacingOccurrences(of: #"(?<=\d),(?=\d{3})"#, with: "", options: .regularExpression)
        var scalars = String.UnicodeScalarView()
        let chars = Array(s.unicodeScalars)
        for (i, c) in chars.enumerated() {
            let isDigit = CharacterSet.decimalDigits.contains(c)
            if c == ".", i > 0, i + 1 < chars.count,
                CharacterSet.decimalDigits.contains(chars[i - 1]), CharacterSet.decimalDigits.contains(chars[i + 1])
            {
                scalars.append(c)  // a decimal point
            } else if c == "-" || c == "\u{2212}", i + 1 < chars.count, CharacterSet.decimalDigits.contains(chars[i + 1]),
                i == 0 || CharacterSet.whitespaces.contains(chars[i - 1])
            {
                scalars.append("-")  // a minus sign, ASCII or U+2212 (issue 15's trial)
            } else if c == "/", i > 0, i + 1 < chars.count,
                CharacterSet.decimalDigits.contains(chars[i - 1]), CharacterSet.decimalDigits.contains(chars[i + 1])
            {
                scalars.append(c)  // a fraction of digits
            } else if CharacterSet.alphanumerics.contains(c) || isDigit {
                scalars.append(c)
            } else {
                scalars.append(" ")
            }
        }
        let words = String(scalars).split(separator: " ").map(String.init).filter { !articles.contains($0) }
        return numbersAsDigits(words).map(canonicalNumber).joined(separator: " ")
    }

    /// The key two answers are compared by: the normalised answer without the words it only
    /// repeats from the task (when something is left), and a leading number without its unit
    /// ("12 apples" counts as 12).
    static func key(_ answer: String, task: String) -> String {
        let answer = readingForm(answer)
        let taskWords = Set(normalise(task).split(separator: " ").map(String.init))
        // A sentence's answer is in its first clause: "Mount Everest, with a height of 8,849 m"
        // counts as "mount everest". When that clause only repeats the task, the whole is used.
        let clause = firstClause(of: answer)
        let clauseWords = normalise(clause).split(separator: " ").map(String.init).filter { !taskWords.contains($0) }
        let words = normalise(answer).split(separator: " ").map(String.init)
        let kept = clauseWords.isEmpty ? words.filter { !taskWords.contains($0) } : clauseWords
        let base = kept.isEmpty ? words : kept
        if base.count >= 2, base.count <= 3, Double(base[0]) != nil, base.dropFirst().allSatisfy({ Double($0) == nil }) {
            return base[0]
        }
        return base.joined(separator: " ")
    }

    /// `text` as a person reads it, for comparing (never for showing: the record keeps what the
    /// model wrote). Removed: format characters (Unicode general category Cf: zero-width space
    /// U+200B, ZWNJ/ZWJ U+200C/D, word joiner U+2060, BOM U+FEFF, soft hyphen U+00AD, bidi marks,
    /// embeddings, overrides and isolates U+200E/F, U+202A-E, U+2066-9, U+061C) and every other
    /// default-ignorable code point (variation selectors, tags, Hangul fillers), since none of
    /// them shows. Then Unicode compatibility normalisation (NFKC, UAX #15): full-width `３９１`,
    /// superscript `²`, the ligature `ﬁ`, a no-break space become `391`, `2`, `fi`, a space.
    /// Invisible characters are removed before normalising, so one between a letter and its
    /// accent does not keep them apart, and again after (NFKC can map to a filler).
    static func readingForm(_ text: String) -> String {
        let visible = withoutInvisibles(text)
        guard !visible.unicodeScalars.allSatisfy(\.isASCII) else { return visible }
        return withoutInvisibles(visible.precomposedStringWithCompatibilityMapping)
    }

    /// `text` without reasoning written inline, as the engine splits it off a stream
    /// (`InlineReasoning`): a `<think>...</think>` block at the start (an unclosed one is all
    /// reasoning), or the text before a lone closing tag. New records already keep reasoning
    /// apart; this is for records made before that, and for any text handed in directly.
    static func withoutReasoning(_ text: String) -> String {
        guard text.contains(InlineReasoning.open) || text.contains(InlineReasoning.close) else { return text }
        var splitter = InlineReasoning()
        var answer = ""
        for chunk in splitter.feed(text) + splitter.finish() {
            if case .text(let piece) = chunk { answer += piece }
        }
        return InlineReasoning.splitAtLoneClosingTag(answer)?.answer ?? answer
    }

    static func withoutInvisibles(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isInvisible) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.lazy.filter { !isInvisible($0) })
        return String(scalars)
    }

    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        guard !scalar.isASCII else { return false }
        return scalar.properties.generalCategory == .format || scalar.properties.isDefaultIgnorableCodePoint
    }

    // MARK: - Pieces

    /// Where a sentence's main clause ends: a comma, semicolon, colon, bracket or dash, or a word
    /// that starts an aside ("but", "with", "which", "because", "although").
    static let clauseBreaks = [",", ";", ":", " (", " - ", " – ", " — ", " but ", " with ", " which ", " because ", " although ", " not "]

    static func firstClause(of answer: String) -> String {
        let lower = answer.lowercased()
        var end = lower.endIndex
        for mark in clauseBreaks {
            if let r = lower.range(of: mark), r.lowerBound < end, r.lowerBound > lower.startIndex { end = r.lowerBound }
        }
        let offset = lower.distance(from: lower.startIndex, to: end)
        return String(answer.prefix(offset))
    }

    static let articles: Set<String> = ["a", "an", "the"]

    static let units: [String: Int] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    ]
    static let tens: [String: Int] = [
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]
    static let scales: [String: Int] = ["hundred": 100, "thousand": 1_000, "million": 1_000_000]

    /// Replaces each run of number words ("twenty one", "one hundred five") with its digits.
    static func numbersAsDigits(_ words: [String]) -> [String] {
        var out: [String] = []
        var total = 0, current = 0, inNumber = false
        func flush() {
            if inNumber { out.append(String(total + current)) }
            total = 0; current = 0; inNumber = false
        }
        for word in words {
            if let v = units[word] ?? tens[word] {
                current += v; inNumber = true
            } else if let scale = scales[word], inNumber {
                if scale == 100 { current *= 100 } else { total += current * scale; current = 0 }
            } else if word == "and", inNumber {
                continue
            } else {
                flush()
                out.append(word)
            }
        }
        flush()
        // Signs and magnitudes after number words (issue 15's trial): a word-level pass, the
        // same in both (this reference holds the scalar-level rules to the old regular expressions).
        return AnswerExtraction.signedAndScaled(out)
    }

    /// "12.0" and "12.00" are 12; "3.50" is 3.5; a fraction is its value to six places.
    static func canonicalNumber(_ word: String) -> String {
        if let slash = word.firstIndex(of: "/") {
            guard let a = Double(word[..<slash]), let b = Double(word[word.index(after: slash)...]), b != 0 else { return word }
            return canonicalNumber(String(format: "%.6f", a / b))
        }
        guard word.contains("."), Double(word) != nil else { return word }
        var w = word
        while w.hasSuffix("0") { w.removeLast() }
        if w.hasSuffix(".") { w.removeLast() }
        return w
    }

    static func firstSentence(of text: Substring) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        var result = ""
        let chars = Array(line)
        for (i, c) in chars.enumerated() {
            // A full stop ends the sentence unless it is a decimal point.
            if c == ".", !(i > 0 && chars[i - 1].isNumber && i + 1 < chars.count && chars[i + 1].isNumber) { break }
            if c == "!" || c == "?" || c == ";" { break }
            result.append(c)
        }
        return result
    }

    static func lastBold(in text: String) -> String? {
        let parts = text.components(separatedBy: "**")
        guard parts.count >= 3 else { return nil }
        // Bold spans are the odd-numbered parts between pairs of markers.
        let spans = stride(from: 1, to: parts.count - 1, by: 2).map { parts[$0] }
        guard let last = spans.last, !last.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return last
    }

    /// Removes markup and punctuation around an answer: "**Paris**." becomes "Paris".
    static func clean(_ s: String) -> String {
        var t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        let strip = CharacterSet(charactersIn: "*_`\"'“”‘’.,;:!?()[]{}<>").union(.whitespaces)
        t = t.trimmingCharacters(in: strip)
        return t
    }
}


/// Who agrees with whom when answers are long: answers are grouped when they share enough key
/// words (Jaccard overlap of their content words), so a reader sees the majority view and the
/// minority kept apart even when no two answers are equal word for word.
enum ReferenceAgreement {
    /// Answers of at most this many words count as short: their final answers are compared exactly.
    static let shortAnswerWords = 12
    /// Two long answers agree when their content words overlap at least this much.
    static let overlapThreshold = 0.3

    /// Whether `text`'s answer (its reasoning left out) is short.
    static func isShort(_ text: String) -> Bool {
        ReferenceExtraction.withoutReasoning(text).split(whereSeparator: { $0.isWhitespace }).count <= shortAnswerWords
    }

    /// Groups answers by overlap of their content words (single-link: an answer joins a group if it
    /// agrees with any member). The display of a group is its first answer's first sentence.
    static func overlapTally(_ answers: [Answer]) -> Tally {
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
        var said: [Int: [String]] = [:]
        for i in answers.indices {
            let r = root(i)
            if members[r] == nil { order.append(r) }
            members[r, default: []].append(answers[i].worker)
            said[r, default: []].append(firstSentence(answers[i].text))
        }
        let groups = order.map { r in
            Tally.Group(answer: "group \(r + 1)", display: firstSentence(answers[r].text), workers: members[r]!, answers: said[r]!)
        }
        return Tally(groups: groups, method: .overlap)
    }

    static func jaccard(_ a: Set<String>, _ b: Set<String>) -> Double {
        // Issue 15 changed this one rule on purpose: answers with no key words share nothing.
        if a.isEmpty && b.isEmpty { return 0 }
        return Double(a.intersection(b).count) / Double(a.union(b).count)
    }

    static let stopWords: Set<String> = [
        "about", "after", "also", "because", "been", "before", "being", "both", "could", "does", "each", "from",
        "have", "into", "more", "most", "much", "only", "other", "over", "same", "should", "some", "such", "than",
        "that", "their", "them", "then", "there", "these", "they", "this", "those", "very", "what", "when", "where",
        "which", "while", "will", "with", "would", "your", "just", "like", "make", "many", "well",
    ]

    /// The words compared, from the answer as a person reads it (reasoning left out, invisible
    /// characters removed, compatibility forms folded: see `ReferenceExtraction.readingForm`).
    static func contentWords(_ text: String) -> Set<String> {
        let read = ReferenceExtraction.readingForm(ReferenceExtraction.withoutReasoning(text))
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
        let trimmed = ReferenceExtraction.withoutReasoning(text).trimmingCharacters(in: .whitespacesAndNewlines)
        let end = trimmed.firstIndex { ".!?;:\n".contains($0) } ?? trimmed.endIndex
        let sentence = String(trimmed[..<end])
        return sentence.count > 80 ? String(sentence.prefix(79)) + "…" : sentence
    }
}

enum ReferenceVote {
    static func tally(_ answers: [Answer], task: String = "") -> Tally {
        var order: [String] = []
        var groups: [String: Tally.Group] = [:]
        for answer in answers {
            let extracted = ReferenceExtraction.finalAnswer(answer.text)
            let key = ReferenceExtraction.key(extracted, task: task)
            if groups[key] == nil {
                order.append(key)
                groups[key] = Tally.Group(answer: key, display: extracted, workers: [])
            }
            groups[key]!.workers.append(answer.worker)
            groups[key]!.answers.append(extracted)
        }
        return Tally(groups: order.map { groups[$0]! })
    }
}
