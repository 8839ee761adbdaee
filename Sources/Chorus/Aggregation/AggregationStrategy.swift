import Synchronization

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
    /// Exact agreement on normalised final answers: what `vote` and `auto` count.
    public var exactTally: Tally
    /// True when every answer is short, so exact agreement means something.
    public var allShort: Bool
    /// True when more than half of the answers are short: the task wants a short answer, and the
    /// merged answer should be one too.
    public var mostlyShort: Bool
    /// What is shown and recorded: the exact tally for short answers, key-word overlap for long ones.
    public var tally: Tally
    /// Workers whose answers are missing, and why.
    public var dropped: [AggregationRecord.DroppedWorker]
    /// Each worker's model, to warn when a judge judges its own answers.
    public var workerModels: [Int: ModelChoice]

    public init(
        task: String, answers: [Answer], dropped: [AggregationRecord.DroppedWorker] = [],
        workerModels: [Int: ModelChoice] = [:]
    ) {
        self.task = task
        self.answers = answers
        self.exactTally = Vote.tally(answers, task: task)
        self.allShort = answers.allSatisfy { Agreement.isShort($0.text) }
        self.mostlyShort = answers.filter { Agreement.isShort($0.text) }.count * 2 > answers.count
        self.tally = allShort ? exactTally : Agreement.overlapTally(answers)
        self.dropped = dropped
        self.workerModels = workerModels
    }

    /// Final answers of at most this many words (after normalising) are compared exactly.
    public static let shortKeyWords = 6

    /// The group `auto` takes the vote from: at least two answers share a short final answer and
    /// no other group is as large (a strict majority, or a plurality without a tie). Measured on
    /// the local model (README "Aggregation"), a small aggregator shown a 2-1-1-1 split picks the
    /// plurality's answer less often than the plurality is right, so a clear winner is not handed
    /// to it. Long final answers (essays) never match exactly, so they go to synthesis.
    public var clearWinner: Tally.Group? {
        let groups = exactTally.groups
        guard let top = groups.first, top.count >= 2 else { return nil }
        if groups.count > 1, groups[1].count == top.count { return nil }
        guard top.answer.split(separator: " ").count <= Self.shortKeyWords else { return nil }
        return top
    }
}

/// What a strategy produced.
public struct AggregationResult: Sendable, Hashable {
    public var output: String
    public var chosenWorker: Int?
    public var reason: String?
    public var usage: TokenUsage?
    /// For `auto`: the strategy it took.
    public var path: StrategyName?
    /// The prompt file an LLM call used.
    public var promptVersion: String?

    public init(
        output: String, chosenWorker: Int? = nil, reason: String? = nil, usage: TokenUsage? = nil,
        path: StrategyName? = nil, promptVersion: String? = nil
    ) {
        self.output = output
        self.chosenWorker = chosenWorker
        self.reason = reason
        self.usage = usage
        self.path = path
        self.promptVersion = promptVersion
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
        case .auto: Auto()
        case .synthesize: Synthesize()
        case .concatenate: Concatenate()
        case .vote: Vote()
        case .judge: Judge()
        }
    }
}

/// The aggregator models, ready to call in order (the fallback chain): each is tried in turn
/// until one answers; text streams to observers as it comes.
public final class AggregatorCall: Sendable {
    struct Link: Sendable {
        var choice: ModelChoice
        var model: (any ChatModel)?
        var error: String?
    }

    private struct Log {
        var errors: [String] = []
        var answeredBy: ModelChoice?
    }

    let chain: [Link]
    let spec: AggregatorSpec
    let events: EventSink?
    private let log = Mutex(Log())

    init(chain: [Link], spec: AggregatorSpec, events: EventSink?) {
        self.chain = chain
        self.spec = spec
        self.events = events
    }

    /// Errors of the models tried so far, in order ("model-a: HTTP 503").
    public var errors: [String] { log.withLock { $0.errors } }
    /// The model whose answer was returned.
    public var answeredBy: ModelChoice? { log.withLock { $0.answeredBy } }

    /// Sends the messages to each aggregator model in turn and returns the first whole answer.
    /// `maxTokens` overrides the aggregator's setting for this call (nil keeps it).
    public func complete(_ messages: [ChatMessage], maxTokens: Int? = nil) async throws -> (text: String, usage: TokenUsage?) {
        for (position, link) in chain.enumerated() {
            do {
                guard let model = link.model else { throw AggregationError(message: link.error ?? "no model") }
                if position > 0 {
                    events?(.aggregationRetrying(model: link.choice.model, reason: log.withLock { $0.errors.last } ?? ""))
                }
                let result = try await stream(model, link.choice, messages, maxTokens: maxTokens ?? spec.maxTokens)
                if result.text.allSatisfy(\.isWhitespace) { throw AggregationError(message: "returned an empty answer") }
                log.withLock { $0.answeredBy = link.choice }
                return result
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                try Task.checkCancellation()
                log.withLock { $0.errors.append("\(link.choice.model): \(Worker.StateMachine.describe(error))") }
            }
        }
        throw AggregationError(message: errors.joined(separator: "; "))
    }

    private func stream(_ model: any ChatModel, _ choice: ModelChoice, _ messages: [ChatMessage], maxTokens: Int?) async throws
        -> (text: String, usage: TokenUsage?)
    {
        let request = ChatRequest(messages: messages, temperature: spec.temperature, maxTokens: maxTokens, model: choice.model)
        var text = ""
        var usage: TokenUsage?
        var chunks = 0
        for try await chunk in model.stream(request) {
            switch chunk {
            case .text(let piece):
                text += piece
                chunks += 1
                events?(.aggregationChunk(text: piece))
            case .usage(let u): usage = u
            case .retrying, .held, .released: break
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
