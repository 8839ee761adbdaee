extension IndependentGrade {
    /// The choices (their indices) an output names, for a multiple-choice question whose
    /// options are lettered A), B), C)... in the order of `choices`.
    ///
    /// A choice is named by its whole text as whole words ("Dolphin", "red blood cells"), or
    /// by its letter in a form that cannot be an ordinary word: "b)" or "(b)" anywhere, "B."
    /// or "B:" opening a line, the whole output being the letter ("B", "b."), or "answer is
    /// B" / "answer: B" / "option B" / "choice B" with a capital letter.
    ///
    /// Why the letter is read here and not listed among the accepted answers: whole-word
    /// matching of a bare letter is unsafe ("a" is an article, "I" a pronoun, "c" a word of
    /// "c 2" after tokenizing), so the question file accepts only the option's text (and
    /// other forms of it), and the grader maps a letter it can read unambiguously to that text.
    static func namedChoices(in text: String, choices: [String]) -> Set<Int> {
        var named: Set<Int> = []
        let all = words(text)
        for (n, choice) in choices.enumerated() where contains(all, words(choice)) { named.insert(n) }
        let letters = Array("abcdefghijklmnopqrstuvwxyz".prefix(choices.count))
        func mark(_ letter: Substring) {
            if let c = letter.lowercased().first, let n = letters.firstIndex(of: c) { named.insert(n) }
        }
        for match in text.matches(of: #/(?:^|[\s(\[])\(?([A-Za-z])\)/#) { mark(match.output.1) }
        for match in text.matches(of: #/(?m)^\s*([A-Z])[.:](?:\s|$)/#) { mark(match.output.1) }
        for match in text.matches(of: #/(?i:answer is|answer:|option|choice)\s+\(?([A-Z])\b/#) { mark(match.output.1) }
        if let whole = try? #/\s*\(?([A-Za-z])\)?[.!]?\s*/#.wholeMatch(in: text) { mark(whole.output.1) }
        return named
    }
}
