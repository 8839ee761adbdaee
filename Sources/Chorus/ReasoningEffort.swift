/// How much a reasoning model should think before it answers.
///
/// Sent as OpenAI's `reasoning_effort` (the o-series, gpt-5, and OpenAI-compatible servers that
/// pass it on) and, for Anthropic, as extended thinking with a token budget derived from it
/// (`AnthropicThinkingBudget`). One panel can compare effort levels side by side: it is a
/// per-worker setting.
public enum ReasoningEffort: String, Sendable, Codable, Hashable, CaseIterable {
    case low, medium, high
}
