/// The answers one after the other, each under a heading naming its worker. No model call, so
/// it cannot fail: it is also the fallback when an LLM strategy does.
public struct Concatenate: AggregationStrategy {
    public var name: StrategyName { .concatenate }
    public init() {}

    public func aggregate(_ input: AggregationInput, call: AggregatorCall) async throws -> AggregationResult {
        AggregationResult(output: Self.join(input.answers))
    }

    public static func join(_ answers: [Answer]) -> String {
        answers.map { a in
            let heading = a.label == "\(a.worker + 1)" ? "Worker \(a.worker + 1)" : "Worker \(a.worker + 1) (\(a.label))"
            return "## \(heading)\n\n\(a.text.trimmingTrailingWhitespace())"
        }.joined(separator: "\n\n")
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var s = Substring(self)
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}
