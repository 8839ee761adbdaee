/// Reading the judge's pick out of its reply.
///
/// The reply is asked for as `{"best": <1...N>, "reason": "..."}` (`Judge.pickSchema`), and a
/// server that enforces the schema sends exactly that. A server that does not (the schema was
/// only an instruction), or a reply cut at max tokens, leaves text around a number, so the pick
/// is read in this order, the first rule that finds a number deciding:
/// 1. a JSON object with `best` (a number, or a string holding one: `"3"`, `"Answer 3"`);
/// 2. a number right after "best", "pick", "choose" or "select" ("BEST: 3", "The best answer is
///    3 because ...", "I pick answer 4", a cut `{"best": 3, "reason": "Bec`);
/// 3. a number that opens the first line ("3", "3.", "**3**", "Answer 3", "#3", "(3)"), when
///    it ends there or is the line's only number;
/// 4. a number labelled as an answer ("answer 3", "response #2", "option 1") anywhere;
/// 5. the only number in the reply.
/// A number outside 1...N is no pick, and so is a reply whose deciding rule finds two different
/// numbers ("2 or 3", "BEST: 2 ... BEST: 4", "answers 2 and 3"): guessing between them would
/// be a pick the judge did not make. Decimals ("3.5") and numbers in arithmetic are not picks.
extension Judge {
    /// The answer number (from 1) the reply names, or nil when it names none in 1...count.
    public static func parsePick(_ text: String, count: Int) -> Int? {
        guard let n = namedNumber(text) else { return nil }
        return (1...max(count, 1)).contains(n) && count > 0 ? n : nil
    }

    /// The judge's one-sentence reason: the JSON `reason`, else the text after "REASON:".
    public static func parseReason(_ text: String) -> String? {
        if let object = try? StructuredAnswer.object(in: text), let reason = value(object, "reason")?.stringValue {
            let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : String(trimmed.prefix(500))
        }
        guard let r = text.range(of: "REASON:", options: .caseInsensitive) else { return nil }
        let reason = text[r.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        return reason.isEmpty ? nil : String(reason.prefix(500))
    }

    /// The number the reply names by the first rule that finds one (see the type's comment);
    /// nil when none does or the deciding rule finds two different numbers.
    static func namedNumber(_ text: String) -> Int? {
        if let object = try? StructuredAnswer.object(in: text), let best = value(object, "best") {
            switch best {
            case .number(let d): return d == d.rounded() && abs(d) < 1e9 ? Int(d) : nil
            case .string(let s): return namedNumber(s)
            default: return nil
            }
        }
        let tokens = withoutReasons(PickToken.scan(text))
        for rule in [afterMarker, leading, labelled, onlyNumber] {
            if let found = rule(tokens) { return found.count == 1 ? found.first : nil }
        }
        return nil
    }

    /// `tokens` without what follows the word "reason" on its line: the judge's explanation
    /// ("REASON: it picks 17, not 12", a cut `"reason": "Answer 4 is`) names numbers that are
    /// not its pick.
    static func withoutReasons(_ tokens: [PickToken]) -> [PickToken] {
        var out: [PickToken] = []
        var skipping = false
        for token in tokens {
            if token == .word("reason") { skipping = true }
            if token == .lineEnd { skipping = false }
            if !skipping { out.append(token) }
        }
        return out
    }

    /// A member of a JSON object by a key in any case ("best", "Best", "BEST").
    private static func value(_ object: JSONValue, _ key: String) -> JSONValue? {
        object.objectValue?.first { $0.key.lowercased() == key }?.value
    }

    // MARK: - The rules; each returns the distinct numbers it found, nil when it found none.

    static let markers: Set<String> = ["best", "pick", "picks", "choose", "chose", "select", "selected", "winner"]
    /// Words that may stand between a marker or the reply's start and the number.
    static let fillers: Set<String> = [
        "answer", "answers", "response", "responses", "option", "choice", "candidate", "number", "no", "num", "nr",
        "is", "are", "was", "would", "be", "the", "my", "i", "final", "overall", "one",
    ]
    /// Labels that make a number an answer's number.
    static let labels: Set<String> = ["answer", "response", "option", "candidate", "choice"]
    /// Words that join two numbers into a list of picks ("2 or 3", "2 and 3", "2 vs 3").
    static let joiners: Set<String> = ["and", "or", "vs", "versus", "maybe", "perhaps", "possibly", "also"]

    private static func afterMarker(_ tokens: [PickToken]) -> [Int]? {
        var found: [Int] = []
        for (i, token) in tokens.enumerated() {
            guard case .word(let w) = token, markers.contains(w) else { continue }
            found += numbers(from: i + 1, in: tokens)
        }
        return found.isEmpty ? nil : distinct(found)
    }

    private static func leading(_ tokens: [PickToken]) -> [Int]? {
        let first = Array(tokens.drop { $0 == .lineEnd }.prefix { $0 != .lineEnd })
        let picks = numbers(from: 0, in: first)
        guard let pick = picks.first else { return nil }
        if picks.count > 1 { return distinct(picks) }
        // The number stands alone: the line ends after it, or it is the line's only number.
        let integers = first.filter { if case .integer = $0 { true } else { false } }.count
        let others = first.contains { if case .other = $0 { true } else { false } }
        guard integers == 1 && !others || endsAfterFirstNumber(first) else { return nil }
        return [pick]
    }

    private static func labelled(_ tokens: [PickToken]) -> [Int]? {
        var found: [Int] = []
        for (i, token) in tokens.enumerated() {
            let isLabel: Bool
            switch token {
            case .word(let w): isLabel = labels.contains(w)
            case .hash: isLabel = true
            default: isLabel = false
            }
            guard isLabel else { continue }
            var j = i + 1
            while j < tokens.count, tokens[j] == .hash || tokens[j] == .word("number") || tokens[j] == .word("no") { j += 1 }
            if j < tokens.count, case .integer(let n) = tokens[j] { found.append(n) }
        }
        return found.isEmpty ? nil : distinct(found)
    }

    private static func onlyNumber(_ tokens: [PickToken]) -> [Int]? {
        if tokens.contains(where: { if case .other = $0 { true } else { false } }) { return nil }
        let all = tokens.compactMap { if case .integer(let n) = $0 { n } else { nil } }
        return all.isEmpty ? nil : distinct(all)
    }

    /// The number at `start` (after filler words and separators) and those joined to it ("2 or
    /// 3"); empty when a sentence ends or another word comes first.
    private static func numbers(from start: Int, in tokens: [PickToken]) -> [Int] {
        var found: [Int] = []
        var i = start
        var joined = true
        while i < tokens.count {
            switch tokens[i] {
            case .word(let w) where fillers.contains(w): i += 1
            case .word(let w) where !found.isEmpty && joiners.contains(w):
                joined = true
                i += 1
            case .comma where !found.isEmpty:
                joined = true
                i += 1
            case .hash: i += 1
            case .integer(let n) where joined:
                found.append(n)
                joined = false
                i += 1
            default: return found
            }
        }
        return found
    }

    /// True when the first number of `line` is followed only by separators and words, never by
    /// arithmetic ("3. It is complete", not "17 * 23 = 391").
    private static func endsAfterFirstNumber(_ line: [PickToken]) -> Bool {
        guard let at = line.firstIndex(where: { if case .integer = $0 { true } else { false } }) else { return false }
        let rest = line[(at + 1)...]
        guard let next = rest.first else { return true }
        return next == .sentenceEnd
    }

    private static func distinct(_ numbers: [Int]) -> [Int] {
        var seen: [Int] = []
        for n in numbers where !seen.contains(n) { seen.append(n) }
        return seen
    }
}

/// A piece of the judge's reply as the pick rules read it: lowercased words, whole numbers,
/// and the few marks that matter. Emphasis, quotes, brackets and colons are dropped ("**3**",
/// "(3)", `"best": 3` all read as the number alone).
enum PickToken: Hashable {
    case word(String)
    /// A whole number, or an ordinal ("2nd").
    case integer(Int)
    /// A number that is no answer's number: a decimal ("3.5"), a grouped one ("1,000"), or any
    /// number followed by arithmetic ("17 *", "= 391").
    case other
    case hash
    case comma
    /// ".", "!", "?", ";" after a word or number.
    case sentenceEnd
    case lineEnd

    static func scan(_ text: String) -> [PickToken] {
        var out: [PickToken] = []
        let chars = Array(text)
        var i = 0
        func at(_ k: Int) -> Character? { k < chars.count ? chars[k] : nil }
        while i < chars.count {
            let c = chars[i]
            if c.isNewline {
                if out.last != .lineEnd { out.append(.lineEnd) }
                i += 1
            } else if c.isASCII, c.isNumber {
                var j = i
                while let d = at(j), d.isASCII, d.isNumber { j += 1 }
                let digits = String(chars[i..<j])
                if let sep = at(j), sep == "." || sep == ",", let d = at(j + 1), d.isASCII, d.isNumber {
                    // 3.5, 1,000: not a pick; skip the whole number.
                    j += 1
                    while let d = at(j), d.isASCII, d.isNumber || d == "." || d == "," { j += 1 }
                    out.append(.other)
                } else if Self.arithmetic(after: j, in: chars) || Self.arithmetic(before: i, in: chars) {
                    out.append(.other)
                } else {
                    // An ordinal's suffix ("2nd") belongs to the number.
                    var k = j
                    while let l = at(k), l.isLetter { k += 1 }
                    let suffix = String(chars[j..<k]).lowercased()
                    if ["st", "nd", "rd", "th"].contains(suffix) { j = k }
                    out.append(Int(digits.prefix(9)).map(PickToken.integer) ?? .other)
                }
                i = j
            } else if c.isLetter {
                var j = i
                while let l = at(j), l.isLetter { j += 1 }
                out.append(.word(String(chars[i..<j]).lowercased()))
                i = j
            } else {
                switch c {
                case "#": out.append(.hash)
                case ",": out.append(.comma)
                case ".", "!", "?", ";":
                    if let last = out.last, last != .sentenceEnd, last != .lineEnd { out.append(.sentenceEnd) }
                case "/", "&": out.append(.word("or"))
                default: break
                }
                i += 1
            }
        }
        return out
    }

    /// Whether an arithmetic sign follows position `j` (spaces skipped): "17 * 23", "2 + 2".
    /// "**3**" is emphasis and "3 - it is" a dash: "*", "x" and "-" count only before a digit.
    private static func arithmetic(after j: Int, in chars: [Character]) -> Bool {
        var k = j
        while k < chars.count, chars[k] == " " { k += 1 }
        guard k < chars.count else { return false }
        switch chars[k] {
        case "=", "+", "×", "÷", "^": return true
        case "*", "x", "-":
            var m = k + 1
            while m < chars.count, chars[m] == " " { m += 1 }
            return m < chars.count && chars[m].isASCII && chars[m].isNumber
        default: return false
        }
    }

    /// Whether an arithmetic sign comes before position `i`: "= 391", "23 * 17".
    private static func arithmetic(before i: Int, in chars: [Character]) -> Bool {
        var k = i - 1
        while k >= 0, chars[k] == " " { k -= 1 }
        guard k >= 0 else { return false }
        switch chars[k] {
        case "=", "+", "×", "÷", "^": return true
        case "*", "x", "-":
            var m = k - 1
            while m >= 0, chars[m] == " " { m -= 1 }
            return m >= 0 && chars[m].isASCII && chars[m].isNumber
        default: return false
        }
    }
}
