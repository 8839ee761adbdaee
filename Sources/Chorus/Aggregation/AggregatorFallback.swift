import Synchronization

/// The aggregator fallback chain: the aggregator model, then its fallback models
/// (`AggregatorSpec.chain`), ready to call in order. A strategy's model call goes to each in turn
/// until one gives a whole answer; text streams to observers as it comes, and each failure is
/// kept for the record (`model_errors`). When every model fails, the strategy throws and the
/// `Aggregator` concatenates the answers, the chain's last step, which needs no model.
public final class AggregatorFallback: Sendable {
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
                log.withLock { $0.errors.append("\(link.choice.model): \(error.oneLineDescription)") }
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
        // A reasoning model's thinking is not the merged answer: only its answer is kept.
        var inline = InlineReasoning()
        func take(_ parts: [ChatChunk]) {
            for case .text(let piece) in parts {
                text += piece
                events?(.aggregationChunk(text: piece))
            }
        }
        for try await chunk in model.stream(request) {
            switch chunk {
            case .text(let piece):
                chunks += 1
                take(inline.feed(piece))
            case .reasoning: chunks += 1
            case .usage(let u): usage = u
            case .retrying, .held, .released, .stop, .notApplied, .responseStarted: break
            }
        }
        take(inline.finish())
        try Task.checkCancellation()
        return (text, TokenUsage.reported(usage, orEstimatedFrom: chunks))
    }
}
