import Chorus

/// How a reasoning effort becomes Anthropic's extended thinking: `thinking: {"type": "enabled",
/// "budget_tokens": N}`.
///
/// The budgets are LiteLLM's defaults for the same mapping (`litellm/constants.py`,
/// `DEFAULT_REASONING_EFFORT_{LOW,MEDIUM,HIGH}_THINKING_BUDGET`), so a proxy and Chorus think
/// alike: low 1024, medium 2048, high 4096 tokens.
///
/// Anthropic's extended-thinking documentation sets two rules: `budget_tokens` is at least 1024,
/// and it must be below `max_tokens` (which counts the thinking too). So when the request's
/// token limit is not above the budget, `max_tokens` is raised to budget + limit, leaving the
/// answer the room the user asked for after the thinking; the record says so.
///
/// Thinking also takes no temperature other than 1 ("`temperature` may only be set to 1 when
/// thinking is enabled"), so the wire sends none with it.
public enum AnthropicThinkingBudget {
    /// Anthropic's smallest allowed budget.
    public static let minimum = 1024

    /// The thinking budget for `effort`, in tokens; nil for `none` (no thinking at all).
    public static func tokens(for effort: ReasoningEffort) -> Int? {
        switch effort {
        case .none: nil
        case .minimal, .low: 1024
        case .medium: 2048
        case .high: 4096
        }
    }

    /// The `max_tokens` to send with a budget: `limit` when it is above the budget, else
    /// budget + limit.
    public static func maxTokens(limit: Int, budget: Int) -> Int {
        limit > budget ? limit : budget + limit
    }
}
