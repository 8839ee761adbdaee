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
        var judge: JudgeRecord?
        var usage: TokenUsage?
        var requests = 0
    }

    /// One whole answer of the chain.
    public struct Reply: Sendable, Hashable {
        public var text: String
        public var usage: TokenUsage?
        /// The model that gave it.
        public var model: ModelChoice
        /// What the provider did not apply as asked, as `(setting, reason)` pairs in the order it
        /// said so (`ChatChunk.notApplied`): with a `responseSchema`, a `schema` entry names the
        /// form the request stepped down to (`JudgeRecord.OutputForm`).
        public var notApplied: [NotApplied]

        public struct NotApplied: Sendable, Hashable {
            public var setting: String
            public var reason: String
        }
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

    /// What the judge did so far (`Judge` writes it after each pass), so the record carries the
    /// judge's replies even when the merge fell back or timed out.
    public var judge: JudgeRecord? { log.withLock { $0.judge } }

    func recordJudge(_ judge: JudgeRecord) { log.withLock { $0.judge = judge } }

    /// The usage of every whole answer returned so far, summed: what the merge spent even when
    /// it then fell back (a judge whose two replies named no answer was still paid for).
    public var usage: TokenUsage? { log.withLock { $0.usage } }

    /// Two usages added field by field; nil only when both are.
    static func sum(_ a: TokenUsage?, _ b: TokenUsage?) -> TokenUsage? {
        guard let a else { return b }
        guard let b else { return a }
        func add(_ x: Int?, _ y: Int?) -> Int? { x == nil && y == nil ? nil : (x ?? 0) + (y ?? 0) }
        return TokenUsage(
            promptTokens: add(a.promptTokens, b.promptTokens), completionTokens: add(a.completionTokens, b.completionTokens),
            approximate: a.approximate || b.approximate, reasoningTokens: add(a.reasoningTokens, b.reasoningTokens),
            cachedPromptTokens: add(a.cachedPromptTokens, b.cachedPromptTokens))
    }

    /// Requests sent to a model so far, answered or not (a judge's two passes are two; a model
    /// that failed before the one that answered counts too): the merge's cost in calls.
    public var requests: Int { log.withLock { $0.requests } }

    /// Sends the messages to each aggregator model in turn and returns the first whole answer.
    /// `maxTokens` overrides the aggregator's setting for this call (nil keeps it).
    /// `responseSchema` asks for a structured answer (`ChatRequest.responseSchema`): each
    /// provider sends it in the most enforced form its server takes and steps down on a refusal
    /// (`RefusalMemory` learns it once), saying so in `Reply.notApplied`.
    public func complete(_ messages: [ChatMessage], maxTokens: Int? = nil, responseSchema: ResponseSchema? = nil) async throws -> Reply {
        // This call's failures only: a judge's second pass after a failed first names its own.
        let earlier = log.withLock { $0.errors.count }
        for (position, link) in chain.enumerated() {
            do {
                guard let model = link.model else { throw AggregationError(message: link.error ?? "no model") }
                log.withLock { $0.requests += 1 }
                if position > 0 {
                    events?(.aggregationRetrying(model: link.choice.model, reason: log.withLock { $0.errors.last } ?? ""))
                }
                let result = try await stream(
                    model, link.choice, messages, maxTokens: maxTokens ?? spec.maxTokens, responseSchema: responseSchema)
                if result.text.allSatisfy(\.isWhitespace) { throw AggregationError(message: "returned an empty answer") }
                log.withLock {
                    $0.answeredBy = link.choice
                    $0.usage = Self.sum($0.usage, result.usage)
                }
                return result
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                try Task.checkCancellation()
                log.withLock { $0.errors.append("\(link.choice.model): \(error.oneLineDescription)") }
            }
        }
        throw AggregationError(message: errors.dropFirst(earlier).joined(separator: "; "))
    }

    private func stream(
        _ model: any ChatModel, _ choice: ModelChoice, _ messages: [ChatMessage], maxTokens: Int?, responseSchema: ResponseSchema?
    ) async throws -> Reply {
        var request = ChatRequest(messages: messages, temperature: spec.temperature, maxTokens: maxTokens, model: choice.model)
        request.responseSchema = responseSchema
        var text = ""
        var usage: TokenUsage?
        var chunks = 0
        var notApplied: [Reply.NotApplied] = []
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
            case .notApplied(let setting, let reason): notApplied.append(.init(setting: setting, reason: reason))
            case .retrying, .held, .released, .stop, .responseStarted: break
            }
        }
        take(inline.finish())
        try Task.checkCancellation()
        return Reply(text: text, usage: TokenUsage.reported(usage, orEstimatedFrom: chunks), model: choice, notApplied: notApplied)
    }
}
