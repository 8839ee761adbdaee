/// Why a model stopped, read from the provider's own word (OpenAI-compatible `finish_reason`,
/// Anthropic `stop_reason`, Gemini's `finishReason`), and how Chorus counts it.
///
/// | kind | provider words | counts as |
/// |---|---|---|
/// | `complete` | `stop`, `end_turn`, `stop_sequence`, `eos` | succeeded |
/// | `length` | `length`, `max_tokens`, `model_length` | succeeded, marked "cut at max tokens" |
/// | `contentFilter` | `content_filter`, `safety`, `recitation` | failed: the text is kept in the record, never merged |
/// | `refusal` | `refusal` | failed: the model (or the provider's classifier) refused |
/// | `toolCalls` | `tool_calls`, `tool_use`, `function_call` | succeeded with a mark if there is text, else failed |
/// | `other` | anything else (e.g. `pause_turn`) | succeeded, marked with the word |
public struct StopReason: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case complete, length, contentFilter = "content_filter", refusal, toolCalls = "tool_calls", other
    }

    /// The provider's word, as it was sent.
    public var raw: String

    public init(_ raw: String) { self.raw = raw }

    public var kind: Kind {
        switch raw.lowercased() {
        case "stop", "end_turn", "stop_sequence", "eos", "end", "finished": .complete
        case "length", "max_tokens", "model_length", "max_output_tokens": .length
        case "content_filter", "safety", "recitation", "prohibited_content", "blocklist", "spii": .contentFilter
        case "refusal": .refusal
        case "tool_calls", "tool_use", "function_call": .toolCalls
        default: .other
        }
    }

    /// Whether an answer that stopped this way is whole: false marks it on the pane, in the
    /// record's warnings and in the merged answer's warnings.
    public var isWhole: Bool { kind == .complete }

    /// What a person reads on the pane and in warnings: "cut at max tokens", "stopped: pause_turn".
    public var mark: String? {
        switch kind {
        case .complete: nil
        case .length: "cut at max tokens"
        case .contentFilter: "stopped by the provider's content filter"
        case .refusal: "refused"
        case .toolCalls: "stopped to call a tool"
        case .other: "stopped: \(raw)"
        }
    }
}
