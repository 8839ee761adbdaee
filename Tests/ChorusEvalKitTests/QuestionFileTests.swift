@testable import ChorusEvalKit
import Foundation
import Testing

/// `eval/questions.jsonl` is valid: every line decodes, ids are unique, every accepted answer
/// has words, a kind is a known one, and a multiple-choice question's choices are in its text
/// as "A) ..." and one of them holds an accepted answer (issue 15).
@Suite("The eval's question file")
struct QuestionFileTests {
    static let questions: [EvalQuestion] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = (try? String(contentsOf: root.appendingPathComponent("eval/questions.jsonl"), encoding: .utf8)) ?? ""
        return (try? EvalQuestion.decodeLines(text)) ?? []
    }()

    @Test("every line decodes; at least 112 + 60 questions")
    func decodes() throws {
        #expect(Self.questions.count >= 172)
    }

    @Test("ids are unique")
    func uniqueIDs() {
        let ids = Self.questions.map(\.id)
        #expect(Set(ids).count == ids.count)
    }

    @Test("every accepted answer has words, in lower case")
    func acceptedAnswers() {
        for q in Self.questions {
            #expect(!q.answers.isEmpty, "\(q.id) accepts nothing")
            for a in q.answers {
                #expect(!IndependentGrade.words(a).isEmpty, "\(q.id): '\(a)' has no words")
                #expect(a == a.lowercased(), "\(q.id): '\(a)' is not lower case")
            }
        }
    }

    @Test("every kind is a known one, and each new kind has at least 12 questions")
    func kinds() {
        for q in Self.questions { #expect(q.kind.map { EvalQuestion.Kind(rawValue: $0) != nil } ?? true, "\(q.id): kind \(q.kind ?? "")") }
        for kind in EvalQuestion.Kind.allCases {
            #expect(Self.questions.filter { $0.kind == kind.rawValue }.count >= 12, "\(kind.rawValue)")
        }
    }

    @Test("multiple choice: choices in the text as A) B) ..., one of them accepted, no other question has choices")
    func choices() {
        for q in Self.questions {
            guard q.kind == EvalQuestion.Kind.multipleChoice.rawValue else {
                #expect(q.choices == nil, "\(q.id) has choices but is not multiple choice")
                continue
            }
            let choices = q.choices ?? []
            #expect(choices.count >= 2, "\(q.id)")
            let letters = Array("ABCDEFGHIJ")
            for (n, c) in choices.enumerated() { #expect(q.question.contains("\(letters[n])) \(c)"), "\(q.id): \(c)") }
            let accepted = choices.indices.filter { n in
                q.answers.contains { IndependentGrade.contains(IndependentGrade.words(choices[n]), IndependentGrade.words($0)) }
            }
            #expect(accepted.count == 1, "\(q.id): exactly one choice must hold an accepted answer")
            // Each accepted answer, given alone, grades correct; each other choice grades wrong.
            for a in q.answers { #expect(IndependentGrade.grade(a, accepted: q.answers, choices: choices) == .correct, "\(q.id): \(a)") }
            for n in choices.indices where !accepted.contains(n) {
                #expect(IndependentGrade.grade(choices[n], accepted: q.answers, choices: choices) == .wrong, "\(q.id): \(choices[n])")
            }
        }
    }

    @Test("every question's first accepted answer, said in a sentence, grades correct")
    func acceptedInASentence() {
        for q in Self.questions {
            let output = "The answer is \(q.answers[0])."
            #expect(IndependentGrade.grade(output, accepted: q.answers, choices: q.choices ?? []) == .correct, "\(q.id)")
        }
    }

    @Test("a broken line is named by its number")
    func brokenLine() {
        let text = "{\"id\": \"q1\", \"question\": \"?\", \"answers\": [\"a\"]}\n\n{\"id\": \"q2\"}\n"
        #expect(throws: EvalQuestion.LineError.self) { try EvalQuestion.decodeLines(text) }
        do { _ = try EvalQuestion.decodeLines(text) } catch let error as EvalQuestion.LineError { #expect(error.line == 3) } catch {}
    }

    @Test("an original line without kind or choices decodes; a new one round-trips")
    func shape() throws {
        let old = try EvalQuestion.decodeLines("{\"id\": \"q001\", \"question\": \"What is the capital of France?\", \"answers\": [\"paris\"]}")
        #expect(old == [EvalQuestion(id: "q001", question: "What is the capital of France?", answers: ["paris"])])
        let new = EvalQuestion(id: "q9", question: "Q? A) x B) y", answers: ["y"], kind: "multiple-choice", choices: ["x", "y"])
        let data = try JSONEncoder().encode(new)
        #expect(try JSONDecoder().decode(EvalQuestion.self, from: data) == new)
    }
}
