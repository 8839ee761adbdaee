import Foundation

/// Finds an answer's final answer and puts it in a form two answers can be compared by.
///
/// "The answer is **Paris**." and "paris" must count as one vote; "twelve" and "12.0" too.
/// Answers are compared as a person reads them (`readingForm`): `3\u{200B}91`, `39\u{FEFF}1`,
/// `３９１` and `391` look alike, so they are one answer. Reasoning never counts
/// (`withoutReasoning`): a tentative guess inside the thinking is not the answer.
public enum AnswerExtraction {
    /// The short final answer inside a possibly long text: after "the answer is" / "answer:",
    /// else the last bold span, else the whole text when it is one line, else its last line.
    /// What only talks about the answer is never it ("The answer is just a number.", "I hope
    /// this helps"): the answer is then looked for in the other lines. Reasoning written inline
    /// is dropped first and the rest is taken in its reading form.
    public static func finalAnswer(_ text: String) -> String {
        var trimmed = String(readingForm(withoutReasoning(text)).trimmedOfWhitespaceAndNewlines)
        if trimmed.isEmpty { return "" }
        return select(&trimmed).text
    }

    /// The final answer as the tally shows it: `finalAnswer`, then the part of its sentence that
    /// answers `task` (`answerSpan`): "389" for "17 * 23 = 389", "Canberra" for "It is not
    /// Sydney, it is Canberra.".
    public static func finalAnswer(_ text: String, task: String) -> String {
        extract(text, in: AnswerTask(task)).final
    }

    /// Everything the tally needs of one answer, reading the text once.
    public static func extract(_ text: String, in task: AnswerTask) -> ExtractedAnswer {
        // An essay's final answer is at its end: only its last `essayTailBytes` are read, so a
        // 100 KB essay costs as much as a short answer (the tally reads every answer). A long
        // text with no reasoning tags is cut before it is put in reading form (which works
        // character by character, so the tail's reading form is the reading form's tail).
        var trimmed: String
        let words: Int
        if text.utf8.count > 4 * essayTailBytes, !TextSearch.containsBytes("think>", in: text),
            wordCount(text, upTo: essayWords + 1) > essayWords
        {
            words = essayWords + 1
            trimmed = String(readingForm(tail(of: text, bytes: essayTailBytes)).trimmedOfWhitespaceAndNewlines)
        } else {
            trimmed = String(readingForm(withoutReasoning(text)).trimmedOfWhitespaceAndNewlines)
            words = wordCount(trimmed, upTo: essayWords + 1)
            if words > essayWords { trimmed = tail(of: trimmed, bytes: essayTailBytes) }
        }
        if trimmed.isEmpty { return ExtractedAnswer(final: "", key: "", isEssay: words > essayWords) }
        let essay = words > essayWords
        var (selected, found) = select(&trimmed)
        // A lettered question: the option the answer names, wherever it stands; on several
        // lines, the first line that names one (read once, there).
        var optionLine: (line: String, named: [String])?
        if found == .line, !essay {
            optionLine = firstOptionLine(of: trimmed, in: task)
            if let line = optionLine?.line ?? lastAnsweringLine(of: trimmed, in: task) { selected = line }
        }
        let named = essay ? [] : optionLine?.named ?? namedOptions(in: selected, task: task)
        // A reply that only says what the answer is not ("The answer is not a number.") gives
        // no answer: it agrees with nothing (`Vote.tally`), so two of them are never a majority.
        if found != .marker, !essay, named.isEmpty, sentences(of: selected).allSatisfy(onlyDenies) {
            return ExtractedAnswer(final: selected, key: "", isEssay: false)
        }
        let (span, decided, sentences) = reading(selected, in: task, lastOnly: essay && found == .line)
        var (key, hedged) = Self.key(ofSpan: span, in: task)
        var final = displayed(span, key: key)
        if !named.isEmpty {
            key = named.map { "option " + $0 }.joined(separator: " or ")
            hedged = named.count > 1
            final = named.compactMap { letter in task.options.first { $0.letter == letter }?.shown }.joined(separator: " or ")
        }
        let keyWords = key.isEmpty ? 0 : key.utf8.reduce(1) { $1 == 0x20 ? $0 + 1 : $0 }
        // Counted exactly when the answer says where its answer is ("the answer is"), the key is
        // a number, date, yes/no or option, or (not in an essay, where bold is emphasis and a
        // sentence is part of an argument) the answer is bold, a sentence plainly answers, or
        // the answer is one sentence.
        let sure =
            found == .marker || isDefinite(key)
            || (!essay && (found == .bold || decided || (sentences == 1 && words <= sentenceAnswerWords)))
        let isShort = keyWords <= AggregationInput.shortKeyWords && sure
        return ExtractedAnswer(final: final, key: key, hedged: hedged, isShort: isShort, isEssay: essay)
    }

    /// How much of an essay's end `extract` reads.
    static let essayTailBytes = 4096

    /// The last `bytes` of `text`, from the first line start in them (else the first scalar).
    static func tail(of text: String, bytes: Int) -> String {
        let utf8 = text.utf8
        guard utf8.count > bytes else { return text }
        var start = utf8.index(utf8.endIndex, offsetBy: -bytes)
        if let newline = utf8[start...].firstIndex(of: 0x0A), newline < utf8.index(before: utf8.endIndex) {
            start = utf8.index(after: newline)
        } else {
            while start < utf8.endIndex, utf8[start] & 0xC0 == 0x80 { start = utf8.index(after: start) }
        }
        return String(text[start...])
    }

    /// A key that is an answer whatever surrounds it: a number, a date, yes or no, an option.
    static func isDefinite(_ key: String) -> Bool {
        if isNumber(key) || key == "yes" || key == "no" || key.hasPrefix("option ") || key.hasPrefix("--") { return true }
        return key.count <= 10 && key.utf8.count >= 7 && isNumber(String(key.prefix(4))) && key.utf8[key.utf8.index(key.utf8.startIndex, offsetBy: 4)] == 0x2D
    }

    /// A one-sentence answer of at most this many words is counted exactly by its final answer
    /// even when no marker, bold span or "X is Y" says where it is.
    public static let sentenceAnswerWords = 50
    /// An answer of more than this many words is an essay: `auto` merges essays (merging is the point).
    public static let essayWords = 100

    /// The number alone when the answer reduced to one inside a sentence ("I think it's 389"
    /// shows as 389); the span as written otherwise ("8,849 m"), without a hedging opener
    /// ("Probably Lyon" shows as "Lyon": `withoutHedgeOpener`).
    static func displayed(_ span: String, key: String) -> String {
        guard isNumber(key), let first = normalise(span).split(separator: " ").first, first != key else {
            return withoutHedgeOpener(span)
        }
        return key
    }

    /// Where the final answer is: the first marker that gives more than talk, the last bold
    /// span, else the last line that is not only talk (the last non-blank line when all are).
    static func select(_ trimmed: inout String) -> (text: String, found: Found) {
        for marker in ["final answer is", "final answer:", "the answer is", "answer is", "answer:"] {
            if let match = TextSearch.lastMatch(of: marker, in: &trimmed) {
                let end = TextSearch.characterStart(atOrBefore: match, in: &trimmed)
                let rest = trimmed[trimmed.utf8.index(trimmed.startIndex, offsetBy: end)...]
                let candidate = clean(firstSentence(of: rest))
                if !candidate.isEmpty, !onlyTalks(candidate), !onlyDenies(candidate) { return (candidate, .marker) }
            }
        }
        if let bold = lastBold(in: &trimmed) { return (clean(bold), .bold) }
        let line = lastNonBlankLine(of: trimmed, skipping: lineOnlyTalks) ?? lastNonBlankLine(of: trimmed) ?? trimmed
        return (clean(line), .line)
    }

    /// Whether every clause of `text` is negated or talk ("The answer is not a number."): it says
    /// what the answer is not, so it is no answer ("not 12, but 13" still is one).
    static func onlyDenies(_ text: String) -> Bool {
        clauses(of: text).allSatisfy { isNegated($0) || onlyTalks($0) }
    }

    /// Of a text of several lines with no marker and no bold span, the last line (of the first
    /// 12) that plainly answers the task: one of its sentences reads as an answer (`read`: "X is
    /// Y" with X repeating the question, a yes or no, the one number a quantity question asks
    /// for; a bare word or two is not enough), it is not working ("17 * 23 = 17 * 20 + 17 * 3")
    /// and it does not open with a demonstrative ("This is a classic example of..." talks about
    /// what came before). Nil when none does, or the text is one line: the last line that is not
    /// talk is read then, as before.
    ///
    /// Why: a small model answers on its first line and rambles after it ("3 + 5 = 8\n\nThis is a
    /// classic example of..."), so the last line is talk about the answer (issue 15's eval, bare
    /// style); but a chain of reasoning ends with its conclusion ("17 * 23 = 381\nWait, ... so 17
    /// * 23 = 391.") and a reply may open with a pleasantry ("Certainly.\nParis."), so the last
    /// line that answers wins, never the first (found by the fresh-user trial).
    static func lastAnsweringLine(of text: String, in task: AnswerTask) -> String? {
        guard text.contains(where: \.isNewline) else { return nil }
        var found: String?
        var lines = 0
        for line in text.split(whereSeparator: \.isNewline) where !line.allSatisfy(\.isWhitespace) {
            lines += 1
            guard lines <= 12 else { break }
            let candidate = clean(String(line))
            guard !lineOnlyTalks(candidate), !opensWithDemonstrative(candidate) else { continue }
            for sentence in sentences(of: candidate) {
                if let r = read(sentence: sentence, in: task), r.answers, !isWorking(r.span) {
                    found = candidate
                    break
                }
            }
        }
        return found
    }

    /// Whether a line opens with a word that points back at what came before ("This is...",
    /// "That means...", "There are other views"): talk about an answer, not one.
    static func opensWithDemonstrative(_ line: String) -> Bool {
        guard let first = normalisedWords(String(line.prefix(40))).first else { return false }
        return ["this", "that", "these", "those", "there", "here", "such"].contains(first)
    }

    /// Arithmetic between numbers ("17 * 20 + 17 * 3", "340+51"): a step of working, not a result.
    static func isWorking(_ span: String) -> Bool {
        (try? #/\d\s*[-+*/×÷^]\s*\d/#.firstMatch(in: span)) != nil
    }

    /// Whitespace-separated words of `text`, counting only up to `limit` (so a 4 MiB answer
    /// costs as much as a short one).
    static func wordCount(_ text: String, upTo limit: Int) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var words = 0
            var inWord = false
            CharacterScan.forEachCharacter(bytes) { first, _, _ in
                if first.properties.isWhitespace {
                    inWord = false
                } else if !inWord {
                    inWord = true
                    words += 1
                }
                return words < limit
            }
            return words
        }
    }

    /// Lower case, no punctuation, no articles, number words as digits, one space between words.
    public static func normalise(_ answer: String) -> String {
        numbersAsDigits(normalisedWords(answer)).map(canonicalNumber).joined(separator: " ")
    }

    /// `normalise` up to the words: possessives and thousands separators out, then every scalar
    /// that is not a letter, mark or digit (a decimal point and a leading minus sign aside) a
    /// word break. One pass per step over the scalars, no regular expressions; the rules are the
    /// ones the regular expressions `['’]s\b` and `(?<=\d),(?=\d{3})` and Foundation's
    /// `CharacterSet.alphanumerics`, `decimalDigits` and `whitespaces` gave before.
    static func normalisedWords(_ answer: String) -> [String] {
        let lower = Array(readingForm(answer).lowercased().unicodeScalars)
        // Possessives: "France's" is "france" (an apostrophe and an s before a word boundary).
        var a: [Unicode.Scalar] = []
        a.reserveCapacity(lower.count)
        var i = 0
        while i < lower.count {
            if lower[i] == "'" || lower[i] == "’", i + 1 < lower.count, lower[i + 1] == "s",
                i + 2 == lower.count
                    || (!ScalarClass.isRegexTransparent(lower[i + 2]) && !ScalarClass.isRegexWord(lower[i + 2]))
            {
                i += 2
                continue
            }
            a.append(lower[i])
            i += 1
        }
        // Thousands separators: "1,000" is 1000 (a comma between a digit and three digits).
        var b: [Unicode.Scalar] = []
        b.reserveCapacity(a.count)
        for (i, c) in a.enumerated() {
            if c == ",", i > 0, i + 3 < a.count, ScalarClass.isDecimalDigit(a[i - 1]), ScalarClass.isDecimalDigit(a[i + 1]),
                ScalarClass.isDecimalDigit(a[i + 2]), ScalarClass.isDecimalDigit(a[i + 3])
            {
                continue
            }
            b.append(c)
        }
        var words: [String] = []
        var word = String.UnicodeScalarView()
        func endWord() {
            if !word.isEmpty {
                let w = String(word)
                if !articles.contains(w) { words.append(w) }
                word = String.UnicodeScalarView()
            }
        }
        for (i, c) in b.enumerated() {
            let keep: Bool
            if c == "." {
                keep = i > 0 && i + 1 < b.count && ScalarClass.isDecimalDigit(b[i - 1]) && ScalarClass.isDecimalDigit(b[i + 1])
            } else if c == "-" || c == "\u{2212}" {
                // A leading minus sign, ASCII or U+2212 MINUS SIGN (one sign: "−3" is "-3").
                keep = i + 1 < b.count && ScalarClass.isDecimalDigit(b[i + 1]) && (i == 0 || ScalarClass.isBlank(b[i - 1]))
                if keep {
                    word.append("-")
                    continue
                }
            } else if c == "/" {
                // A fraction of digits is one number ("3/4"; `canonicalNumber` gives its value).
                keep = i > 0 && i + 1 < b.count && ScalarClass.isDecimalDigit(b[i - 1]) && ScalarClass.isDecimalDigit(b[i + 1])
            } else {
                keep = ScalarClass.isAlphanumeric(c)
            }
            if keep {
                word.append(c)
            } else if i + 1 < b.count, ScalarClass.joinsPrevious(b[i + 1]) {
                // The space this becomes and the mark after it are one `Character`, which is not
                // " ": the words were split at " " characters, so this one splits nothing.
                word.append(" ")
            } else {
                endWord()
            }
        }
        endWord()
        return words
    }

    /// The key two answers are compared by: the part of the answer's sentence that answers
    /// (`answerSpan`), normalised, without the words it only repeats from the task (when something
    /// is left), read by the rules of `key(ofSpan:in:)`: one number with its unit, dates, yes/no,
    /// multiple choice, titles, two candidates.
    public static func key(_ answer: String, task: String) -> String {
        let task = AnswerTask(task)
        return key(ofSpan: answerSpan(clean(readingForm(answer)), in: task), in: task).key
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
    public static func readingForm(_ text: String) -> String {
        let visible = withoutInvisibles(text)
        guard !visible.utf8.allSatisfy({ $0 < 0x80 }) else { return visible }
        return withoutInvisibles(compatibilityForm(visible))
    }

    /// NFKC of `text` (Foundation's `precomposedStringWithCompatibilityMapping`), normalising only
    /// the pieces that can change (issue 16: normalising a whole 100 KB answer for one curly quote
    /// cost milliseconds). A piece is a run of non-ASCII scalars with the ASCII scalar before it:
    /// an ASCII scalar is a starter nothing composes onto, so NFKC of the whole is NFKC of each
    /// piece joined (UAX #15, "Stable Code Points"). A piece with no scalar that `mayChange` is left
    /// as it is.
    static func compatibilityForm(_ text: String) -> String {
        guard TextSearch.anyNonASCIIScalar(in: text, where: mayChange) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i].isASCII, i + 1 == scalars.count || scalars[i + 1].isASCII {
                out.append(scalars[i])
                i += 1
                continue
            }
            var end = i + 1
            while end < scalars.count, !scalars[end].isASCII { end += 1 }
            let piece = scalars[i..<end]
            if piece.contains(where: mayChange) {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: piece)
                out.append(contentsOf: String(view).precomposedStringWithCompatibilityMapping.unicodeScalars)
            } else {
                out.append(contentsOf: piece)
            }
            i = end
        }
        return String(out)
    }

    /// Whether NFKC may change `c` or the scalars around it: it changes under NFKC with case
    /// folding (a superset of NFKC's own changes), or it is a combining mark or a conjoining
    /// Hangul jamo (which compose with the scalar before them).
    static func mayChange(_ c: Unicode.Scalar) -> Bool {
        guard !c.isASCII else { return false }
        let p = c.properties
        if p.changesWhenNFKCCaseFolded || p.canonicalCombiningClass != .notReordered { return true }
        if (0x1100...0x11FF).contains(c.value) || (0xAC00...0xD7A3).contains(c.value) { return true }
        switch p.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// `text` without reasoning written inline, as the engine splits it off a stream
    /// (`InlineReasoning`): a `<think>...</think>` block at the start (an unclosed one is all
    /// reasoning), or the text before a lone closing tag. New records already keep reasoning
    /// apart; this is for records made before that, and for any text handed in directly.
    public static func withoutReasoning(_ text: String) -> String {
        // The bytes first: without "think>" (the end of both tags) in them Foundation finds
        // neither tag (nothing else is canonically equivalent to those ASCII characters), and
        // most answers have none.
        guard TextSearch.containsBytes("think>", in: text),
            text.contains(InlineReasoning.open) || text.contains(InlineReasoning.close)
        else { return text }
        var splitter = InlineReasoning()
        var answer = ""
        for chunk in splitter.feed(text) + splitter.finish() {
            if case .text(let piece) = chunk { answer += piece }
        }
        return InlineReasoning.splitAtLoneClosingTag(answer)?.answer ?? answer
    }

    static func withoutInvisibles(_ text: String) -> String {
        guard TextSearch.anyNonASCIIScalar(in: text, where: isInvisible) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.lazy.filter { !isInvisible($0) })
        return String(scalars)
    }

    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        guard !scalar.isASCII else { return false }
        return scalar.properties.generalCategory == .format || scalar.properties.isDefaultIgnorableCodePoint
    }

    // MARK: - Pieces

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

    /// Every word `numbersAsDigits` looks at.
    static let numberWords: Set<String> = Set(units.keys).union(tens.keys).union(scales.keys)

    /// Replaces each run of number words ("twenty one", "one hundred five") with its digits.
    static func numbersAsDigits(_ words: [String]) -> [String] {
        var out: [String] = []
        var total = 0, current = 0, inNumber = false
        func flush() {
            if inNumber { out.append(String(total + current)) }
            total = 0; current = 0; inNumber = false
        }
        for word in words {
            // Most words are not number words: one look-up in the union tells, then the old rules.
            guard inNumber || numberWords.contains(word) else {
                out.append(word)
                continue
            }
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
        return signedAndScaled(out)
    }

    /// Words that multiply the number before them ("8 billion", "2.1 million", "384 thousand").
    static let magnitudes: [String: Decimal] = [
        "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000,
    ]

    /// After number words are digits: "minus 3" and "negative 3" are -3, and a number followed by
    /// a magnitude word is its value ("8 billion" is 8000000000, "2.1 million" 2100000), so
    /// "8 million" and "8 billion" never count as one answer "8" (found by the fresh-user trial).
    static func signedAndScaled(_ words: [String]) -> [String] {
        guard words.contains(where: { $0 == "minus" || $0 == "negative" || magnitudes[$0] != nil }) else { return words }
        var out: [String] = []
        var i = 0
        while i < words.count {
            let w = words[i]
            if (w == "minus" || w == "negative"), i + 1 < words.count, let n = Decimal(string: words[i + 1]), Double(words[i + 1]) != nil {
                out.append("\(-n)")
                i += 2
                continue
            }
            if let scale = magnitudes[w], let last = out.last, Double(last) != nil, let n = Decimal(string: last) {
                out[out.count - 1] = "\(n * scale)"
                i += 1
                continue
            }
            out.append(w)
            i += 1
        }
        return out
    }

    /// "12.0" and "12.00" are 12; "3.50" is 3.5; a fraction is its value to six places ("3/4"
    /// is 0.75, "6/3" is 2), so "3/4" and "0.75" are one answer and never "3".
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

    /// The first sentence of the first non-empty line of `text`: up to a full stop that is not a
    /// decimal point, or "!", "?" or ";". Reads only that far.
    static func firstSentence(of text: Substring) -> String {
        guard let lineStart = text.firstIndex(where: { !$0.isNewline }) else { return "" }
        let line = text[lineStart...]
        var previous: Character?
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if c.isNewline || c == "!" || c == "?" || c == ";" { break }
            let next = line.index(after: i)
            // A full stop ends the sentence unless it is a decimal point.
            if c == ".", !((previous?.isNumber ?? false) && next < line.endIndex && line[next].isNumber && !line[next].isNewline) {
                break
            }
            previous = c
            i = next
        }
        return String(line[..<i])
    }

    /// The last bold span, as splitting at every "**" and taking the last odd-numbered part
    /// between two markers would find (markers read left to right, not overlapping); nil when
    /// there is none or it is blank.
    static func lastBold(in text: inout String) -> String? {
        var markers: [Int] = []  // the last three marker positions, in bytes
        var count = 0
        text.withUTF8 { bytes in
            var i = 0
            while i + 1 < bytes.count {
                // A marker is two "*" characters: a "*" with a mark or joiner after it is another.
                if bytes[i] == 0x2A, bytes[i + 1] == 0x2A, !Self.extendedAt(i + 2, bytes) {
                    count += 1
                    markers.append(i)
                    if markers.count > 3 { markers.removeFirst() }
                    i += 2
                } else {
                    i += 1
                }
            }
        }
        guard count >= 2 else { return nil }
        // With k markers the parts are 0...k; the last odd part before the last part is k-1 when
        // k is even (between the last two markers), else k-2 (between the two before them).
        let (open, close) = count % 2 == 0 ? (markers[markers.count - 2], markers[markers.count - 1])
            : (markers[markers.count - 3], markers[markers.count - 2])
        let utf8 = text.utf8
        let span = String(text[utf8.index(utf8.startIndex, offsetBy: open + 2)..<utf8.index(utf8.startIndex, offsetBy: close)])
        guard !span.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return span
    }

    /// Whether the scalar at byte `i` joins the character before it.
    private static func extendedAt(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard i < bytes.count, bytes[i] >= 0xCC else { return false }
        return CharacterScan.extends(CharacterScan.decode(bytes, at: i).scalar, after: "*")
    }

    /// The last line with something other than whitespace on it, read from the end. Line ends
    /// are always characters of their own (UAX #29, GB4 and GB5), so looking for them scalar by
    /// scalar finds the lines `split(whereSeparator: \.isNewline)` finds.
    /// With `skipping`, lines it is true of are passed over too.
    static func lastNonBlankLine(of text: String, skipping: ((String) -> Bool)? = nil) -> String? {
        let scalars = text.unicodeScalars
        var end = scalars.endIndex
        while end > scalars.startIndex {
            var start = end
            while start > scalars.startIndex {
                let before = scalars.index(before: start)
                if isLineEnd(scalars[before]) { break }
                start = before
            }
            if scalars[start..<end].contains(where: { !ScalarClass.isBlank($0) }) {
                let line = String(scalars[start..<end])
                if let skipping, skipping(line) {
                    // passed over: look at the line before
                } else {
                    return line
                }
            }
            guard start > scalars.startIndex else { break }
            end = scalars.index(before: start)
        }
        return nil
    }

    /// `Character.isNewline`'s scalars: LF, VT, FF, CR, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR.
    @inline(__always)
    static func isLineEnd(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// Removes markup and punctuation around an answer: "**Paris**." becomes "Paris".
    static func clean(_ s: String) -> String {
        var t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        let strip = CharacterSet(charactersIn: "*_`\"'“”‘’.,;:!?()[]{}<>").union(.whitespaces)
        t = t.trimmingCharacters(in: strip)
        return t
    }
}
