/// One model call merges every answer into one.
///
/// The prompt shows the agreement tally ("2 of 3 answers say: paris"): measured here on a small
/// model (DESIGN.md), a plain "merge these answers" call loses to a single answer, and being
/// shown the tally recovers part of that.
public struct Synthesize: AggregationStrategy {
    public var name: StrategyName { .synthesize }
    public init() {}

    public static let promptVersion = "synthesize-v1"

    public func aggregate(_ input: AggregationInput, call: AggregatorCall) async throws -> AggregationResult {
        let result = try await call.complete(Self.messages(for: input))
        let output = result.text.trimmingTrailingWhitespace()
        if output.allSatisfy(\.isWhitespace) { throw AggregationError(message: "the aggregator returned an empty answer") }
        return AggregationResult(output: output, usage: result.usage)
    }

    public static func messages(for input: AggregationInput) -> [ChatMessage] {
        let system = """
            You merge several answers to the same task into one answer. Keep what the answers agree on, \
            keep a correct minority point when it is clearly right, drop what is wrong or repeated. \
            Reply with the merged answer only, without mentioning the separate answers.
            """
        return [.system(system), .user(Prompt.answersBlock(input) + "\n\nWrite the single best answer to the task.")]
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
            parts.append("Agreement on the final answer:\n\(input.tally.summary)")
        }
        return parts.joined(separator: "\n\n")
    }
}
