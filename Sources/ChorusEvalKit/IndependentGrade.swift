/// An independent grader for the eval (issue 15): is an output right, wrong, or no single
/// answer at all? It uses no code of the project it grades (not `AnswerExtraction`, not the
/// vote's keys), so a bug in extraction cannot flatter or hide a strategy.
///
/// The rules, in the order they apply (each has its own doc comment with its reason, and its
/// own test rows in `IndependentGradeTests`):
/// 1. No output, or only whitespace: `.wrong`.
/// 2. Chorus's own listings ("No majority: ...", "## Worker N" sections):
///    `.noSingleAnswer` (`isChorusListing`).
/// 3. Negated spans are taken out ("not 12, but 13" answers 13) (`removingNegated`).
/// 4. Several different answers on separate lines or bullets: `.noSingleAnswer`
///    (`listsSeveralLines`).
/// 5. "X or Y" / "either X or Y" naming two candidates: `.noSingleAnswer` (`namesAlternatives`).
/// 6. Multiple choice (`choices` given): two or more different choices named is
///    `.noSingleAnswer`; one choice named decides (`.correct` when its text contains an
///    accepted answer as whole words) (`namedChoices`).
/// 7. Otherwise `.correct` when an accepted answer appears as whole words (`words`),
///    else `.wrong`.
///
/// A listing counts as no single answer whether or not the accepted answer is in it: it is
/// the output's shape, not its luck. Number words are not translated: the question file lists
/// both forms when both are acceptable ("12", "twelve").
public enum IndependentGrade {
    /// What one output is worth.
    public enum Verdict: String, Sendable, Codable, CaseIterable {
        /// One answer, and it is an accepted one.
        case correct
        /// One answer (or none), and it is not accepted; also an empty output.
        case wrong
        /// Several answers offered (a listing, "X or Y", two choices): the reader must choose.
        case noSingleAnswer
    }

    /// Grades `output` against the question's `accepted` answers (any one suffices; matched
    /// as whole words after `words`) and, for a multiple-choice question, its option texts
    /// `choices` in letter order (A, B, C...).
    public static func grade(_ output: String?, accepted: [String], choices: [String] = []) -> Verdict {
        guard let output, !output.allSatisfy(\.isWhitespace) else { return .wrong }
        let targets = accepted.map(words).filter { !$0.isEmpty }
        if isChorusListing(output) { return .noSingleAnswer }
        let text = removingNegated(output)
        if listsSeveralLines(text) { return .noSingleAnswer }
        if namesAlternatives(text, candidates: targets + choices.map(words)) { return .noSingleAnswer }
        if !choices.isEmpty {
            let named = namedChoices(in: text, choices: choices)
            if named.count >= 2 { return .noSingleAnswer }
            if let one = named.first {
                let choice = words(choices[one])
                return targets.contains { contains(choice, $0) } ? .correct : .wrong
            }
        }
        let said = words(text)
        return targets.contains { contains(said, $0) } ? .correct : .wrong
    }
}
