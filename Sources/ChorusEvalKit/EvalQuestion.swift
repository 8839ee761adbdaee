import Foundation

/// One line of `eval/questions.jsonl`: a short-answer question and the answers accepted for it.
///
/// JSON: `{"id": "q113", "question": "...", "answers": ["1945"], "kind": "date",
/// "choices": ["..."]}`; `kind` and `choices` are optional (the first 112 questions have
/// neither). Fields are added, never renamed, so an older file still decodes.
public struct EvalQuestion: Codable, Sendable, Hashable {
    /// Unique in the file ("q001"...).
    public var id: String
    /// The question as sent to the workers; a multiple-choice question carries its options in
    /// the text as "A) ... B) ...".
    public var question: String
    /// Accepted answers, lower case, any one of which is right as whole words
    /// (`IndependentGrade`). Number words are listed beside digits when both are acceptable.
    public var answers: [String]
    /// What sort of question: `date`, `name`, `unit`, `yes-no`, `multiple-choice` (see
    /// `Kind`); nil for the original general-knowledge and arithmetic questions. A string, so a
    /// new kind does not break an older reader.
    public var kind: String?
    /// A multiple-choice question's option texts in letter order (A, B, C...); one of them
    /// contains an accepted answer. Passed to `IndependentGrade.grade(_:accepted:choices:)`.
    public var choices: [String]?

    public init(id: String, question: String, answers: [String], kind: String? = nil, choices: [String]? = nil) {
        self.id = id
        self.question = question
        self.answers = answers
        self.kind = kind
        self.choices = choices
    }

    /// The kinds the question file uses.
    public enum Kind: String, Sendable, CaseIterable {
        case date, name, unit
        case yesNo = "yes-no"
        case multipleChoice = "multiple-choice"
    }

    /// A line that is not a question, named by its 1-based line number.
    public struct LineError: Error, CustomStringConvertible, Sendable {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Every non-blank line of a JSON Lines text, decoded. Throws `LineError` naming the first
    /// line that does not decode, so a broken question file is one clear message.
    public static func decodeLines(_ text: String) throws -> [EvalQuestion] {
        var out: [EvalQuestion] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.allSatisfy(\.isWhitespace) {
            do {
                out.append(try JSONDecoder().decode(EvalQuestion.self, from: Data(line.utf8)))
            } catch {
                throw LineError(line: n + 1, message: "not a question (\(error)); expected {\"id\", \"question\", \"answers\": [...]}")
            }
        }
        return out
    }
}
