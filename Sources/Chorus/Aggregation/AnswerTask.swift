import Foundation

/// What answer extraction needs to know about the task, read once per tally: its words (an
/// answer's words that only repeat the task are not its answer: "17" and "23" in
/// "17 * 23 = 389" for "What is 17 * 23?") and the options of a multiple-choice task.
public struct AnswerTask: Sendable, Hashable {
    public let task: String
    /// The task's normalised words (`AnswerExtraction.normalise`).
    let words: Set<String>
    /// The options the task lists as "A) ..." or "(A) ...": each letter (lower case), the
    /// option's normalised text and the option as the task shows it ("B) Australia"), in
    /// order. Empty unless the task lists at least two, from "A".
    let options: [(letter: String, text: String, shown: String)]
    /// The task asks for a quantity ("How many ...", "How tall ...", "What is 17 * 23?", "In
    /// which year ..."): then the one number of an answer is its answer wherever it stands ("A
    /// spider has eight legs" is 8), while "Apollo 11" for "Which mission ..." stays a name.
    let asksForNumber: Bool

    public init(_ task: String) {
        self.task = task
        let normalised = AnswerExtraction.normalise(task).split(separator: " ").map(String.init)
        self.words = Set(normalised)
        self.options = Self.options(in: task)
        self.asksForNumber = Self.asksForNumber(normalised)
    }

    /// Openings and words that ask for a number (English): "how many/much/old/tall/long/far/
    /// big/high/deep/fast/heavy", "what year", "which year", "in what year", or a task that is
    /// arithmetic (two numbers with words between them, like "17 * 23" or "49 divided by 7").
    static func asksForNumber(_ words: [String]) -> Bool {
        let measures: Set<String> = ["many", "much", "old", "tall", "long", "far", "big", "high", "deep", "fast", "heavy", "large", "wide"]
        for (i, w) in words.enumerated() {
            if w == "how", i + 1 < words.count, measures.contains(words[i + 1]) { return true }
            if w == "year", i > 0, ["what", "which"].contains(words[i - 1]) { return true }
        }
        return words.filter { Double($0) != nil }.count >= 2
    }

    /// An option's text without what joins it to the next one when the options are written
    /// inline: "Venus, " and "Mars, or " are "Venus" and "Mars", "Jupiter?" is "Jupiter" (a
    /// fresh-user trial: "A) Venus, B) Mars, or C) Jupiter?" showed "B) Mars, or").
    static func optionText(_ raw: String) -> String {
        var text = Substring(raw)
        var changed = true
        while changed {
            changed = false
            let trimmed = text.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: ",;?.!")))
            if trimmed.count != text.count { text = Substring(trimmed); changed = true }
            for joiner in [" or", " and"] where text.lowercased().hasSuffix(joiner) && text.count > joiner.count {
                text = text.dropLast(joiner.count)
                changed = true
            }
        }
        return String(text)
    }

    public static func == (a: AnswerTask, b: AnswerTask) -> Bool { a.task == b.task }
    public func hash(into hasher: inout Hasher) { hasher.combine(task) }

    /// The letters a task offers: an upper-case ASCII letter followed by ")" at the start of the
    /// text, after whitespace, or inside "(" ... ")"; the option runs to the next option or the
    /// line's end. One pass over the bytes.
    static func options(in task: String) -> [(letter: String, text: String, shown: String)] {
        let b = Array(task.utf8)
        var found: [(letter: UInt8, start: Int, textStart: Int)] = []
        var i = 0
        while i + 1 < b.count {
            let c = b[i]
            if c >= 0x41, c <= 0x5A, b[i + 1] == 0x29 {  // "A)"
                let before: UInt8? = i > 0 ? b[i - 1] : nil
                var start = i
                var ok = before == nil || before == 0x20 || before == 0x0A || before == 0x09 || before == 0x0D
                if before == 0x28 {  // "(A)"
                    start = i - 1
                    ok = i - 1 == 0 || [0x20, 0x0A, 0x09, 0x0D, 0x3A].contains(b[i - 2])
                }
                let expected = UInt8(0x41 + found.count)
                if ok, c == expected { found.append((c, start, i + 2)) }
            }
            i += 1
        }
        guard found.count >= 2 else { return [] }
        return found.enumerated().map { k, option in
            var end = k + 1 < found.count ? found[k + 1].start : b.count
            if let newline = b[option.textStart..<end].firstIndex(of: 0x0A) { end = newline }
            let text = Self.optionText(String(decoding: b[option.textStart..<max(option.textStart, end)], as: UTF8.self))
            let shown = "\(Character(UnicodeScalar(option.letter)))) \(text)"
            return (String(UnicodeScalar(option.letter + 0x20)), AnswerExtraction.normalise(text), shown)
        }
    }
}
