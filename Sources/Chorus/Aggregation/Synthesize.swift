import Foundation

/// One model call merges every answer into one.
///
/// The prompt shows the agreement tally ("2 of 3 answers say: paris"): measured here on a small
/// model (DESIGN.md), a plain "merge these answers" call loses to a single answer, and being
/// shown the tally recovers part of that.
public struct Synthesize: AggregationStrategy {
    public var name: StrategyName { .synthesize }
    public init() {}

    public static let promptVersion = "synthesize-v2"
    /// For tasks most workers answered in a few words: asks for the answer alone, on one line.
    public static let shortPromptVersion = "synthesize-short-v1"
    /// A short merged answer needs no more than this; a small model otherwise keeps talking.
    public static let shortMaxTokens = 48

    public func aggregate(_ input: AggregationInput, call: AggregatorCall) async throws -> AggregationResult {
        let short = input.mostlyShort
        let prompt = try PromptLibrary.load(short ? Self.shortPromptVersion : Self.promptVersion)
        let maxTokens = short ? min(call.spec.maxTokens ?? Self.shortMaxTokens, Self.shortMaxTokens) : nil
        let result = try await call.complete(Self.messages(for: input, prompt: prompt), maxTokens: maxTokens)
        var output = result.text.trimmingTrailingWhitespace()
        if short {
            // The answer is the first line; what a small model adds after it is commentary.
            output = output.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) }.map(String.init) ?? output
        }
        return AggregationResult(output: output, usage: result.usage, promptVersion: prompt.version)
    }

    public static func messages(for input: AggregationInput, prompt: PromptLibrary.Prompt) -> [ChatMessage] {
        let block = input.mostlyShort ? Prompt.shortAnswersBlock(input) : Prompt.answersBlock(input)
        return [.system(prompt.system), .user(block + "\n\n" + prompt.instruction)]
    }
}

/// Shared pieces of the LLM strategies' prompts.
enum Prompt {
    /// The task, each answer numbered and labelled, and the agreement tally.
    static func answersBlock(_ input: AggregationInput) -> String {
        var parts = ["Task:\n\(input.task)"]
        for (i, a) in input.answers.enumerated() {
            let label = a.label == "\(a.worker + 1)" ? "" : " (focus: \(a.label))"
            parts.append("Answer \(i + 1)\(label):\n\(a.text.trimmingTrailingWhitespace())")
        }
        if input.answers.count > 1 {
            parts.append("Agreement between the answers:\n\(input.tally.summary)")
        }
        return parts.joined(separator: "\n\n")
    }

    /// For short answers: a bulleted list (numbered answers make a small model reply "The answer
    /// is 1"), then the most common answer named outright.
    static func shortAnswersBlock(_ input: AggregationInput) -> String {
        var text = "Question:\n\(input.task)\n\nProposed answers:\n"
        text += input.answers.map { "- " + $0.text.trimmingTrailingWhitespace().replacingOccurrences(of: "\n", with: " ") }
            .joined(separator: "\n")
        if input.answers.count > 1, let top = input.exactTally.groups.first {
            text += "\n\nMost common answer (\(top.count) of \(input.exactTally.total)): \(top.display)"
            if input.exactTally.isTie { text += " (tied with \(input.exactTally.tied.dropFirst().map(\.display).joined(separator: ", ")))" }
        }
        return text
    }
}
