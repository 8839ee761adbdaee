import Foundation

/// The part of the LLM strategies' prompts that shows the task and the answers, shared by
/// `Synthesize` and `Judge`; the prompt files (`PromptLibrary`) hold the words around it.
enum AnswersBlock {
    /// The task, each answer numbered and labelled, and the agreement tally.
    static func full(_ input: AggregationInput) -> String {
        var parts = ["Task:\n\(input.task)"]
        for (i, a) in input.answers.enumerated() {
            let label = a.ownLabel.map { " (focus: \($0))" } ?? ""
            parts.append("Answer \(i + 1)\(label):\n\(a.text.trimmingTrailingWhitespace())")
        }
        if input.answers.count > 1 {
            parts.append("Agreement between the answers:\n\(input.tally.summary)")
        }
        return parts.joined(separator: "\n\n")
    }

    /// For short answers: a bulleted list (numbered answers make a small model reply "The answer
    /// is 1"), then the most common answer named outright.
    static func short(_ input: AggregationInput) -> String {
        var text = "Question:\n\(input.task)\n\nProposed answers:\n"
        text += input.answers.map { "- " + $0.text.trimmingTrailingWhitespace().replacingOccurrences(of: "\n", with: " ") }
            .joined(separator: "\n")
        if input.answers.count > 1, let top = input.exactTally.groups.first {
            text += "\n\nMost common answer (\(top.count) of \(input.exactTally.total)): \(top.named)"
            if input.exactTally.isTie { text += " (tied with \(input.exactTally.tied.dropFirst().map(\.named).joined(separator: ", ")))" }
        }
        return text
    }
}
