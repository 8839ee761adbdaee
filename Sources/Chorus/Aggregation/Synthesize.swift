/// One model call merges every answer into one.
///
/// The prompt shows the agreement tally ("2 of 3 answers say: paris"): measured here on a small
/// model (DESIGN.md), a plain "merge these answers" call loses to a single answer, and being
/// shown the tally recovers part of that.
public struct Synthesize: AggregationStrategy {
    public var name: StrategyName { .synthesize }
    public init() {}

    public static let promptVersion = "synthesize-v2"

    public func aggregate(_ input: AggregationInput, call: AggregatorCall) async throws -> AggregationResult {
        let prompt = try PromptLibrary.load(Self.promptVersion)
        let result = try await call.complete(Self.messages(for: input, prompt: prompt))
        let output = result.text.trimmingTrailingWhitespace()
        return AggregationResult(output: output, usage: result.usage, promptVersion: prompt.version)
    }

    public static func messages(for input: AggregationInput, prompt: PromptLibrary.Prompt) -> [ChatMessage] {
        [.system(prompt.system), .user(Prompt.answersBlock(input) + "\n\n" + prompt.instruction)]
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
}
