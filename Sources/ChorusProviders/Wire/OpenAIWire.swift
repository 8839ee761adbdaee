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

    func makeDecoder(_ context: ErrorContext) -> OpenAIStreamDecoder {
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
    }

    /// Every optional parameter is left out when `adjustments` says so; a left-out `max_tokens`
    /// is sent as `max_completion_tokens`. `reasoning_effort` and `seed` are sent only when set.
    func requestBody(for request: ChatRequest, adjustments: RequestAdjustments) throws -> Data {
        let limitName = adjustments.omits("max_tokens") ? "max_completion_tokens" : "max_tokens"
        let wire = Request(
            model: request.model,
            messages: request.messages.map { Request.Message(role: $0.role.rawValue, content: $0.content) },
            temperature: adjustments.omits("temperature") ? nil : request.temperature,
            max_tokens: limitName == "max_tokens" ? request.maxTokens : nil,
            max_completion_tokens: limitName == "max_completion_tokens" && !adjustments.omits("max_completion_tokens")
                ? request.maxTokens : nil,
            reasoning_effort: adjustments.omits("reasoning_effort") ? nil : request.reasoningEffort?.rawValue,
            seed: adjustments.omits("seed") ? nil : request.seed,
            stream: true,
            stream_options: adjustments.omits("stream_options") ? nil : Request.StreamOptions(include_usage: true)
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
            if sent && !adjustments.omits(parameter.name) { list.append(parameter) }
        }
        add(RefusableParameter("temperature"), if: true)
        add(RefusableParameter("max_tokens", instead: "sent as max_completion_tokens"), if: request.maxTokens != nil)
        add(RefusableParameter("stream_options", instead: "sent without it (token counts are estimated)"), if: true)
        add(RefusableParameter("reasoning_effort"), if: request.reasoningEffort != nil)
        add(RefusableParameter("seed"), if: request.seed != nil)
        return list
    }

    /// One streamed chunk (`chat.completion.chunk`), a whole non-streamed answer
    /// (`chat.completion`, its text in `message`), or an error object (`error`, or vLLM's
    /// `object: "error"` with a top-level `message`).
    struct Chunk: Decodable {
        struct Choice: Decodable {
            struct Content: Decodable {
                var content: String?
            }

            var delta: Content?
            var message: Content?
            var finish_reason: String?
        }

        struct Usage: Decodable {
            var prompt_tokens: Int?
            var completion_tokens: Int?
        }

        var object: String?
        var choices: [Choice]?
        var usage: Usage?
        var error: ServerErrorPayload?
        var message: String?
        var type: String?
    }
}

extension OpenAIWire.Chunk.Usage {
    var tokenUsage: TokenUsage {
        TokenUsage(promptTokens: prompt_tokens, completionTokens: completion_tokens, approximate: false)
    }
}

/// The model of every OpenAI-compatible server.
typealias OpenAICompatibleModel = HTTPChatModel<OpenAIWire>
