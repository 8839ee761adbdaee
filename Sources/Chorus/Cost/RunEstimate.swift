/// What a run will cost before it runs: tokens and dollars from typical to worst case, per call
/// and in total, for `--dry-run` and `--budget`.
///
/// Input tokens are *estimated*, not counted by the model's tokenizer: UTF-8 bytes / 4, rounded
/// up, plus 4 per message (OpenAI documents ~4 characters per token for English and a few tokens
/// of framing per message; code, other languages and other tokenizers differ by tens of percent,
/// which is why the figures are labelled as an approximation).
///
/// Output tokens: the worst case is each call's max tokens (the setting, or
/// `assumedMaxTokens` when it is unset, since a provider's own limit is not known here); the
/// typical case is `typicalOutputTokens` (or max tokens if lower). The aggregator's call
/// (strategies that call a model: `auto`, `synthesize`, `judge`) reads the task, the prompt file
/// and every worker's answer, so its input grows with the workers' output; the judge makes two
/// (one per pass, `StrategyName.mostModelCalls`), each counted. A fallback model is
/// only called when the aggregator's model fails, so it is not counted.
public struct RunEstimate: Sendable, Hashable {
    /// Assumed max output tokens of a call whose `max_tokens` is unset.
    public static let assumedMaxTokens = 4096
    /// Output tokens of a typical answer (about 300 English words).
    public static let typicalOutputTokens = 400
    /// Tokens of framing per chat message.
    public static let tokensPerMessage = 4
    /// The label every printed estimate carries.
    public static let method = "input tokens estimated as UTF-8 bytes / 4 (+4 per message), not a tokenizer's count"

    /// Estimated tokens of `text`: UTF-8 bytes / 4, rounded up.
    public static func tokens(in text: String) -> Int { (text.utf8.count + 3) / 4 }

    /// Estimated input tokens of a request's messages.
    public static func tokens(in messages: [ChatMessage]) -> Int {
        messages.reduce(0) { $0 + tokens(in: $1.content) + tokensPerMessage }
    }

    /// One model call of the run.
    public struct Call: Sendable, Hashable {
        /// "worker 1 (cost)", "aggregator".
        public var role: String
        public var model: ModelChoice
        public var inputTokens: Int
        /// Input tokens when every worker writes its max (only the aggregator's differs).
        public var worstInputTokens: Int
        public var typicalOutputTokens: Int
        public var maxOutputTokens: Int
        /// True when `max_tokens` is unset and `assumedMaxTokens` stands in.
        public var maxTokensAssumed: Bool

        public var typicalUsage: TokenUsage { TokenUsage(promptTokens: inputTokens, completionTokens: typicalOutputTokens) }
        public var worstUsage: TokenUsage { TokenUsage(promptTokens: worstInputTokens, completionTokens: maxOutputTokens) }
        public var typicalCost: Cost? { model.pricing?.cost(of: typicalUsage) }
        public var worstCost: Cost? { model.pricing?.cost(of: worstUsage) }
    }

    public var calls: [Call]

    public init(plan: Plan) {
        var calls: [Call] = []
        // `--escalate`'s reserve (up to its budget) is counted too: the worst case may start it all.
        let reserve = plan.escalation.map { Array($0.reserve.prefix(max(0, $0.budget))) } ?? []
        for worker in plan.workers + reserve {
            let input = Self.tokens(in: worker.messages(task: plan.prompt, history: plan.history))
            let max = worker.maxTokens ?? Self.assumedMaxTokens
            let extra = worker.index >= plan.workers.count ? ", if escalated" : ""
            calls.append(
                Call(
                    role: "worker \(worker.index + 1)" + (worker.label == "\(worker.index + 1)" ? "" : " (\(worker.label))") + extra,
                    model: worker.model, inputTokens: input, worstInputTokens: input,
                    typicalOutputTokens: min(max, Self.typicalOutputTokens), maxOutputTokens: max,
                    maxTokensAssumed: worker.maxTokens == nil))
        }
        let aggregator = plan.aggregator
        // As many aggregator calls as the strategy may make (`mostModelCalls`: the judge's two
        // passes each read every answer), so `--budget` checks the judge's real worst case.
        let passes = aggregator.strategy.mostModelCalls
        if passes > 0 {
            let version = aggregator.strategy == .judge ? Judge.promptVersion : Synthesize.promptVersion
            let prompt = (try? PromptLibrary.load(version)).map { Self.tokens(in: $0.system) + Self.tokens(in: $0.instruction) } ?? 300
            // The answers block repeats the task and names each answer (a line per worker).
            let framing = prompt + Self.tokens(in: plan.prompt) + 2 * Self.tokensPerMessage + 8 * calls.count
            let max = aggregator.maxTokens ?? Self.assumedMaxTokens
            let typicalAnswers = calls.reduce(0) { $0 + $1.typicalOutputTokens }
            let worstAnswers = calls.reduce(0) { $0 + $1.maxOutputTokens }
            for pass in 1...passes {
                let which = passes == 1 ? "" : ", pass \(pass) of \(passes)"
                calls.append(
                    Call(
                        role: "aggregator (\(aggregator.strategy.rawValue)\(which))", model: aggregator.model,
                        inputTokens: framing + typicalAnswers, worstInputTokens: framing + worstAnswers,
                        typicalOutputTokens: min(max, Self.typicalOutputTokens), maxOutputTokens: max,
                        maxTokensAssumed: aggregator.maxTokens == nil))
            }
        }
        self.calls = calls
    }

    public var inputTokens: Int { calls.reduce(0) { $0 + $1.inputTokens } }
    public var worstInputTokens: Int { calls.reduce(0) { $0 + $1.worstInputTokens } }
    public var typicalOutputTokens: Int { calls.reduce(0) { $0 + $1.typicalOutputTokens } }
    public var maxOutputTokens: Int { calls.reduce(0) { $0 + $1.maxOutputTokens } }

    /// The typical cost of every call added up (calls on unpriced models counted as unknown).
    public var typicalCost: CostTotal {
        calls.reduce(into: CostTotal()) { $0.add($1.typicalCost, pricing: $1.model.pricing, usage: $1.typicalUsage) }
    }

    /// The most the run can cost if every call writes its max tokens.
    public var worstCost: CostTotal {
        calls.reduce(into: CostTotal()) { $0.add($1.worstCost, pricing: $1.model.pricing, usage: $1.worstUsage) }
    }

    /// Calls whose model has no price (or a plan made without prices): their cost is unknown.
    public var unpriced: [Call] { calls.filter { $0.model.pricing?.price == nil } }
}
