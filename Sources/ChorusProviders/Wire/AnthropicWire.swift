import Chorus
import Foundation

/// Anthropic's Messages API (`/v1/messages`), streamed. A worker's focus area (a system
/// message) goes in the `system` field; `max_tokens`, which Anthropic requires, defaults to
/// `ProviderSettings.defaultMaxTokens`. Below: its JSON, as far as Chorus uses it.
struct AnthropicWire: WireFormat {
    static var kind: ProviderKind { .anthropic }
    static var apiName: String { "Anthropic" }
    static var exampleBaseURL: String { ProviderKind.anthropic.defaultBaseURL }
    static var chatPath: String { "/messages" }

    /// The base is the host (`ANTHROPIC_BASE_URL` style); `/v1` is added unless the path
    /// already ends with it.
    static func versionedPath(_ path: String) -> String {
        path.hasSuffix("/v1") ? path : path + "/v1"
    }

    /// Sent as `x-api-key`.
    let apiKey: String?
    /// The `anthropic-version` header.
    let version: String
    /// For a request without `maxTokens`: Anthropic requires one.
    let defaultMaxTokens: Int

    init(settings: ProviderSettings) {
        self.apiKey = settings.apiKey
        self.version = settings.anthropicVersion
        self.defaultMaxTokens = settings.defaultMaxTokens
    }

    var headers: [(String, String)] {
        var headers = [("anthropic-version", version)]
        if let apiKey { headers.append(("x-api-key", apiKey)) }
        return headers
    }

    /// A schema'd request's answer is the input of its tool (`StructuredForm`), unless `tools`
    /// was refused and the answer is the text.
    func makeDecoder(_ context: ErrorContext, for request: ChatRequest) -> AnthropicStreamDecoder {
        AnthropicStreamDecoder(context: context, answerTool: request.responseSchema?.name)
    }

    struct Request: Encodable {
        struct Message: Encodable {
            var role: String
            var content: String
        }

        /// Extended thinking: `{"type": "enabled", "budget_tokens": N}`.
        struct Thinking: Encodable {
            var type: String
            var budget_tokens: Int
        }

        var model: String
        var max_tokens: Int
        var system: String?
        var messages: [Message]
        var temperature: Double?
        var thinking: Thinking?
        var tools: [Tool]?
        var tool_choice: ToolChoice?
        var stream: Bool
    }

    /// A tool the model may call: `{"name", "description", "input_schema"}` (Anthropic's tool
    /// use documentation). A response schema is sent as one.
    struct Tool: Encodable {
        var name: String
        var description: String
        var input_schema: JSONValue
    }

    /// `{"type": "tool", "name": ...}` forces that tool; `{"type": "auto"}` lets the model choose.
    struct ToolChoice: Encodable {
        var type: String
        var name: String?
    }

    /// System messages (a worker's focus area) go in `system`, joined by a blank line.
    /// The rest become `messages`, consecutive ones of the same role merged (the API wants
    /// user and assistant to alternate). Temperature is clamped to Anthropic's 0...1, since a
    /// plan may spread workers up to 2.0 for OpenAI-compatible servers.
    ///
    /// A reasoning effort turns extended thinking on with a budget from `AnthropicThinkingBudget`
    /// (`max_tokens` raised above it when needed); thinking goes without temperature.
    func requestBody(for request: ChatRequest, adjustments: RequestAdjustments) throws -> Data {
        var system: [String] = []
        var messages: [Request.Message] = []
        for message in request.messages {
            switch message.role {
            case .system:
                system.append(message.content)
            case .user, .assistant:
                let role = message.role.rawValue
                if let last = messages.last, last.role == role {
                    messages[messages.count - 1].content += "\n\n" + message.content
                } else {
                    messages.append(Request.Message(role: role, content: message.content))
                }
            }
        }
        let limit = request.maxTokens ?? defaultMaxTokens
        var thinking: Request.Thinking?
        if let effort = request.reasoningEffort, let budget = AnthropicThinkingBudget.tokens(for: effort),
            !adjustments.omits("thinking")
        {
            thinking = Request.Thinking(type: "enabled", budget_tokens: budget)
        }
        var tools: [Tool]?
        var toolChoice: ToolChoice?
        if let schema = request.responseSchema {
            let form = StructuredForm.anthropic(adjustments, thinking: thinking != nil)
            if form != .instruction {
                tools = [Tool(name: schema.name, description: Self.toolDescription, input_schema: schema.schema)]
                toolChoice = form == .forcedTool ? ToolChoice(type: "tool", name: schema.name) : ToolChoice(type: "auto")
            }
            if let instruction = form.instruction(for: schema) {
                // The last user message is the one `messages` ends with (the roles alternate).
                if let last = messages.lastIndex(where: { $0.role == "user" }) {
                    messages[last].content += "\n\n" + instruction
                } else {
                    messages.append(Request.Message(role: "user", content: instruction))
                }
            }
        }
        let wire = Request(
            model: request.model,
            max_tokens: thinking.map { AnthropicThinkingBudget.maxTokens(limit: limit, budget: $0.budget_tokens) } ?? limit,
            system: system.isEmpty ? nil : system.joined(separator: "\n\n"),
            messages: messages,
            temperature: adjustments.omits("temperature") ? nil : Self.temperature(request),
            thinking: thinking,
            tools: tools,
            tool_choice: toolChoice,
            stream: true
        )
        return try JSONEncoder().encode(wire)
    }

    /// What the schema's tool says it is for; the model reads it.
    static let toolDescription = "Give your answer as this tool's input; the input is the whole answer."

    /// The temperature sent: the asked one clamped to Anthropic's 0...1.
    static func temperature(_ request: ChatRequest) -> Double { min(1, max(0, request.temperature)) }

    /// With extended thinking on: no temperature (Anthropic refuses any but 1 with thinking;
    /// recorded unless it would have been 1), and a `max_tokens` raised above the budget is
    /// recorded.
    ///
    /// A response schema with thinking on is offered as a tool the model may call (`tool_choice`
    /// auto, the prompt asking for it) instead of forced, and recorded: Anthropic answers a
    /// forced tool with thinking "Thinking may not be enabled when tool_choice forces tool use".
    func plannedAdjustments(for request: ChatRequest) -> RequestAdjustments {
        var adjustments = RequestAdjustments()
        guard let effort = request.reasoningEffort, let budget = AnthropicThinkingBudget.tokens(for: effort) else { return adjustments }
        if let schema = request.responseSchema {
            adjustments.record(
                "schema",
                reason: "Anthropic cannot force a tool with extended thinking on (reasoning effort \(effort.rawValue)): the tool \(schema.name) was offered (tool_choice auto) and the prompt asks for it")
        }
        adjustments.omit(
            "temperature",
            reason: Self.temperature(request) == 1
                ? nil : "Anthropic takes no temperature with extended thinking on (reasoning effort \(effort.rawValue)); sent without it")
        if let limit = request.maxTokens, limit <= budget {
            adjustments.record(
                "max_tokens",
                reason: "raised to \(budget + limit): Anthropic counts thinking within max_tokens and needs it above the thinking budget (\(budget))")
        }
        return adjustments
    }

    func refusableParameters(for request: ChatRequest, adjustments: RequestAdjustments) -> [RefusableParameter] {
        var list: [RefusableParameter] = []
        if !adjustments.omits("temperature") { list.append(RefusableParameter("temperature")) }
        if request.reasoningEffort != nil && !adjustments.omits("thinking") {
            list.append(RefusableParameter("thinking", setting: "reasoning_effort"))
        }
        // A server without tools (an Anthropic-compatible proxy), or one refusing this schema as
        // a tool's input_schema: the instruction instead.
        if request.responseSchema != nil && !adjustments.omits(StructuredForm.toolsKey) {
            list.append(
                RefusableParameter(
                    "tools", setting: "schema",
                    instead: "sent without the tool: the schema is an instruction in the prompt and the JSON is read from the answer text",
                    key: StructuredForm.toolsKey, refusedWhat: "the schema's tool", anyComplaintRefuses: true))
        }
        return list
    }

    struct Usage: Decodable {
        var input_tokens: Int?
        var output_tokens: Int?
        var cache_creation_input_tokens: Int?
        var cache_read_input_tokens: Int?

        /// Prompt tokens including the cached parts (Anthropic counts them apart).
        var promptTokens: Int? {
            guard let input_tokens else { return nil }
            return input_tokens + (cache_creation_input_tokens ?? 0) + (cache_read_input_tokens ?? 0)
        }
    }

    /// One event's data (its `type` repeats the SSE event name), or a whole non-streamed
    /// message (`type: "message"`, text in `content`).
    ///
    /// With extended thinking, a message has `thinking` blocks (their text in `thinking`,
    /// streamed as `thinking_delta`s, then a `signature_delta` that only verifies the block) and
    /// `redacted_thinking` blocks (encrypted, in `data`) before its `text` blocks; see Anthropic's
    /// "Building with extended thinking" documentation.
    struct Event: Decodable {
        struct Message: Decodable {
            var usage: Usage?
        }

        struct Delta: Decodable {
            /// `text_delta`, `thinking_delta`, `signature_delta`, `input_json_delta`, or nil on a
            /// `message_delta`.
            var type: String?
            var text: String?
            var thinking: String?
            /// An `input_json_delta`'s piece of the tool input's JSON text.
            var partial_json: String?
            var stop_reason: String?
        }

        /// A content block of a whole message, or the block a `content_block_start` opens.
        struct ContentBlock: Decodable {
            /// `text`, `thinking`, `redacted_thinking`, `tool_use`, ...
            var type: String?
            var text: String?
            var thinking: String?
            /// A `tool_use` block's tool, and (whole message) its input.
            var name: String?
            var input: JSONValue?
        }

        var type: String?
        var message: Message?
        var delta: Delta?
        var usage: Usage?
        var error: ServerErrorPayload?
        var content: [ContentBlock]?
        var content_block: ContentBlock?
        var stop_reason: String?
    }
}

extension AnthropicWire.Usage {
    /// As the core counts it: prompt tokens include the cached ones, and the cache reads are
    /// named apart. Anthropic reports no reasoning tokens separately (thinking is billed as
    /// output tokens).
    var tokenUsage: TokenUsage {
        TokenUsage(
            promptTokens: promptTokens, completionTokens: output_tokens, approximate: false,
            cachedPromptTokens: cache_read_input_tokens)
    }
}

/// A Claude model behind Anthropic's Messages API.
typealias AnthropicModel = HTTPChatModel<AnthropicWire>
