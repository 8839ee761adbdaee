extension IndependentGrade {
    /// The output with every negated span blanked out: what follows "not" (or "n't") up to the
    /// next comma, semicolon, colon, bracket, sentence end, line end, "but" or "instead" (a
    /// choice's letter right after "not", as in "not A) Shark", is part of the span).
    ///
    /// Why: "not 12, but 13" gives the answer 13 and rules out 12; a person reading it would
    /// mark 12 wrong, and it is one answer, not a listing of two. So "The answer is not 12."
    /// is wrong for an accepted "12", "12, not 13" is the answer 12, and "Not Venus, but Mars"
    /// names one choice. The cost: an answer that only says what is not true ("A whale is not a
    /// fish" for "Is a whale a fish?") gives no answer word; the yes/no questions accept "no",
    /// which the model must say.
    static func removingNegated(_ text: String) -> String {
        let negated = #/(?i)(\bnot|n['’]t)\b(?:\s*\(?[A-Za-z]\))?[^,;:!?\n()\[\]]*?(?=\s*(?:[,;:!?\n()\[\]]|\.(?!\d)|\bbut\b|\binstead\b|$))/#
        return text.replacing(negated, with: " ")
    }
}
