/// The key a final answer is counted by (issue 15), one rule per shape, each a test row in
/// `SentenceAnswerTests`:
/// - multiple choice, when the task lists options "A) ..." or "(A) ...": "B", "(B) Mars",
///   "B) Mars", "Option B" and "Mars" are all "option b"; so is a sentence whose first mention
///   of an option is B ("The planet with the most famous rings is Mars.", "Mars is redder than
///   Venus."), while a letter followed by another option's text ("A) Mars" when A is Venus) or
///   two options around "or" is a vote for neither (`namedOptions`);
/// - dates: "July 4, 1776", "4 July 1776", "the 4th of July, 1776" are "1776-07-04" (ISO 8601),
///   "July 1776" is "1776-07";
/// - hedging openers are not the answer: "I think Lyon", "Probably Lyon.", "Maybe Lyon", "It's
///   Lyon" are "lyon" (`hedgeOpeners`; the display drops them too: `withoutHedgeOpener`);
/// - yes and no: "Yes, it is.", "yes", "Yes it is" are "yes";
/// - two candidates: "Paris or Lyon", "either 12 or 13" are "paris or lyon", "12 or 13", marked
///   hedged: they match neither single answer, since naming both is a vote for neither;
/// - the one number: words the answer only repeats from the task and filler ("I think it's",
///   "approximately") dropped, a number followed by at most two words (its unit) is the number:
///   "12 apples", "8,849 m", "8849 metres", "8849." are 12 and 8849; "Apollo 11" stays; when
///   the task asks for a quantity (`AnswerTask.asksForNumber`), the one number wherever it
///   stands in a short span ("A spider has eight legs" is 8; at most four words besides the
///   task's own, since in a long one a number word is more often talk: "these two numbers");
/// - titles: "Sir Isaac Newton", "Dr. Isaac Newton" are "isaac newton"; a monarch's ordinal
///   stays ("King George III" is "george iii");
/// - otherwise the normalised words without those that only repeat the task.
extension AnswerExtraction {
    /// The key of a final answer (a short span: `answerSpan` has read its sentence) and whether
    /// it names two candidates.
    static func key(ofSpan span: String, in task: AnswerTask) -> (key: String, hedged: Bool) {
        if let letter = choice(span, in: task) { return ("option " + letter, false) }
        let words = withoutHedges(datesAsISO(numbersAsDigits(normalisedWords(span)).map(canonicalNumber)))
        if let first = words.first, first == "yes" || first == "no",
            words.count == 1 || yesNoFollowers.contains(words[1])
        {
            return (first, false)
        }
        if let both = twoCandidates(words) { return (both, true) }
        let kept = words.filter { !task.words.contains($0) }
        let base = kept.isEmpty ? words : kept
        if let number = oneNumber(base) { return (number, false) }
        // Only in a short span: in a long one a number word is more often talk ("these two numbers").
        if task.asksForNumber, base.count <= 4 {
            let numbers = base.filter(isNumber)
            if numbers.count == 1 { return (numbers[0], false) }
        }
        return (withoutTitles(withoutLeadingFiller(base)).joined(separator: " "), false)
    }

    /// Openers that say how sure the worker is, not what the answer is, as normalised words
    /// ("it's" normalises to "it"). Found by a trial: "I think Lyon" did not group with "Lyon"
    /// while "Probably Lyon." did.
    static let hedgeOpeners: [[String]] = [
        ["i", "think"], ["i", "believe"], ["i", "guess"], ["probably"], ["maybe"], ["perhaps"], ["it", "is"], ["it"],
        ["most", "likely"], ["likely"], ["actually"], ["definitely"], ["certainly"], ["undoubtedly"], ["indeed"],
        ["presumably"], ["clearly"], ["surely"], ["obviously"], ["hence"], ["well"],
    ]

    /// `words` without hedging openers at their start, repeatedly ("i think it probably lyon" is
    /// "lyon"), while a word is left ("maybe" alone stays; with `all`, nothing need be left).
    static func withoutHedges(_ words: [String], all: Bool = false) -> [String] {
        var start = 0
        var changed = true
        let keep = all ? 0 : 1
        while changed {
            changed = false
            for opener in hedgeOpeners where words.count - start >= opener.count + keep && words[start...].starts(with: opener) {
                start += opener.count
                changed = true
                break
            }
        }
        return start == 0 ? words : Array(words[start...])
    }

    /// Whether `clause` is only a hedge ("Perhaps" in "Perhaps, Lyon"): not the answer when
    /// another clause is left.
    static func onlyHedges(_ clause: String) -> Bool {
        let words = normalise(clause).split(separator: " ").map(String.init)
        return !words.isEmpty && withoutHedges(words, all: true).isEmpty
    }

    /// The openers as written, for the display (`withoutHedgeOpener`), longest first.
    static let writtenHedgeOpeners = [
        "i think", "i believe", "i guess", "probably", "maybe", "perhaps", "it is", "it's", "it’s", "most likely", "likely",
        "actually", "definitely", "certainly", "undoubtedly", "indeed", "presumably", "clearly", "surely", "obviously",
        "hence", "well",
    ]

    /// `span` as written without its hedging openers ("Probably Lyon" shows as "Lyon", "I think
    /// it's Lyon" as "Lyon"); unchanged when nothing would be left.
    static func withoutHedgeOpener(_ span: String) -> String {
        var rest = Substring(span)
        var changed = true
        while changed {
            changed = false
            let lower = rest.lowercased()
            for opener in writtenHedgeOpeners where lower.hasPrefix(opener) {
                let after = rest.dropFirst(opener.count)
                guard let next = after.first, next.isWhitespace || next == "," || next == ":" else { continue }
                let remaining = after.drop { $0.isWhitespace || $0 == "," || $0 == ":" }
                guard !remaining.isEmpty else { continue }
                rest = remaining
                changed = true
                break
            }
        }
        return String(rest)
    }

    /// Words after "yes" or "no" that keep it a yes or no ("Yes it is", "No they are not").
    static let yesNoFollowers: Set<String> = [
        "it", "is", "they", "that", "this", "he", "she", "i", "we", "you", "there", "indeed", "definitely", "certainly",
        "of", "absolutely", "not", "sir",
    ]

    /// "12 or 13", "paris or lyon": one "or" with one to three words each side that differ
    /// ("either" dropped); nil otherwise.
    static func twoCandidates(_ words: [String]) -> String? {
        let w = words.first == "either" ? Array(words.dropFirst()) : words
        guard let or = w.firstIndex(of: "or"), w.lastIndex(of: "or") == or else { return nil }
        let left = w[..<or], right = w[(or + 1)...]
        guard (1...3).contains(left.count), (1...3).contains(right.count), Array(left) != Array(right) else { return nil }
        return w.joined(separator: " ")
    }

    /// The number of `words` when, filler aside, they are one number and at most two more words
    /// (its unit): "12 apples", "8849 m", "approximately 8849 metres", "i think it 389".
    static func oneNumber(_ words: [String]) -> String? {
        let content = words.filter { !filler.contains($0) }
        guard let first = content.first, isNumber(first), content.count <= 3,
            content.dropFirst().allSatisfy({ !isNumber($0) })
        else { return nil }
        return first
    }

    @inline(__always)
    static func isNumber(_ word: String) -> Bool { Double(word) != nil }

    /// Titles dropped before a name (while a word of the name is left).
    static let titles: Set<String> = [
        "sir", "dame", "dr", "doctor", "prof", "professor", "president", "king", "queen", "prince", "princess",
        "emperor", "empress", "saint", "st", "mr", "mrs", "ms", "miss", "lord", "lady", "pope", "sen", "senator",
    ]

    /// Words dropped before an answer (while a word is left): "on 1776-07-04", "in 1969",
    /// "approximately 8849".
    static let leadingFiller: Set<String> = [
        "on", "in", "at", "by", "from", "since", "around", "about", "approximately", "roughly", "exactly", "just",
        "only", "probably", "definitely", "it", "its", "that", "this",
    ]

    static func withoutLeadingFiller(_ words: [String]) -> [String] {
        var start = 0
        while start + 1 < words.count, leadingFiller.contains(words[start]) { start += 1 }
        return start == 0 ? words : Array(words[start...])
    }

    static func withoutTitles(_ words: [String]) -> [String] {
        var start = 0
        while start + 1 < words.count, titles.contains(words[start]) { start += 1 }
        return start == 0 ? words : Array(words[start...])
    }

    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]

    /// A day of the month: 1 to 31, with or without its ordinal suffix ("4", "4th").
    static func day(_ word: String) -> Int? {
        var w = Substring(word)
        for suffix in ["st", "nd", "rd", "th"] where w.hasSuffix(suffix) && w.count > 2 {
            w = w.dropLast(2)
            break
        }
        guard w.count <= 2, w.allSatisfy(\.isASCII), let d = Int(w), (1...31).contains(d) else { return nil }
        return d
    }

    static func year(_ word: String) -> Int? {
        guard (3...4).contains(word.count), word.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(word)
    }

    /// Dates written with a month's name as ISO 8601: month day year, day month year, day "of"
    /// month year; month year; a day and month without a year as "--07-04".
    static func datesAsISO(_ words: [String]) -> [String] {
        guard words.contains(where: { months[$0] != nil }) else { return words }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var out: [String] = []
        var i = 0
        func word(_ k: Int) -> String? { k < words.count ? words[k] : nil }
        while i < words.count {
            let w = words[i]
            if let m = months[w] {
                if let d = word(i + 1).flatMap(day), let y = word(i + 2).flatMap(year) {
                    out.append("\(y)-\(two(m))-\(two(d))"); i += 3; continue
                }
                if let y = word(i + 1).flatMap(year) { out.append("\(y)-\(two(m))"); i += 2; continue }
                if let d = word(i + 1).flatMap(day) { out.append("--\(two(m))-\(two(d))"); i += 2; continue }
            } else if let d = day(w) {
                let at = word(i + 1) == "of" ? i + 2 : i + 1
                if let m = word(at).flatMap({ months[$0] }) {
                    if let y = word(at + 1).flatMap(year) { out.append("\(y)-\(two(m))-\(two(d))"); i = at + 2; continue }
                    out.append("--\(two(m))-\(two(d))"); i = at + 1; continue
                }
            }
            out.append(w)
            i += 1
        }
        return out
    }

    /// The option letter an answer picks when the task lists options: "B", "(B) Mars", "B) Mars",
    /// "B.", "Option B", or the text of option B itself ("Mars").
    static func choice(_ span: String, in task: AnswerTask) -> String? {
        guard !task.options.isEmpty else { return nil }
        var s = Substring(span).drop { $0.isWhitespace || $0 == "(" || $0 == "*" }
        for prefix in ["option ", "choice "] where s.lowercased().hasPrefix(prefix) {
            s = s.dropFirst(prefix.count).drop { $0.isWhitespace || $0 == "(" }
        }
        if let first = s.first, first.isASCII, first.isLetter {
            let next = s.dropFirst().first
            let letter = first.lowercased()
            if next == nil || next == ")" || next == "." || next == ":" || next == "," || next == "*",
                task.options.contains(where: { $0.letter == letter })
            {
                return letter
            }
        }
        let text = normalise(span)
        return task.options.first { $0.text == text && !text.isEmpty }?.letter
    }
}

extension AnswerExtraction {
    /// The option (its letter) that `text` names, for a multiple-choice task: the first clause
    /// (in sentence order) that names any option decides, and in it the first mention: an
    /// option letter written as "B)" or "(B)" (either case), or an option's whole text as whole
    /// words (the longest where one option's text holds another's: "Red blood cells" is not
    /// also "Red"). A clause that is only a letter form or an option's text ("B", "B.",
    /// "Option B", "Mars") names that option; a negated clause names nothing ("Nitrogen, not
    /// Oxygen"). Two letters come back (a vote for neither) when a letter is followed by
    /// another option's text ("A) Mercury" when A is Mars: the independent grader reads it as
    /// a listing too) or when two options stand either side of "or" ("Brazil or India"). Empty
    /// when the task lists no options or nothing names one.
    ///
    /// Why (issue 15's eval, bare style): a small model answers a lettered question in a
    /// sentence ("The kangaroo is native to Australia.", "A) Oxygen is the most abundant gas"),
    /// and reading such a sentence as "X is Y" keyed "the most abundant gas in Earth's
    /// atmosphere", so answers naming one option never met in a group. The first mention
    /// decides because an answer names its pick before comparing it ("Nitrogen is more
    /// abundant than oxygen.", "The answer is B because Venus is yellow."; a fresh-user trial).
    static func namedOptions(in text: String, task: AnswerTask) -> [String] {
        guard !task.options.isEmpty else { return [] }
        // A bare letter ("A", "B.", "(C)") is neither a sentence nor a clause to the readers below.
        if normalise(text).split(separator: " ").count == 1, let letter = choice(text, in: task) { return [letter] }
        for sentence in sentences(of: text) {
            for clause in clauses(of: sentence) where !isNegated(clause) {
                let named = mentions(in: clause, task: task)
                if let first = named.first, let follows = first.follows, follows != first.letter { return [first.letter, follows].sorted() }
                if let letter = choice(clause, in: task) ?? letterAfterMarker(in: clause, task: task) { return [letter] }
                guard let first = named.first else { continue }
                let words = " " + normalise(clause) + " "
                if named.count > 1, named[1].letter != first.letter, words.contains(" or ") {
                    return Array(Set(named.map(\.letter))).sorted()
                }
                return [first.letter]
            }
        }
        return []
    }

    /// The option letter after "answer is", "answer:", "option" or "choice" in `clause`: "The
    /// answer is A." ("a" alone reads as an article elsewhere), "I'd go with option B".
    private static func letterAfterMarker(in clause: String, task: AnswerTask) -> String? {
        let lower = clause.lowercased()
        for marker in ["answer is", "answer:", "option", "choice"] {
            guard let range = lower.range(of: marker, options: .backwards) else { continue }
            let rest = String(clause[range.upperBound...]).trimmingCharacters(in: .whitespaces)
            if !rest.isEmpty, !rest.contains(" "), let letter = choice(rest, in: task) { return letter }
        }
        return nil
    }

    /// Where `clause` names options, in order: letter forms ("B)", "(b)") and option texts as
    /// whole words (longest first, so a text inside a longer option's match is not a mention).
    /// `follows` is, for a letter form, the option whose text comes right after it ("A) Mercury").
    private static func mentions(in clause: String, task: AnswerTask) -> [(letter: String, follows: String?)] {
        let letters = Set(task.options.map(\.letter))
        let scalars = Array(clause.unicodeScalars)
        var found: [(at: Int, end: Int, letter: String)] = []
        for (i, c) in scalars.enumerated() where i + 1 < scalars.count && scalars[i + 1] == ")" && c.properties.isAlphabetic {
            let letter = String(c).lowercased()
            let before = i > 0 ? scalars[i - 1] : " "
            if letters.contains(letter), before == " " || before == "(" || before == "*" || before == "\n" {
                found.append((i, i + 2, letter))
            }
        }
        // Option texts, matched on the clause's own words (lower-cased, letters and digits), so a
        // position is a word index; longest options first.
        let words = normalise(clause).split(separator: " ").map(String.init)
        var taken = [Bool](repeating: false, count: words.count)
        var texts: [(at: Int, letter: String)] = []
        for option in task.options.sorted(by: { $0.text.count > $1.text.count }) where !option.text.isEmpty {
            let target = option.text.split(separator: " ").map(String.init)
            guard target.count <= words.count else { continue }
            for start in 0...(words.count - target.count) where Array(words[start..<(start + target.count)]) == target {
                if taken[start..<(start + target.count)].contains(true) { continue }
                for k in start..<(start + target.count) { taken[k] = true }
                texts.append((start, option.letter))
            }
        }
        // Letter forms are placed among the words by the number of words before them.
        let letterMentions = found.map { f -> (at: Int, letter: String, follows: String?) in
            let n = normalise(String(String.UnicodeScalarView(scalars[0..<f.at]))).split(separator: " ").count
            let rest = " " + normalise(String(String.UnicodeScalarView(scalars[f.end...]))) + " "
            let follows = task.options.sorted { $0.text.count > $1.text.count }
                .first { !$0.text.isEmpty && rest.hasPrefix(" \($0.text) ") }?.letter
            return (n, f.letter, follows)
        }
        // In word order, a letter form first where a letter and a text start at the same word.
        let all = letterMentions.map { (at: $0.at, rank: 0, letter: $0.letter, follows: $0.follows) }
            + texts.map { (at: $0.at, rank: 1, letter: $0.letter, follows: nil as String?) }
        return all.sorted { ($0.at, $0.rank) < ($1.at, $1.rank) }.map { ($0.letter, $0.follows) }
    }

    /// For a multiple-choice task, the first of the first 12 lines of `text` that names an
    /// option (`namedOptions`): an answer to a lettered question gives its pick first and
    /// explains after ("B) Mars\n\nIt is often confused with Venus."). Returns the line and
    /// what it names; nil when no line names one.
    static func firstOptionLine(of text: String, in task: AnswerTask) -> (line: String, named: [String])? {
        guard !task.options.isEmpty else { return nil }
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).prefix(12) {
            let cleaned = clean(String(line))
            guard !cleaned.isEmpty else { continue }
            let named = namedOptions(in: cleaned, task: task)
            if !named.isEmpty { return (cleaned, named) }
        }
        return nil
    }
}
