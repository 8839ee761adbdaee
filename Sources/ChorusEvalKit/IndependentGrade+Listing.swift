extension IndependentGrade {
    /// Chorus's own listings: the vote's "No majority: ..." (a tie or no two answers agreeing,
    /// each side under a "## answer: workers ..." heading) and a concatenation's "## Worker N"
    /// sections (also the fallback of a failed LLM merge).
    ///
    /// Why: these outputs show every worker's answer, so the accepted answer is often in them
    /// as whole words; grading them correct would credit a strategy for not deciding. The
    /// issue's held-out run had 36 of 100 such vote outputs.
    static func isChorusListing(_ output: String) -> Bool {
        let trimmed = output.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("No majority:") { return true }
        let heading = #/^##[ \t]+(?:Worker[ \t]+\d+(?:[ \t]+\(.*\))?|.+:[ \t]+workers?[ \t]+\d.*)$/#
        let headings = trimmed.split(separator: "\n").filter { line in
            (try? heading.wholeMatch(in: line.trimmingCharacters(in: .whitespaces))) != nil
        }
        return headings.count >= 2
    }

    /// Several different answers on separate lines or bullets: at least two answer-shaped lines
    /// neither of which contains the other's words. An answer-shaped line, after a bullet
    /// marker ("-", "*", "•", "+", "1.", "1)") and a short label ("Answer:", "Final answer:")
    /// are taken off, has 1 to 5 words, none of them a word that makes it a sentence ("is",
    /// "was", "it", "because", ...), no working ("=", "+", "×"), does not end in ":" and is
    /// not a Markdown heading ("## Answer").
    ///
    /// Why: "Paris\nLyon" or "- 12\n- 13" offers candidates and leaves the choice to the
    /// reader, whichever of them is accepted. Strict but not absurd: a sentence followed by
    /// another sentence ("The capital is Paris.\nIt is in the north.") is one answer with an
    /// explanation; a line that restates another ("Washington" and "George Washington", or
    /// "Paris" twice) does not differ; a line of working ("17 * 23 = 391") is not an answer.
    static func listsSeveralLines(_ text: String) -> Bool {
        let candidates = text.split(separator: "\n").compactMap { answerShapedWords(String($0)) }
        for (n, a) in candidates.enumerated() {
            for b in candidates[(n + 1)...] where !contains(a, b) && !contains(b, a) { return true }
        }
        return false
    }

    /// The words of a line that reads as a bare answer, or nil.
    static func answerShapedWords(_ line: String) -> [String]? {
        var rest = line.trimmingCharacters(in: .whitespaces)
        guard !rest.hasSuffix(":"), !rest.hasPrefix("#") else { return nil }  // a lead-in or a heading
        if let bullet = try? #/^(?:[-*•+‣◦]|\d{1,2}[.)])\s+/#.prefixMatch(in: rest) {
            rest = String(rest[bullet.range.upperBound...])
        }
        let working = #/=|\d\s*[-+*\/×÷x]\s*\d/#
        guard (try? working.firstMatch(in: rest)) == nil else { return nil }
        if let label = try? #/^[A-Za-z]+(?: [A-Za-z]+)?:\s*/#.prefixMatch(in: rest) {
            rest = String(rest[label.range.upperBound...])
        }
        let words = words(rest)
        guard (1...5).contains(words.count), !words.contains(where: sentenceWords.contains) else { return nil }
        return words
    }

    /// Words that make a line a sentence about the answer rather than the answer itself.
    static let sentenceWords: Set<String> = [
        "is", "are", "was", "were", "be", "been", "am", "it", "its", "this", "that", "these", "those",
        "has", "have", "had", "i", "we", "you", "he", "she", "they", "because", "so", "then", "which",
        "there", "here", "think", "answer", "means", "called", "known", "do", "does", "did", "can",
    ]

    /// "X or Y" naming two candidates, in one sentence:
    /// - "either X or Y" (X and Y different);
    /// - two different numbers on either side of "or" ("12 or 13");
    /// - an accepted answer (or a choice) right before or right after "or" ("Paris or Lyon",
    ///   "Lyon or the Paris region"), the other side a different word that is not a hedge
    ///   ("Paris, or so I think" is one answer).
    ///
    /// Why: naming two candidates is answering neither. Not every "or" is one: "0 degrees
    /// Celsius or 32 degrees Fahrenheit" gives one temperature in two units (the accepted
    /// "0" is not next to "or"). Not caught: a longer list ("Paris, Lyon or Nice") whose "or"
    /// is not next to the accepted answer.
    static func namesAlternatives(_ text: String, candidates: [[String]]) -> Bool {
        for sentence in sentences(text) {
            let w = words(sentence)
            for i in w.indices where w[i] == "or" && i > 0 && i < w.count - 1 {
                let left = Array(w[..<i])
                var right = Array(w[(i + 1)...])
                while let first = right.first, ["a", "an", "the", "maybe", "perhaps", "possibly"].contains(first), right.count > 1 {
                    right.removeFirst()
                }
                if let either = left.lastIndex(of: "either"), either < left.count - 1, Array(left[(either + 1)...]) != Array(right.prefix(left.count - either - 1)) {
                    return true
                }
                let l = left.last!, r = right.first!
                if isNumber(l), isNumber(r), l != r { return true }
                for c in candidates where !c.isEmpty {
                    let endsLeft = left.count >= c.count && Array(left.suffix(c.count)) == c
                    let startsRight = right.count >= c.count && Array(right.prefix(c.count)) == c
                    if endsLeft && startsRight { continue }  // "Paris or Paris": one answer
                    if endsLeft && !hedges.contains(r) { return true }
                    if startsRight && !hedges.contains(l) { return true }
                }
            }
        }
        return false
    }

    /// Words after (or before) "or" that hedge one answer instead of naming a second.
    static let hedges: Set<String> = [
        "so", "not", "otherwise", "else", "something", "anything", "whatever", "thereabouts", "similar",
        "more", "less", "about", "approximately", "roughly", "nearly",
    ]

    /// The text cut at sentence ends (., !, ? not inside a number; ;) and line ends.
    static func sentences(_ text: String) -> [String] {
        text.split(separator: #/[!?;\n]|\.(?!\d)/#).map(String.init)
    }

    static func isNumber(_ word: String) -> Bool {
        word.first.map { $0.isASCIIDigit || ($0 == "-" && word.count > 1) } ?? false
    }
}
