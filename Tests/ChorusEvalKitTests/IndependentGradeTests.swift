@testable import ChorusEvalKit
import Testing

/// The independent grader, one group of rows per rule (issue 15). Each row is (output,
/// accepted, expected verdict); a row that names a rule's edge says which side it is on.
@Suite("Independent grader")
struct IndependentGradeTests {
    typealias Row = (String?, [String], IndependentGrade.Verdict)

    @Test("rule 1: no output, empty or whitespace is wrong", arguments: [
        (nil, ["paris"], .wrong),
        ("", ["paris"], .wrong),
        ("   \n\t ", ["paris"], .wrong),
    ] as [Row])
    func empty(output: String?, accepted: [String], expected: IndependentGrade.Verdict) {
        #expect(IndependentGrade.grade(output, accepted: accepted) == expected)
    }

    @Test("rule 7: an accepted answer as whole words", arguments: [
        ("Paris", ["paris"], .correct),
        ("The capital is Paris.", ["paris"], .correct),
        ("**PARIS**", ["paris"], .correct),
        ("The capital of France is Pàris", ["paris"], .correct),
        ("Lyon", ["paris"], .wrong),
        ("Parisian", ["paris"], .wrong),
        ("120", ["12"], .wrong),
        ("1.2", ["12"], .wrong),
        ("There are 12 months.", ["12"], .correct),
        ("12.", ["12"], .correct),
        ("Romeo", ["rome"], .wrong),
        ("It is Rome.", ["rome"], .correct),
        ("New Delhi", ["new delhi", "delhi"], .correct),
        ("New York", ["new delhi"], .wrong),
        ("Mount Everest is 8,849 metres tall.", ["8849"], .correct),
        ("8849", ["8,849"], .correct),
        ("The price is 3.50", ["3.5"], .correct),
        ("12.0", ["12"], .correct),
        ("-12", ["12"], .wrong),
        ("It was −40 degrees.", ["-40"], .correct),
        ("The landing was on 1969-07-20.", ["1969"], .correct),
        ("July 4th, 1776", ["july 4 1776"], .correct),
        ("4 July 1776", ["july 4 1776"], .wrong),
        ("H2O", ["h2o"], .correct),
        ("100cm", ["100"], .correct),
        ("３９１", ["391"], .correct),
        ("3\u{200B}91", ["391"], .correct),
        ("17 * 23 = 391", ["391"], .correct),
        ("17 * 23 = 391", ["17"], .correct),
        ("twelve", ["12"], .wrong),
        ("twelve", ["12", "twelve"], .correct),
        ("President George Washington", ["george washington", "washington"], .correct),
        ("Sir Winston Churchill was Prime Minister.", ["winston churchill", "churchill"], .correct),
        ("Paris", [], .wrong),
        ("Paris", ["", "  "], .wrong),
    ] as [Row])
    func wholeWords(output: String?, accepted: [String], expected: IndependentGrade.Verdict) {
        #expect(IndependentGrade.grade(output, accepted: accepted) == expected)
    }

    @Test("rule 2: Chorus's own listings are no single answer, even holding the accepted answer", arguments: [
        ("No majority: a tie of 2 each between 389 (workers 2, 8) vs 380 (workers 3, 7).\n\n## 389: workers 2, 8\n\n17 * 23 = 389\n\n## 380: workers 3, 7\n\nThe answer is 380", ["389"], .noSingleAnswer),
        ("No majority: no two of the 3 answers agree.\n\n## paris: worker 1\n\nParis\n\n## lyon: worker 2\n\nLyon", ["lyon"], .noSingleAnswer),
        ("## Worker 1\n\nParis is the capital.\n\n## Worker 2 (gpt)\n\nIt is Paris, of course.", ["paris"], .noSingleAnswer),
        ("## Worker 1\n\nParis", ["paris"], .correct),
        ("## Answer\n\nParis\n\n## Why\n\nIt is the capital of France.", ["paris"], .correct),
    ] as [Row])
    func chorusListings(output: String?, accepted: [String], expected: IndependentGrade.Verdict) {
        #expect(IndependentGrade.grade(output, accepted: accepted) == expected)
    }

    @Test("rule 3: a negated span is not the answer ('not 12, but 13' answers 13)", arguments: [
        ("not 12, but 13", ["13"], .correct),
        ("not 12, but 13", ["12"], .wrong),
        ("The answer is not 12.", ["12"], .wrong),
        ("It's 12, not 13.", ["12"], .correct),
        ("It's 12, not 13.", ["13"], .wrong),
        ("It isn't Lyon; it is Paris.", ["paris"], .correct),
        ("It isn't Lyon; it is Paris.", ["lyon"], .wrong),
        ("13 (not 12)", ["13"], .correct),
        ("No, a whale is not a fish.", ["no"], .correct),
        ("A whale is not a fish.", ["no"], .wrong),
        ("The answer is not 1.5 but 2.5", ["2.5"], .correct),
    ] as [Row])
    func negation(output: String?, accepted: [String], expected: IndependentGrade.Verdict) {
        #expect(IndependentGrade.grade(output, accepted: accepted) == expected)
    }

    @Test("rule 4: several different answers on lines or bullets", arguments: [
        ("Paris\nLyon", ["paris"], .noSingleAnswer),
        ("12\n13", ["13"], .noSingleAnswer),
        ("- 12\n- 13", ["12"], .noSingleAnswer),
        ("1. George Washington\n2. John Adams", ["george washington"], .noSingleAnswer),
        ("Answer: 12\nFinal answer: 13", ["12"], .noSingleAnswer),
        ("Paris\nParis.", ["paris"], .correct),
        ("Washington\nGeorge Washington", ["washington"], .correct),
        ("The capital is Paris.\nIt is in the north of France.", ["paris"], .correct),
        ("Paris\nIt is the capital of France.", ["paris"], .correct),
        ("17 * 20 = 340\n17 * 3 = 51\n340 + 51 = 391", ["391"], .correct),
        ("Answer:\n391", ["391"], .correct),
        ("Not Lyon.\nParis.", ["paris"], .correct),
    ] as [Row])
    func severalLines(output: String?, accepted: [String], expected: IndependentGrade.Verdict) {
        #expect(IndependentGrade.grade(output, accepted: accepted) == expected)
    }

    @Test("rule 5: 'X or Y' naming two candidates", arguments: [
        ("Paris or Lyon", ["paris"], .noSingleAnswer),
        ("It is either Lyon or Paris.", ["paris"], .noSingleAnswer),
        ("Either 12 or 13.", ["12"], .noSingleAnswer),
        ("It is 12 or 13.", ["391"], .noSingleAnswer),
        ("Lyon or the Paris region", ["paris"], .noSingleAnswer),
        ("Lyon, or maybe Paris", ["paris"], .noSingleAnswer),
        ("Yes or no: yes.", ["yes"], .noSingleAnswer),
        ("Paris, or so I think.", ["paris"], .correct),
        ("12 or more", ["12"], .correct),
        ("Water freezes at 0 degrees Celsius or 32 degrees Fahrenheit.", ["0"], .correct),
        ("Paris or Paris", ["paris"], .correct),
        ("Is it Lyon or Marseille? Neither: it is Paris.", ["paris"], .correct),
    ] as [Row])
    func alternatives(output: String?, accepted: [String], expected: IndependentGrade.Verdict) {
        #expect(IndependentGrade.grade(output, accepted: accepted) == expected)
    }

    @Test("the issue's shapes: the eight workers of 'What is 17 * 23?', and sentence-shaped answers", arguments: [
        ("17 * 23 = 406", ["391"], .wrong),
        ("17 * 23 = 389", ["391"], .wrong),
        ("The answer is 380", ["391"], .wrong),
        ("17 * 23 = 396.", ["391"], .wrong),
        ("405", ["391"], .wrong),
        ("Multiplying gives 391.\nThe answer is just a number.", ["391"], .correct),
        ("380.", ["391"], .wrong),
        ("17 * 23 = 391", ["391"], .correct),
        ("**391**", ["391"], .correct),
        ("Yes, the Sun is a star.", ["yes"], .correct),
        ("No.", ["yes"], .wrong),
        ("Yes. No other star is closer to the Earth.", ["yes"], .correct),
        ("Dr. Martin Luther King Jr.", ["martin luther king", "mlk"], .correct),
        ("Queen Elizabeth II", ["elizabeth ii", "elizabeth"], .correct),
        ("King Henry VIII", ["henry viii", "henry the eighth", "henry 8", "henry the 8"], .correct),
        ("Henry the 8th", ["henry viii", "henry the eighth", "henry 8", "henry the 8"], .correct),
        ("Henry the 8th", ["henry viii", "henry 8"], .wrong),
        ("Henry VII", ["henry viii", "henry the eighth", "henry 8", "henry the 8"], .wrong),
        ("Christmas Day is on the 25th of December.", ["december 25", "25 december", "25 of december"], .correct),
        ("December 25th", ["december 25", "25 december", "25 of december"], .correct),
        ("There are 1,000 grams in a kilogram.", ["1000", "one thousand", "a thousand"], .correct),
        ("There are 100 grams in a kilogram.", ["1000", "one thousand", "a thousand"], .wrong),
        ("World War II ended in 1945.", ["1945"], .correct),
        ("It ended in 1944 or 1945.", ["1945"], .noSingleAnswer),
    ] as [Row])
    func issueShapes(output: String?, accepted: [String], expected: IndependentGrade.Verdict) {
        #expect(IndependentGrade.grade(output, accepted: accepted) == expected)
    }

    static let mammal = ["Shark", "Dolphin", "Trout", "Octopus"]

    @Test("rule 6: multiple choice — one choice named decides, two are no single answer", arguments: [
        ("Dolphin", ["dolphin"], .correct),
        ("B) Dolphin", ["dolphin"], .correct),
        ("b)", ["dolphin"], .correct),
        ("(B)", ["dolphin"], .correct),
        ("B", ["dolphin"], .correct),
        ("B.", ["dolphin"], .correct),
        ("The answer is B.", ["dolphin"], .correct),
        ("A dolphin is a mammal.", ["dolphin"], .correct),
        ("A) Shark", ["dolphin"], .wrong),
        ("A", ["dolphin"], .wrong),
        ("Shark", ["dolphin"], .wrong),
        ("A shark.", ["dolphin"], .wrong),
        ("Dolphin or shark", ["dolphin"], .noSingleAnswer),
        ("A dolphin, and also a shark.", ["dolphin"], .noSingleAnswer),
        ("A) Shark B) Dolphin C) Trout D) Octopus", ["dolphin"], .noSingleAnswer),
        ("B) Dolphin, not A) Shark", ["dolphin"], .correct),
        ("Not (a) Shark: (b) Dolphin", ["dolphin"], .correct),
        ("Not the shark, but the dolphin.", ["dolphin"], .correct),
        ("I think it is B) Dolphin.", ["dolphin"], .correct),
    ] as [Row])
    func multipleChoice(output: String?, accepted: [String], expected: IndependentGrade.Verdict) {
        #expect(IndependentGrade.grade(output, accepted: accepted, choices: Self.mammal) == expected)
    }

    @Test("rule 6: a named choice containing an accepted answer is right")
    func choiceContainsAccepted() {
        let choices = ["Charles Dickens", "William Shakespeare", "Jane Austen", "Mark Twain"]
        #expect(IndependentGrade.grade("B)", accepted: ["shakespeare"], choices: choices) == .correct)
        #expect(IndependentGrade.grade("Shakespeare", accepted: ["shakespeare"], choices: choices) == .correct)
        #expect(IndependentGrade.grade("C) Jane Austen", accepted: ["shakespeare"], choices: choices) == .wrong)
        #expect(IndependentGrade.grade("E)", accepted: ["shakespeare"], choices: choices) == .wrong)
    }

    @Test("the tokenizer", arguments: [
        ("8,849", ["8849"]),
        ("1,000,000", ["1000000"]),
        ("3,5", ["3", "5"]),
        ("1,2,3", ["1", "2", "3"]),
        ("3.50", ["3.5"]),
        ("0.50", ["0.5"]),
        ("12.", ["12"]),
        ("007", ["7"]),
        ("20.07.1969", ["20", "7", "1969"]),
        ("-4 and 5-3", ["-4", "and", "5", "3"]),
        ("July 4th, 1776", ["july", "4", "1776"]),
        ("1960s", ["1960", "s"]),
        ("Newton's twenty-one", ["newton", "s", "twenty", "one"]),
        ("ÉCOLE", ["ecole"]),
    ] as [(String, [String])])
    func words(text: String, expected: [String]) {
        #expect(IndependentGrade.words(text) == expected)
    }
}
