import Foundation

/// One model call merges every answer into one.
///
/// The prompt shows the agreement tally ("2 of 3 answers say: paris"): measured here on a small
/// model (DESIGN.md), a plain "merge these answers" call loses to a single answer, and being
/// shown the tally recovers part of that.
public struct Synthesize: AggregationStrategy {
    public var callsModel: Bool { true }
    public var countsAgreement: Bool { false }
    public var modelPicksAnswer: Bool { false }
    public init() {}

    public static let promptVersion = "synthesize-v2"
    /// For tasks most workers answered in a few words: asks for the answer alone, on one line.
    public static let shortPromptVersion = "synthesize-short-v1"
    /// A short merged answer needs no more than this; a small model otherwise keeps talking.
    public static let shortMaxTokens = 48

    public func aggregate(_ input: AggregationInput, call: AggregatorFallback) async throws -> AggregationResult {
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
        let block = input.mostlyShort ? AnswersBlock.short(input) : AnswersBlock.full(input)
        return [.system(prompt.system), .user(block + "\n\n" + prompt.instruction)]
    }
}
