import Foundation

/// What one model costs, in US dollars per million tokens, and where that figure came from.
///
/// Units follow the providers' own price pages (OpenAI, Anthropic, Mistral, DeepSeek, Google,
/// Groq all quote USD per 1M tokens). Reasoning tokens are output tokens (they are billed as
/// such and every provider counts them in its completion tokens). Cached input tokens (OpenAI's
/// `cached_tokens`, Anthropic's `cache_read_input_tokens`) cost `cachedInput` when the table
/// gives one, else the full input price (the dearer reading, never a guess that lowers a bill).
public struct ModelPrice: Sendable, Hashable, Codable {
    /// USD per million prompt tokens.
    public var input: Double
    /// USD per million completion tokens (reasoning included).
    public var output: Double
    /// USD per million prompt tokens read from the provider's cache; nil: billed as `input`.
    public var cachedInput: Double?
    /// Where the figure came from: the bundled table (and its origin), a config key, or
    /// "local server".
    public var source: String
    /// The day the figure was checked (ISO 8601 date, "2026-11-29"); nil for a config override.
    public var checked: String?

    public init(input: Double, output: Double, cachedInput: Double? = nil, source: String, checked: String? = nil) {
        self.input = input
        self.output = output
        self.cachedInput = cachedInput
        self.source = source
        self.checked = checked
    }

    /// A server on this machine (or the `local`/`ollama` providers): nothing is billed per token.
    public static func free(source: String) -> ModelPrice { ModelPrice(input: 0, output: 0, cachedInput: 0, source: source) }

    public var isFree: Bool { input == 0 && output == 0 && (cachedInput ?? 0) == 0 }

    /// What `usage` costs at this price; nil when the usage has no token count at all.
    ///
    /// cost = (prompt − cached) × input + cached × cachedInput + completion × output, per 10⁶.
    /// The result is approximate when the usage is (chunks counted instead of tokens reported)
    /// or when the prompt count is missing (a local server that reports only the completion).
    public func cost(of usage: TokenUsage?) -> Cost? {
        guard let usage, usage.promptTokens != nil || usage.completionTokens != nil else { return nil }
        let prompt = Double(max(0, usage.promptTokens ?? 0))
        let cached = min(prompt, Double(max(0, usage.cachedPromptTokens ?? 0)))
        let completion = Double(max(0, usage.completionTokens ?? 0))
        let usd = ((prompt - cached) * input + cached * (cachedInput ?? input) + completion * output) / 1_000_000
        return Cost(usd: usd, approximate: usage.approximate || usage.promptTokens == nil || usage.completionTokens == nil)
    }

    /// "$2.50 in / $10.00 out / $1.25 cached per 1M tokens".
    public var rateText: String {
        var text = "\(Cost.rate(input)) in / \(Cost.rate(output)) out"
        if let cachedInput { text += " / \(Cost.rate(cachedInput)) cached" }
        return text + " per 1M tokens"
    }

    /// "LiteLLM 1.110.2 ..., checked 2026-11-29".
    public var sourceText: String { checked.map { "\(source), checked \($0)" } ?? source }

    enum CodingKeys: String, CodingKey {
        case input = "input_usd_per_mtok", output = "output_usd_per_mtok", cachedInput = "cached_input_usd_per_mtok"
        case source, checked
    }
}
