/// One model call picks the best answer and says why. The output is the chosen answer itself,
/// unchanged; the judge's reason goes in the record.
public struct Judge: AggregationStrategy {
    public var callsModel: Bool { true }
    public var countsAgreement: Bool { false }
    public var modelPicksAnswer: Bool { true }
    public init() {}

    public static let promptVersion = "judge-v2"

    public func aggregate(_ input: AggregationInput, call: AggregatorFallback) async throws -> AggregationResult {
        let prompt = try PromptLibrary.load(Self.promptVersion)
        let result = try await call.complete(Self.messages(for: input, prompt: prompt))
        guard let choice = Self.parseChoice(result.text, count: input.answers.count) else {
            throw AggregationError(
                message: "the judge named no answer between 1 and \(input.answers.count)", usage: result.usage)
        }
        let chosen = input.answers[choice - 1]
        return AggregationResult(
            output: chosen.text.trimmingTrailingWhitespace(), chosenWorker: chosen.worker,
            reason: Self.parseReason(result.text), usage: result.usage, promptVersion: prompt.version)
    }

    public static func messages(for input: AggregationInput, prompt: PromptLibrary.Prompt) -> [ChatMessage] {
        [.system(prompt.system), .user(AnswersBlock.full(input) + "\n\n" + prompt.instruction)]
    }

    /// The chosen answer's number (from 1): after "BEST", else the first number in range.
    static func parseChoice(_ text: String, count: Int) -> Int? {
        let upper = text.uppercased()
        let afterBest = upper.range(of: "BEST").map { String(upper[$0.upperBound...]) }
        for candidate in [afterBest, upper].compactMap({ $0 }) {
            if let n = firstNumber(in: candidate), (1...count).contains(n) { return n }
        }
        return nil
    }

    static func parseReason(_ text: String) -> String? {
        guard let r = text.range(of: "REASON:", options: .caseInsensitive) else { return nil }
        let reason = text[r.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        return reason.isEmpty ? nil : String(reason.prefix(500))
    }

    static func firstNumber(in text: String) -> Int? {
        var digits = ""
        for c in text {
            if c.isASCII, c.isNumber { digits.append(c) } else if !digits.isEmpty { break }
        }
        return Int(digits)
    }
}
