/// The answers one after the other, each under a heading naming its worker. No model call, so
/// it cannot fail: it is also the fallback when an LLM strategy does.
public struct Concatenate: AggregationStrategy {
    public var callsModel: Bool { false }
    public var countsAgreement: Bool { false }
    public var modelPicksAnswer: Bool { false }
    public init() {}

    public func aggregate(_ input: AggregationInput, call: AggregatorFallback) async throws -> AggregationResult {
        AggregationResult(output: Self.join(input.answers))
    }

    public static func join(_ answers: [Answer]) -> String {
        answers.map { a in
            let heading = "Worker \(a.worker + 1)" + (a.ownLabel.map { " (\($0))" } ?? "")
            return "## \(heading)\n\n\(a.text.trimmingTrailingWhitespace())"
        }.joined(separator: "\n\n")
    }
}
