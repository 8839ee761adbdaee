import Foundation

extension IndependentGrade {
    /// The words a text is compared by: lower-cased runs of letters and runs of digits, the
    /// grader's own tokenizer (it shares no code with `AnswerExtraction`, so a bug there cannot
    /// flatter a strategy here).
    ///
    /// Rules, each for a reason:
    /// - Case, diacritics and width are folded and invisible format characters (Unicode
    ///   category Cf: zero-width space, joiners, BOM, soft hyphen, bidi controls) removed:
    ///   "PARIS", "Pàris", "３９１" and "3\u{200B}91" read as a person reads them.
    /// - Letters and digits are separate runs ("100km" is "100 km", "h2o" is "h 2 o"): a unit
    ///   glued to its number does not hide the number. Accepted answers go through the same
    ///   tokenizer, so an accepted "h2o" still matches "H2O".
    /// - A number is one word with its decimal point and thousands separators: "8,849" is
    ///   "8849" (a comma is a separator only between a group of 1-3 digits and groups of exactly
    ///   three, so "3,5" and "1,2,3" stay separate numbers), "1.2" is one word and never
    ///   matches "12". A number is written in its shortest form, so "3.50" = "3.5", "12.0" =
    ///   "12" and "07" = "7": they are the same number, and accepted answers are written in one
    ///   form only. Two or more points ("20.07.1969", "1.2.3") are separators, not decimals.
    /// - A minus sign that starts a number ("-40", "−40", not "1969-07") is kept: "-12" is not
    ///   the answer 12.
    /// - An ordinal suffix glued to a number is dropped ("4th" = "4", "21st" = "21"), so "July
    ///   4th" matches the accepted "july 4"; "1960s" keeps its "s" as a separate word.
    /// - Everything else (punctuation, apostrophes, hyphens, spaces) separates words:
    ///   "twenty-one" is "twenty one", "Newton's" is "newton s".
    static func words(_ text: String) -> [String] {
        let chars = Array(fold(text))
        var out: [String] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let startsNegative = isMinus(c) && i + 1 < chars.count && chars[i + 1].isASCIIDigit
                && (i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber))
            if c.isASCIIDigit || startsNegative {
                var span = startsNegative ? "-" : ""
                var j = startsNegative ? i + 1 : i
                while j < chars.count {
                    let d = chars[j]
                    if d.isASCIIDigit {
                        span.append(d)
                    } else if (d == "." || d == ","), j + 1 < chars.count, chars[j + 1].isASCIIDigit {
                        span.append(d)
                    } else {
                        break
                    }
                    j += 1
                }
                out.append(contentsOf: numberWords(span))
                i = j
                // An ordinal suffix glued to the number, ending the run: dropped.
                var k = i
                while k < chars.count, chars[k].isLetter { k += 1 }
                if ["st", "nd", "rd", "th"].contains(String(chars[i..<k])) { i = k }
                continue
            }
            if c.isLetter || c.isNumber {
                var j = i
                while j < chars.count, chars[j].isLetter || (chars[j].isNumber && !chars[j].isASCIIDigit) { j += 1 }
                out.append(String(chars[i..<j]))
                i = j
                continue
            }
            i += 1
        }
        return out
    }

    /// Whether `part` occurs in `words` as consecutive whole words.
    static func contains(_ words: [String], _ part: [String]) -> Bool {
        range(of: part, in: words) != nil
    }

    /// Where `part` first occurs in `words` as consecutive whole words.
    static func range(of part: [String], in words: [String], from start: Int = 0) -> Range<Int>? {
        guard !part.isEmpty, part.count <= words.count - start else { return nil }
        for i in start...(words.count - part.count) where words[i] == part[0] {
            if Array(words[i..<i + part.count]) == part { return i..<i + part.count }
        }
        return nil
    }

    /// Case, diacritics and width folded; format characters (Cf) removed.
    static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { $0.properties.generalCategory != .format })
        return String(scalars)
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
    }

    private static func isMinus(_ c: Character) -> Bool { c == "-" || c == "\u{2212}" }

    /// A digit span ("8,849", "3.50", "-4", "1.2.3") as the number words it stands for.
    static func numberWords(_ span: String) -> [String] {
        let negative = span.hasPrefix("-")
        let body = negative ? String(span.dropFirst()) : span
        let points = body.filter { $0 == "." }.count
        if points > 1 {
            // Dotted dates and versions: every part its own number.
            return body.split(whereSeparator: { $0 == "." || $0 == "," }).enumerated().map { n, part in
                signed(canonical(String(part), ""), negative && n == 0)
            }
        }
        let halves = body.split(separator: ".", omittingEmptySubsequences: false)
        let integer = String(halves[0])
        let fraction = halves.count > 1 ? String(halves[1]) : ""
        let groups = integer.split(separator: ",").map(String.init)
        let thousands = groups.count > 1 && (1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 }
        if groups.count <= 1 || thousands {
            return [signed(canonical(groups.joined(), fraction), negative)]
        }
        // "3,5" or "1,2,3": separate numbers; a fraction belongs to the last one.
        return groups.enumerated().map { n, group in
            signed(canonical(group, n == groups.count - 1 ? fraction : ""), negative && n == 0)
        }
    }

    private static func canonical(_ integer: String, _ fraction: String) -> String {
        var whole = String(integer.drop { $0 == "0" })
        if whole.isEmpty { whole = "0" }
        var part = fraction
        while part.hasSuffix("0") { part.removeLast() }
        return part.isEmpty ? whole : "\(whole).\(part)"
    }

    private static func signed(_ number: String, _ negative: Bool) -> String {
        negative && number != "0" ? "-" + number : number
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
