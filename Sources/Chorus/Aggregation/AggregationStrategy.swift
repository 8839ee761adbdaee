/// One successful worker answer, as aggregation sees it.
public struct Answer: Sendable, Hashable {
    public var worker: Int
    public var label: String
    public var text: String

    public init(worker: Int, label: String, text: String) {
        self.worker = worker
        self.label = label
        self.text = text
    }
}

/// What every strategy gets: the task, the successful answers in worker order, and who agrees.
public struct AggregationInput: Sendable {
    public var task: String
    public var answers: [Answer]
    public var tally: Tally

    public init(task: String, answers: [Answer]) {
        self.task = task
        self.answers = answers
        self.tally = Vote.tally(answers)
    }
}

/// What a strategy produced.
public struct AggregationResult: Sendable, Hashable {
    public var output: String
    public var chosenWorker: Int?
    public var reason: String?
    public var usage: TokenUsage?

    public init(output: String, chosenWorker: Int? = nil, reason: String? = nil, usage: TokenUsage? = nil) {
        self.output = output
        self.chosenWorker = chosenWorker
        self.reason = reason
        self.usage = usage
    }
}

/// A way of turning answers into one. Strategies that call a model get an `AggregatorCall`;
/// the `Aggregator` gives them a deadline and falls back to concatenation when they throw.
public protocol AggregationStrategy: Sendable {
    var name: StrategyName { get }
    func aggregate(_ input: AggregationInput, call: AggregatorCall) async throws -> AggregationResult
}

extension StrategyName {
    /// The strategy that implements this name.
    public var strategy: any AggregationStrategy {
        switch self {
        case .synthesize: Synthesize()
        case .concatenate: Concatenate()
        case .vote: Vote()
        case .judge: Judge()
        }
    }
}

/// The aggregator model, ready to call: streams its text to observers and returns it whole.
public struct AggregatorCall: Sendable {
    let model: (any ChatModel)?
    let modelError: String?
    let spec: AggregatorSpec
    let onText: @Sendable (String) -> Void

    /// Sends the messages to the aggregator model and returns its whole answer.
    public func complete(_ messages: [ChatMessage]) async throws -> (text: String, usage: TokenUsage?) {
        guard let model else { throw AggregationError(message: modelError ?? "no aggregator model") }
        let request = ChatRequest(
            messages: messages, temperature: spec.temperature, maxTokens: spec.maxTokens, model: spec.model.model)
        var text = ""
        var usage: TokenUsage?
        var chunks = 0
        for try await chunk in model.stream(request) {
            switch chunk {
            case .text(let piece):
                text += piece
                chunks += 1
                onText(piece)
            case .usage(let u): usage = u
            case .retrying: break
            }
        }
        try Task.checkCancellation()
        if usage?.completionTokens == nil && chunks > 0 {
            usage = TokenUsage(promptTokens: usage?.promptTokens, completionTokens: chunks, approximate: true)
        }
        return (text, usage)
    }
}

/// An aggregation that could not produce an answer (the fallback takes over).
public struct AggregationError: Error, CustomStringConvertible, Hashable {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
