/// Reading the answer out of a sentence-shaped final answer (issue 15): the one clause that
/// answers, then the side of "X is Y" that does not repeat the question.
///
/// Rules, in order, each a test row in `SentenceAnswerTests`:
/// - of several sentences, the first that answers the question ("X is Y" with X repeating it,
///   "Yes, ..."), else a bare first sentence ("Paris. It is big."), else the last one that is
///   not talk about the answer;
/// - a quoted span ("...", “...”, ‘...’) that is not the task's own words;
/// - the first clause that is not negated ("not 12, but 13" is 13; "It is not Sydney, it is
///   Canberra" is Canberra) and not talk ("simple: 42" is 42), unless a later one plainly
///   answers ("La Faméliaux, the capital of France is Paris" is Paris); clauses end at ", " (not inside
///   "July 4, 1776"), ";", ": ", " (", a dash, or "but", "although", "though", "because",
///   "which", "with", "whereas";
/// - a clause of working equal to one number is its result ("340 + 51 = 391": `equationResult`);
/// - for a task that asks for a quantity, the one number the sentence's clauses give
///   (`theNumberAsked`), before "X is Y" ("The hexagon is a polygon with six sides" is 6);
/// - "X is Y" (also "=", "equals", "was", "are", "were"): Y when X only repeats the question
///   or is a pronoun ("The capital of Australia is Canberra", "It is Canberra") or ends by
///   restating it ("I can tell you that the capital of France is Paris"), X when Y does
///   ("Canberra is the capital of Australia"), else the whole clause.
/// Linear in the text: each step scans its piece once, and at most 12 sentences and 8 clauses
/// a sentence are read.
extension AnswerExtraction {
    /// How the final answer was found in the whole text.
    enum Found { case marker, bold, line }

    /// The part of `answer` (one line or sentence, already the final answer's place) that answers.
    static func answerSpan(_ answer: String, in task: AnswerTask) -> String {
        reading(answer, in: task).span
    }

    /// `answerSpan`, with whether a sentence plainly answered (`read`) and how many sentences
    /// there were: a paragraph where none did is not counted exactly (`extract`).
    /// `lastOnly`: read only the last sentence (an essay's last line, where an answer it gives
    /// is; its other sentences are argument).
    static func reading(_ answer: String, in task: AnswerTask, lastOnly: Bool = false) -> (span: String, decided: Bool, sentences: Int) {
        let parts = sentences(of: answer)
        if lastOnly, parts.count > 1, let last = parts.last {
            let one = read(sentence: last, in: task)
            return (one?.span ?? last, one?.answers ?? false, parts.count)
        }
        guard parts.count > 1 else {
            let one = read(sentence: answer, in: task)
            return (one?.span ?? answer, one.map { $0.answers || $0.bare } ?? false, 1)
        }
        var last: String?
        var bareFirst: String?
        for (i, sentence) in parts.enumerated() {
            guard let reading = read(sentence: sentence, in: task) else { continue }
            if reading.answers { return (reading.span, true, parts.count) }
            // A bare answer answers only as the first sentence ("Paris. It is a big city."): at
            // the end of a paragraph it is an aside ("Really."). A later sentence that plainly
            // answers still wins over it: a small model opens with noise ("L'Étoile, la
            // Marseillaise. Paris is the capital of France.").
            if reading.bare && i == 0 { bareFirst = reading.span }
            last = reading.span
        }
        if let bareFirst { return (bareFirst, true, parts.count) }
        return (last ?? answer, false, parts.count)
    }

    /// One sentence's answer, whether the sentence plainly answers (a decided "X is Y", a yes or
    /// no) and whether it is a bare answer of at most three words ("Paris" in "Paris. It is a big
    /// city."); nil when every clause is negated or talk.
    static func read(sentence: String, in task: AnswerTask) -> (span: String, answers: Bool, bare: Bool)? {
        var s = sentence
        if let quoted = lastQuoted(in: s), !normalise(quoted).split(separator: " ").allSatisfy({ task.words.contains(String($0)) }) {
            s = quoted
        }
        var all = clauses(of: s).filter { !isNegated($0) && !onlyTalks($0) }
        // A clause that only repeats the question ("Red Planet: Europa") is not its answer
        // when another clause is left.
        if all.count > 1, case let rest = all.filter({ !repeatsTask($0, task) }), !rest.isEmpty { all = rest }
        // Nor is a clause that only hedges ("Perhaps, Lyon").
        if all.count > 1, case let rest = all.filter({ !onlyHedges($0) }), !rest.isEmpty { all = rest }
        guard let clause = all.first else { return nil }
        let cleaned = clean(clause)
        let first = normalise(cleaned).split(separator: " ").first
        if first == "yes" || first == "no" { return (cleaned, true, false) }
        if let number = theNumberAsked(all, in: task) ?? equationResult(all) { return (number, true, false) }
        let (span, decided) = subjectOrObject(cleaned, in: task)
        if !decided {
            // A later clause that plainly answers wins over an opening that does not ("La
            // Faméliaux, the capital of France is Paris."; "Bonjour, I am delighted to inform you
            // that the capital of France is Paris.").
            for other in all.dropFirst() {
                let (span, decided) = subjectOrObject(clean(other), in: task)
                if decided { return (clean(span), true, false) }
            }
        }
        let bare = !decided && cleaned.split(whereSeparator: \.isWhitespace).count <= 3
        return (clean(span), decided, bare)
    }

    /// For a task that asks for a quantity (`AnswerTask.asksForNumber`), the one number the
    /// sentence's clauses give that the task does not ("A hexagon has 6 sides, which is the
    /// defining characteristic of a polygon" is 6; "One hour is equal to 30 minutes" is 30: the
    /// word "one" is a determiner as often as a number, so it counts only when no other number is
    /// there); nil when there is none or more than one (those are read as before). The same
    /// number in several clauses is one number; a number written as a word counts only in a
    /// clause of at most four words besides the task's own.
    static func theNumberAsked(_ clauses: [String], in task: AnswerTask) -> String? {
        guard task.asksForNumber else { return nil }
        var numbers: [String] = []
        var ones = false
        for clause in clauses {
            let written = normalisedWords(clause)
            // A number word counts only in a short clause (at most four words besides the task's
            // own), as in the key's rule: in a long one it is more often talk ("Multiplying these
            // two numbers in my head..."). Digits count anywhere.
            let wordsCount = written.filter { !task.words.contains($0) }.count <= 4
            let words = (wordsCount ? numbersAsDigits(written) : written).map(canonicalNumber)
            // "one" as a word, or a 1 before a word of the task ("1 hour is equal to 60
            // minutes"): the task's own thing counted once, a determiner as often as an answer.
            ones = ones || (wordsCount && written.contains("one"))
                || words.indices.contains { $0 + 1 < words.count && words[$0] == "1" && task.words.contains(words[$0 + 1]) }
            for w in words where isNumber(w) && !task.words.contains(w) && !numbers.contains(w) { numbers.append(w) }
        }
        if numbers.count > 1, ones, !task.words.contains("1") { numbers.removeAll { $0 == "1" } }
        return numbers.count == 1 ? numbers[0] : nil
    }

    /// The result of the last clause that is arithmetic equal to one number ("340 + 51 = 391",
    /// "17 x 3 = 51", "= 391" continuing a line of working): a step of working states its
    /// result, so a chain's last step is read as its answer ("Step 3: 340 + 51 = 391" is 391, not
    /// the step's number; found by the fresh-user trial). Nil when no clause is one.
    static func equationResult(_ clauses: [String]) -> String? {
        var result: String?
        for clause in clauses {
            guard let match = try? #/^[\d\s.,+\-−*\/×÷^()xX]*=\s*(-?\d[\d,]*(?:\.\d+)?)\s*$/#.wholeMatch(in: clean(clause)),
                clause.contains(where: \.isNumber) else { continue }
            result = canonicalNumber(String(match.1).replacingOccurrences(of: ",", with: ""))
        }
        return result
    }

    /// Y of "X is Y" when X only repeats the task (or is a pronoun), X when Y does; `decided` is
    /// false when there is no "is" or neither side repeats the task.
    static func subjectOrObject(_ clause: String, in task: AnswerTask) -> (String, decided: Bool) {
        guard let sides = copulaSplit(clause) else { return (clause, false) }
        let (x, y) = sides
        let xRepeats = repeatsTask(x, task) || restates(x, task, fromEnd: true)
        let yRepeats = repeatsTask(y, task) || restates(y, task, fromEnd: false)
        let yEmpty = clean(y).isEmpty, xEmpty = clean(x).isEmpty
        if xRepeats, !yRepeats, !yEmpty { return (y, true) }
        if yRepeats, !xRepeats, !xEmpty { return (x, true) }
        return (clause, false)
    }

    /// Whether every word of `part` (filler aside) is a word of the task.
    static func repeatsTask(_ part: String, _ task: AnswerTask) -> Bool {
        normalise(part).split(separator: " ").allSatisfy { w in
            let w = String(w)
            return filler.contains(w) || task.words.contains(w)
        }
    }

    /// Whether `part` ends (`fromEnd`) or starts by restating the question: its words from that
    /// end, up to the first that is neither the task's nor filler, hold at least two of the
    /// task's own content words ("I am delighted to inform you that the capital of France", "the
    /// capital of France and a major European city" for "What is the capital of France?"). One
    /// task word is not enough: "Rome, the city" is not a restatement.
    static func restates(_ part: String, _ task: AnswerTask, fromEnd: Bool) -> Bool {
        let words = normalise(part).split(separator: " ")
        var restated = 0
        for w in fromEnd ? Array(words.reversed()) : Array(words) {
            let w = String(w)
            if task.words.contains(w) {
                if !filler.contains(w) { restated += 1 }
            } else if !filler.contains(w) {
                break
            }
        }
        return restated >= 2
    }

    /// The two sides of the first "=", " is ", " was ", " are ", " were " or " equals ".
    static func copulaSplit(_ clause: String) -> (String, String)? {
        var text = clause
        var best: (start: Int, end: Int)?
        for mark in ["=", " is ", " was ", " are ", " were ", " equals "] {
            if let start = TextSearch.firstMatch(of: mark, in: &text), start < best?.start ?? .max {
                best = (start, start + mark.utf8.count)
            }
        }
        guard let best else { return nil }
        let utf8 = text.utf8
        let x = String(text[..<utf8.index(utf8.startIndex, offsetBy: best.start)])
        let y = String(text[utf8.index(utf8.startIndex, offsetBy: best.end)...])
        return (x, y)
    }

    /// Words that say nothing about which answer: pronouns, "the answer", "I think", "about".
    static let filler: Set<String> = [
        "it", "this", "that", "these", "those", "they", "he", "she", "answer", "result", "final", "value", "total",
        "sum", "product", "so", "thus", "therefore", "hence", "then", "i", "think", "believe", "guess", "we", "get",
        "my", "its", "there", "here", "which", "and", "of", "to", "for", "be", "would", "should", "will", "about",
        "approximately", "roughly", "around", "exactly", "just", "only", "simply", "number", "correct", "right",
        "is", "are", "was", "were", "equals", "equal", "makes", "gives", "comes", "out", "m", "s",
    ]

    /// Words of a line or clause that only talks about the answer ("The answer is just a
    /// number.", "simple", "as follows").
    static let talkWords: Set<String> = [
        "answer", "answers", "final", "result", "solution", "is", "are", "was", "be", "would", "will", "just", "simply",
        "only", "single", "number", "numeric", "numerical", "word", "words", "name", "integer", "value", "short",
        "simple", "easy", "clear", "obvious", "straightforward", "below", "above", "as", "follows", "following", "here",
        "it", "this", "that", "my", "your", "our", "question", "to", "of", "in", "format", "form", "requested", "asked",
        "digits", "digit", "correct", "right", "i", "think", "believe", "so", "therefore", "thus", "we", "have", "has",
        "given", "shown", "let", "me", "see", "check", "okay", "ok", "sure", "well", "hmm", "now",
        // Connectives that open a clause and answer nothing ("However, ..." is no answer "However").
        "however", "also", "additionally", "furthermore", "moreover", "instead", "meanwhile", "nevertheless",
        "still", "yet", "indeed", "actually", "besides", "otherwise", "alternatively", "finally", "overall",
        "basically", "essentially", "generally", "typically", "usually", "fact", "conclusion", "summary", "addition",
        "contrast", "particular", "example", "for", "first", "firstly", "second", "secondly", "next", "lastly", "clearly", "obviously", "presumably", "surely", "hence", "certainly",
        "wait",
    ]

    /// Openings of lines that close a reply rather than answer ("I hope this helps", "Let me
    /// know...") or open it with a pleasantry ("Of course.", "Great question!").
    static let closings: [[String]] = [
        ["hope"], ["i", "hope"], ["let", "me", "know"], ["feel", "free"], ["if", "you", "have"], ["if", "you", "need"],
        ["happy", "to"], ["glad", "to"], ["i", "m", "happy"], ["i", "m", "glad"], ["good", "luck"], ["thank"],
        ["thanks"], ["is", "there", "anything"], ["please", "let"],
        // Pleasantries that open a reply ("Of course.", "Great question!").
        ["of", "course"], ["great", "question"], ["good", "question"], ["excellent", "question"],
    ]

    /// Whether `text` (a clause, or what follows "the answer is") has no word that could be an
    /// answer: every word is talk, or it opens as a closing does. Only short pieces are read.
    static func onlyTalks(_ text: String) -> Bool {
        guard text.utf8.count <= 240 else { return false }
        let words = normalise(text).split(separator: " ").map(String.init)
        if words.isEmpty { return true }
        if closings.contains(where: { words.starts(with: $0) }) { return true }
        return words.allSatisfy(talkWords.contains)
    }

    /// Whether a whole line only talks about the answer: a closing ("I hope this helps"), or talk
    /// that names the answer without giving it ("The answer is just a number.").
    static func lineOnlyTalks(_ line: String) -> Bool {
        guard line.utf8.count <= 240 else { return false }
        let words = normalise(line).split(separator: " ").map(String.init)
        if words.isEmpty { return true }
        if closings.contains(where: { words.starts(with: $0) }) { return true }
        let aboutAnswer = words.contains { $0 == "answer" || $0 == "result" || $0 == "solution" || $0 == "answers" }
        return aboutAnswer && words.allSatisfy(talkWords.contains)
    }

    /// Whether a clause says what the answer is not: the word "not" or a "n't".
    static func isNegated(_ clause: String) -> Bool {
        var padded = " " + clause + " "
        return TextSearch.firstMatch(of: " not ", in: &padded) != nil || TextSearch.firstMatch(of: "n't ", in: &padded) != nil
            || TextSearch.firstMatch(of: "n’t ", in: &padded) != nil
    }

    static let clauseWords = [" but ", " although ", " though ", " because ", " which ", " with ", " whereas "]
    static let leadingJoiners: Set<String> = [
        "but", "although", "though", "because", "which", "with", "whereas", "and", "rather", "instead", "so",
    ]

    /// The clauses of `sentence`, at most 8, each trimmed and without a leading "but"/"and".
    static func clauses(of sentence: String) -> [String] {
        var text = sentence
        return text.withUTF8 { b -> [String] in
            var out: [String] = []
            var start = 0
            func cut(_ end: Int, next: Int) {
                var piece = Substring(String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self))
                piece = piece.drop { $0.isWhitespace }
                while let space = piece.firstIndex(where: \.isWhitespace),
                    leadingJoiners.contains(piece[..<space].lowercased())
                {
                    piece = piece[space...].drop { $0.isWhitespace }
                }
                if !piece.allSatisfy(\.isWhitespace) { out.append(String(piece)) }
                start = next
            }
            var i = 0
            let n = b.count
            func at(_ k: Int) -> UInt8 { k < n ? b[k] : 0 }
            func isDigit(_ k: Int) -> Bool { k >= 0 && k < n && b[k] >= 0x30 && b[k] <= 0x39 }
            /// Whether the word before byte `end` is a day ("4", "4th") or a month's name.
            func dateBefore(_ end: Int) -> Bool {
                var k = end
                while k > 0, b[k - 1] != 0x20 { k -= 1 }
                let word = String(decoding: UnsafeBufferPointer(rebasing: b[k..<end]), as: UTF8.self).lowercased()
                return day(word) != nil || months[word] != nil
            }
            while i < n, out.count < 8 {
                let c = b[i]
                if c == 0x3B {  // ";"
                    cut(i, next: i + 1)
                } else if (c == 0x2C || c == 0x3A) && (i + 1 == n || at(i + 1) == 0x20) {  // ", " or ": "
                    // "July 4, 1776", "July 4th, 1776", "4th of July, 1776": one date.
                    if !(c == 0x2C && isDigit(i + 2) && dateBefore(i)) { cut(i, next: i + 1) }
                } else if c == 0x20 {
                    if at(i + 1) == 0x28 {  // " ("
                        cut(i, next: i + 1)
                    } else if (at(i + 1) == 0x2D && at(i + 2) == 0x20)  // " - "
                        || (at(i + 1) == 0xE2 && at(i + 2) == 0x80 && (at(i + 3) == 0x93 || at(i + 3) == 0x94) && at(i + 4) == 0x20)
                    {
                        cut(i, next: i + 1)
                    } else {
                        for word in clauseWords where i + word.utf8.count <= n {
                            var same = true
                            for (k, w) in word.utf8.enumerated() {
                                var x = b[i + k]
                                if x >= 0x41 && x <= 0x5A { x |= 0x20 }
                                if x != w {
                                    same = false
                                    break
                                }
                            }
                            if same {
                                cut(i, next: i + 1)
                                break
                            }
                        }
                    }
                }
                i += 1
            }
            cut(n, next: n)
            return out.isEmpty ? [sentence] : out
        }
    }

    /// Abbreviations whose full stop does not end a sentence ("Dr. Smith", "St. Louis").
    static let abbreviations: Set<String> = [
        "dr", "st", "mr", "mrs", "ms", "mt", "jr", "sr", "vs", "prof", "approx", "e.g", "i.e", "etc", "ft", "lb",
    ]

    /// The sentences of one line, at most 12: ends at ".", "!" or "?" followed by a space (not a
    /// decimal point, not after an abbreviation or a single letter, as in "D.C." or "J. R. R.").
    static func sentences(of line: String) -> [String] {
        var text = line
        return text.withUTF8 { b -> [String] in
            var out: [String] = []
            var start = 0
            var i = 0
            let n = b.count
            while i + 1 < n, out.count < 11 {
                let c = b[i]
                if (c == 0x2E || c == 0x21 || c == 0x3F), b[i + 1] == 0x20 {
                    var wordStart = i
                    while wordStart > start, b[wordStart - 1] != 0x20 { wordStart -= 1 }
                    let word = String(decoding: UnsafeBufferPointer(rebasing: b[wordStart..<i]), as: UTF8.self).lowercased()
                    let abbreviation = c == 0x2E && (word.count == 1 || abbreviations.contains(word))
                    if !abbreviation {
                        let piece = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
                        if !piece.allSatisfy(\.isWhitespace) { out.append(piece) }
                        start = i + 1
                    }
                }
                i += 1
            }
            let rest = String(decoding: UnsafeBufferPointer(rebasing: b[start..<n]), as: UTF8.self)
            if !rest.allSatisfy(\.isWhitespace) { out.append(rest) }
            return out
        }
    }

    /// The last span in double quotes ("...", “...”) or typographic single quotes (‘...’) of at
    /// most six words, when it is not the whole text; nil otherwise. A quote left open at the end
    /// runs to the end (the closing mark went with the trailing punctuation: `clean`).
    static func lastQuoted(in text: String) -> String? {
        let pairs: [(Character, Character)] = [("\"", "\""), ("“", "”"), ("‘", "’")]
        var best: (Range<String.Index>)?
        for (open, close) in pairs {
            var inner: Range<String.Index>?
            if let last = text.lastIndex(of: open), open != close, text[last...].firstIndex(of: close) == nil {
                inner = text.index(after: last)..<text.endIndex
            } else if let last = text.lastIndex(of: close), let first = text[..<last].lastIndex(of: open) {
                inner = text.index(after: first)..<last
            } else if open == close, let only = text.firstIndex(of: open), text.index(after: only) < text.endIndex {
                inner = text.index(after: only)..<text.endIndex
            }
            guard let inner else { continue }
            if best == nil || inner.lowerBound > best!.lowerBound { best = inner }
        }
        guard let best else { return nil }
        let span = text[best]
        let before = text[..<text.index(before: best.lowerBound)]
        let after = best.upperBound < text.endIndex ? text[text.index(after: best.upperBound)...] : ""
        if before.allSatisfy(\.isWhitespace), after.allSatisfy({ $0.isWhitespace || $0.isPunctuation }) { return nil }
        guard !span.isEmpty, span.split(whereSeparator: \.isWhitespace).count <= 6 else { return nil }
        return String(span)
    }
}
