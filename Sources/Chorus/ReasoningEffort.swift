/// How much a reasoning model should think before it answers.
///
/// Sent as OpenAI's `reasoning_effort` (the o-series, gpt-5, and OpenAI-compatible servers that
/// pass it on) and, for Anthropic, as extended thinking with a token budget derived from it
/// (`AnthropicThinkingBudget`). One panel can compare effort levels side by side: it is a
/// per-worker setting.
///
/// `none` and `minimal` are OpenAI's gpt-5 levels below `low`: sent as they are to an
/// OpenAI-compatible server (one that refuses them answers with a 400 naming the parameter, and
/// the request goes again without it); Anthropic gets no thinking for `none` and the smallest
/// budget for `minimal`.
public enum ReasoningEffort: String, Sendable, Codable, Hashable, CaseIterable {
    case none, minimal, low, medium, high
}
