/// What Chorus knows in advance about models that refuse parameters a chat model takes, so the
/// first request is already one the server accepts (a refusal found at run time is handled by
/// `ParameterRefusal` instead: this table only saves the round trip and names the reason).
///
/// One small table, matched by model-name prefix on the name's last path component, so
/// `openai/gpt-5-mini` (OpenRouter, LiteLLM) and `gpt-5-mini-2025-08-07` (a dated snapshot)
/// match `gpt-5`. A prefix matches a whole name or one followed by `-`, `.` or `:`, so `o1`
/// matches `o1`, `o1-mini` and `o1-2024-12-17` but not `o10x-local`.
///
/// Sources:
/// - OpenAI's reasoning models (the o-series and the gpt-5 family) take only the default
///   temperature. Their API answers any other with HTTP 400 `{"error": {"message":
///   "Unsupported value: 'temperature' does not support 0.2 with this model. Only the default
///   (1) value is supported.", "type": "invalid_request_error", "param": "temperature",
///   "code": "unsupported_value"}}` (seen with o1, o3-mini, o4-mini, gpt-5-mini).
/// - The same models refuse `max_tokens`: `"Unsupported parameter: 'max_tokens' is not
///   supported with this model. Use 'max_completion_tokens' instead."`, `param: "max_tokens"`,
///   `code: "unsupported_parameter"`. OpenAI's API reference: `max_tokens` is "deprecated in
///   favor of `max_completion_tokens`, and is not compatible with o-series models"; the
///   replacement counts visible and reasoning tokens.
/// - `gpt-5-chat` (ChatGPT's non-reasoning snapshot) is not a reasoning model and takes both, so
///   it is listed first as an exception.
///
/// Other OpenAI-compatible servers keep `max_tokens` (many do not know `max_completion_tokens`),
/// so nothing changes for a model this table does not list.
public struct ModelQuirks: Sendable, Hashable {
    /// The model takes only its default temperature (1): send none.
    public var fixedTemperature: Bool
    /// The model refuses `max_tokens`: send the limit as `max_completion_tokens`.
    public var maxCompletionTokens: Bool

    public init(fixedTemperature: Bool = false, maxCompletionTokens: Bool = false) {
        self.fixedTemperature = fixedTemperature
        self.maxCompletionTokens = maxCompletionTokens
    }

    /// No quirks: a chat model.
    public static let none = ModelQuirks()
    /// OpenAI's reasoning models.
    static let openAIReasoning = ModelQuirks(fixedTemperature: true, maxCompletionTokens: true)

    /// The table, first match wins: (name prefix, quirks).
    static let table: [(prefix: String, quirks: ModelQuirks)] = [
        ("gpt-5-chat", .none),
        ("gpt-5", .openAIReasoning),
        ("o1", .openAIReasoning),
        ("o3", .openAIReasoning),
        ("o4", .openAIReasoning),
    ]

    /// The quirks of `model` on an OpenAI-compatible server (`.none` for models not listed).
    public static func forModel(_ model: String) -> ModelQuirks {
        let name = model.split(separator: "/").last.map(String.init)?.lowercased() ?? ""
        for (prefix, quirks) in table where matches(name, prefix: prefix) {
            return quirks
        }
        return .none
    }

    static func matches(_ name: String, prefix: String) -> Bool {
        guard name.hasPrefix(prefix) else { return false }
        guard let next = name.dropFirst(prefix.count).first else { return true }
        return next == "-" || next == "." || next == ":"
    }
}
