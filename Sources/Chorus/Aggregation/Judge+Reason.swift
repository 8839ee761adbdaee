/// Which of the judge's words reach the reader.
///
/// The judge is shown the answers shuffled, then reversed (`Judge+Order.swift`), so "the second
/// is right", "answer 3 is complete" or "#1 names the city" point at a position only that pass
/// saw: the reader, who sees workers, would read it as a worker's number (found by a trial: the
/// reason "second is right" for worker 4's answer). The model's words are kept only when they
/// name no position; `how` ("both orders picked worker 2") always says which worker was taken.
/// The whole reply stays in the record's `judge.passes[].reply`.
extension Judge {
    /// `reason` when it refers to no position, else nil: an ordinal word ("first", "second",
    /// ..., "tenth", "last", "former", "latter", "2nd"), a number after "answer", "option",
    /// "response", "candidate", "choice" or "number" ("answer 3", "option two", "answers 2 and
    /// 3"), or "#N".
    static func readerReason(_ reason: String?) -> String? {
        guard let reason, !refersToPositions(reason) else { return nil }
        return reason
    }

    static let ordinalWords: Set<String> = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "last",
        "former", "latter", "firstly", "secondly", "thirdly", "lastly",
    ]
    static let positionLabels: Set<String> = [
        "answer", "answers", "option", "options", "response", "responses", "candidate", "candidates", "choice",
        "choices", "number",
    ]
    static let smallNumberWords: Set<String> = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]

    /// Whether `text` points at an answer by where it was shown (see `readerReason`).
    static func refersToPositions(_ text: String) -> Bool {
        if hashBeforeNumber(text) { return true }
        // Words, with "" for punctuation between them: "a number, 8849 m" is no "number 8849".
        var words: [String] = []
        var word = ""
        for c in text.lowercased() {
            if c.isLetter || (c.isASCII && c.isNumber) {
                word.append(c)
                continue
            }
            if !word.isEmpty { words.append(word) }
            word = ""
            if !c.isWhitespace, c != "#" { words.append("") }
        }
        if !word.isEmpty { words.append(word) }
        for (i, w) in words.enumerated() {
            if ordinalWords.contains(w) || isDigitOrdinal(w) { return true }
            guard positionLabels.contains(w), i + 1 < words.count else { continue }
            let next = words[i + 1]
            // "number one" is praise as often as a position: after "number", digits only.
            if isDigits(next) || (w != "number" && smallNumberWords.contains(next)) { return true }
        }
        return false
    }

    /// "#3", "# 3".
    private static func hashBeforeNumber(_ text: String) -> Bool {
        var sawHash = false
        for c in text {
            if c == "#" {
                sawHash = true
            } else if sawHash, c == " " {
                continue
            } else {
                if sawHash, c.isASCII, c.isNumber { return true }
                sawHash = false
            }
        }
        return false
    }

    private static func isDigits(_ w: String) -> Bool { !w.isEmpty && w.allSatisfy { $0.isASCII && $0.isNumber } }

    /// "1st", "2nd", "3rd", "4th".
    private static func isDigitOrdinal(_ w: String) -> Bool {
        let digits = w.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return false }
        return ["st", "nd", "rd", "th"].contains(String(w.dropFirst(digits.count)))
    }
}
