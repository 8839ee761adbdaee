import Chorus
import Foundation

/// OpenAI's `/v1/chat/completions`, spoken by every OpenAI-compatible server (OpenAI, Ollama,
/// llama.cpp's server, vLLM, LM Studio, OpenRouter, Groq, Together...), streamed with
/// `stream_options.include_usage`. Below: its JSON, as far as Chorus uses it.
struct OpenAIWire: WireFormat {
    static var kind: ProviderKind { .openai }
    static var apiName: String { "OpenAI-compatible" }
    static var exampleBaseURL: String { "http://127.0.0.1:8080/v1" }
    static var chatPath: String { "/chat/completions" }

    /// The base includes the API version, as `OPENAI_BASE_URL` does; only a base with no path
    /// at all gets `/v1`, because several services put the version elsewhere (`/api/v1`,
    /// `/openai/v1`, `/v1beta/openai`).
    static func versionedPath(_ path: String) -> String {
        path.isEmpty ? "/v1" : path
    }

    /// Sent as `Authorization: Bearer`; local servers need none.
    let apiKey: String?

    init(settings: ProviderSettings) {
        self.apiKey = settings.apiKey
    }

    var headers: [(String, String)] {
        apiKey.map { [("authorization", "Bearer \($0)")] } ?? []
    }

    func makeDecoder(_ context: ErrorContext, for request: ChatRequest) -> OpenAIStreamDecoder {
        OpenAIStreamDecoder(context: context)
    }

    struct Request: Encodable {
        struct Message: Encodable {
            var role: String
            var content: String
        }

        struct StreamOptions: Encodable {
            var include_usage: Bool
        }

        var model: String
        var messages: [Message]
        var temperature: Double?
        var max_tokens: Int?
        /// OpenAI's reasoning models take the limit only under this name (`ModelQuirks`).
        var max_completion_tokens: Int?
        var reasoning_effort: String?
        var seed: Int?
        var stream: Bool
        var stream_options: StreamOptions?
        var response_format: ResponseFormat?
    }

    /// `{"type": "json_schema", "json_schema": {"name", "schema", "strict"}}` (OpenAI's
    /// Structured Outputs; `strict` when the schema qualifies, `StructuredForm.strictEligible`) or `{"type": "json_object", "schema": ...}` (llama-cpp-python's
    /// server); see `StructuredForm`.
    struct ResponseFormat: Encodable {
        struct NamedSchema: Encodable {
            var name: String
            var schema: JSONValue
            var strict: Bool
        }

        var type: String
        var json_schema: NamedSchema?
        var schema: JSONValue?

        /// The `response_format` of `form`, nil when the form sends none.
        static func of(_ form: StructuredForm, _ schema: ResponseSchema) -> ResponseFormat? {
            switch form {
            case .jsonSchema:
                ResponseFormat(type: "json_schema", json_schema: NamedSchema(
                        name: schema.name, schema: schema.schema, strict: StructuredForm.strictEligible(schema.schema)))
            case .jsonObject:
                ResponseFormat(type: "json_object", schema: schema.schema)
            case .forcedTool, .offeredTool, .instruction:
                nil
            }
        }
    }

    /// Every optional parameter is left out when `adjustments` says so; a left-out `max_tokens`
    /// is sent as `max_completion_tokens`. `reasoning_effort` and `seed` are sent only when set.
    /// A response schema is sent in the form `StructuredForm.openAI(adjustments)` says, and the
    /// forms after the first also put the instruction in the last user message.
    func requestBody(for request: ChatRequest, adjustments: RequestAdjustments) throws -> Data {
        let limitName = adjustments.omits("max_tokens") ? "max_completion_tokens" : "max_tokens"
        var messages = request.messages
        var responseFormat: ResponseFormat?
        if let schema = request.responseSchema {
            let form = StructuredForm.openAI(adjustments)
            responseFormat = ResponseFormat.of(form, schema)
            messages = StructuredForm.appending(form.instruction(for: schema), to: messages)
        }
        let wire = Request(
            model: request.model,
            messages: messages.map { Request.Message(role: $0.role.rawValue, content: $0.content) },
            temperature: adjustments.omits("temperature") ? nil : request.temperature,
            max_tokens: limitName == "max_tokens" ? request.maxTokens : nil,
            max_completion_tokens: limitName == "max_completion_tokens" && !adjustments.omits("max_completion_tokens")
                ? request.maxTokens : nil,
            reasoning_effort: adjustments.omits("reasoning_effort") ? nil : request.reasoningEffort?.rawValue,
            seed: adjustments.omits("seed") ? nil : request.seed,
            stream: true,
            stream_options: adjustments.omits("stream_options") ? nil : Request.StreamOptions(include_usage: true),
            response_format: responseFormat
        )
        return try JSONEncoder().encode(wire)
    }

    /// A model `ModelQuirks` knows goes without temperature (recorded unless the asked one is 1,
    /// the only value it takes) and sends its limit as `max_completion_tokens`.
    func plannedAdjustments(for request: ChatRequest) -> RequestAdjustments {
        var adjustments = RequestAdjustments()
        let quirks = ModelQuirks.forModel(request.model)
        if quirks.fixedTemperature {
            adjustments.omit(
                "temperature",
                reason: request.temperature == 1
                    ? nil : "\(request.model) takes only the default temperature (1); sent without it")
        }
        if quirks.maxCompletionTokens {
            adjustments.omit(
                "max_tokens",
                reason: request.maxTokens == nil
                    ? nil : "\(request.model) requires max_completion_tokens; sent as max_completion_tokens")
        }
        return adjustments
    }

    func refusableParameters(for request: ChatRequest, adjustments: RequestAdjustments) -> [RefusableParameter] {
        var list: [RefusableParameter] = []
        func add(_ parameter: RefusableParameter, if sent: Bool) {
            if sent && !adjustments.omits(parameter.key) { list.append(parameter) }
        }
        add(RefusableParameter("temperature"), if: true)
        add(RefusableParameter("max_tokens", instead: "sent as max_completion_tokens"), if: request.maxTokens != nil)
        add(RefusableParameter("stream_options", instead: "sent without it (token counts are estimated)"), if: true)
        add(RefusableParameter("reasoning_effort"), if: request.reasoningEffort != nil)
        add(RefusableParameter("seed"), if: request.seed != nil)
        // The schema's forms, one at a time (`StructuredForm`): the one sent now may be refused.
        if request.responseSchema != nil {
            switch StructuredForm.openAI(adjustments) {
            case .jsonSchema:
                list.append(
                    RefusableParameter(
                        "response_format", setting: "schema",
                        instead: "sent as response_format json_object with the schema (llama-cpp-python's form) and the schema in the prompt",
                        key: StructuredForm.jsonSchemaKey, refusedWhat: "response_format json_schema", anyComplaintRefuses: true))
            case .jsonObject:
                list.append(
                    RefusableParameter(
                        "response_format", setting: "schema",
                        instead: "sent without response_format: the schema is an instruction in the prompt and the JSON is read from the answer text",
                        key: StructuredForm.jsonObjectKey, refusedWhat: "response_format json_object", anyComplaintRefuses: true))
            case .forcedTool, .offeredTool, .instruction:
                break
            }
        }
        return list
    }

    /// One streamed chunk (`chat.completion.chunk`), a whole non-streamed answer
    /// (`chat.completion`, its text in `message`), or an error object (`error`, or vLLM's
    /// `object: "error"` with a top-level `message`).
    struct Chunk: Decodable {
        struct Choice: Decodable {
            /// A `delta` (streamed) or a `message` (whole answer). Reasoning arrives apart from
            /// the content under one of two names: `reasoning_content` (DeepSeek's API,
            /// llama.cpp's server, vLLM before 0.10, SGLang, LiteLLM) or `reasoning` (Ollama,
            /// OpenRouter, vLLM since its RFC #27755). Some servers send both with the same text
            /// (vLLM's backward-compatible delta), so `reasoningText` takes one, never both.
            struct Content: Decodable {
                var content: MessageContent?
                var reasoning_content: String?
                var reasoning: String?

                /// The reasoning of this delta: `reasoning_content` first, else `reasoning`.
                var reasoningText: String? {
                    if let reasoning_content, !reasoning_content.isEmpty { return reasoning_content }
                    return reasoning
                }
            }

            var delta: Content?
            var message: Content?
            var finish_reason: String?
        }

        struct Usage: Decodable {
            struct CompletionDetails: Decodable {
                var reasoning_tokens: Int?
            }

            struct PromptDetails: Decodable {
                var cached_tokens: Int?
            }

            var prompt_tokens: Int?
            var completion_tokens: Int?
            var completion_tokens_details: CompletionDetails?
            var prompt_tokens_details: PromptDetails?
        }

        var object: String?
        var choices: [Choice]?
        var usage: Usage?
        var error: ServerErrorPayload?
        var message: String?
        var type: String?
    }

    /// A message's `content`: a string (every server), or a list of typed parts (Mistral's
    /// Magistral models stream `[{"type": "thinking", "thinking": [{"type": "text", "text": "..."}]}]`
    /// and then `[{"type": "text", "text": "..."}]`, and may go back to plain strings later in the
    /// same stream; see Mistral's "Reasoning" documentation). Parts of other types (references,
    /// images) carry no answer text and are skipped.
    enum MessageContent: Decodable, Hashable {
        case string(String)
        case parts([Part])

        struct Part: Decodable, Hashable {
            var type: String?
            var text: String?
            /// A thinking part's content: parts of its own (Mistral), or a plain string.
            var thinking: [Part]?

            private enum CodingKeys: String, CodingKey {
                case type, text, thinking
            }

            init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: CodingKeys.self)
                type = try c.decodeIfPresent(String.self, forKey: .type)
                text = try c.decodeIfPresent(String.self, forKey: .text)
                if let plain = try? c.decodeIfPresent(String.self, forKey: .thinking) {
                    thinking = [Part(text: plain)]
                } else {
                    thinking = try c.decodeIfPresent([Part].self, forKey: .thinking)
                }
            }

            init(type: String? = "text", text: String?) {
                self.type = type
                self.text = text
                self.thinking = nil
            }

            /// All the text of this part and the parts inside it, in order.
            var allText: String {
                (text ?? "") + (thinking ?? []).map(\.allText).joined()
            }
        }

        init(from decoder: any Decoder) throws {
            let single = try decoder.singleValueContainer()
            if let text = try? single.decode(String.self) {
                self = .string(text)
            } else {
                self = .parts(try single.decode([Part].self))
            }
        }

        /// The pieces in order, each as answer text or reasoning; empty pieces dropped.
        var chunks: [ChatChunk] {
            switch self {
            case .string(let text):
                return text.isEmpty ? [] : [.text(text)]
            case .parts(let parts):
                return parts.compactMap { part -> ChatChunk? in
                    switch part.type {
                    case "thinking"?, "reasoning"?:
                        let thought = part.allText
                        return thought.isEmpty ? nil : .reasoning(thought)
                    case "text"?, nil:
                        guard let text = part.text, !text.isEmpty else { return nil }
                        return .text(text)
                    default:
                        return nil
                    }
                }
            }
        }
    }
}

extension OpenAIWire.Chunk.Usage {
    var tokenUsage: TokenUsage {
        TokenUsage(
            promptTokens: prompt_tokens, completionTokens: completion_tokens, approximate: false,
            reasoningTokens: completion_tokens_details?.reasoning_tokens,
            cachedPromptTokens: prompt_tokens_details?.cached_tokens)
    }
}

/// The model of every OpenAI-compatible server.
typealias OpenAICompatibleModel = HTTPChatModel<OpenAIWire>
