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
        var temperature: Double
        var max_tokens: Int?
        var stream: Bool
        var stream_options: StreamOptions?
    }

    func requestBody(for request: ChatRequest) throws -> Data {
        let wire = Request(
            model: request.model,
            messages: request.messages.map { Request.Message(role: $0.role.rawValue, content: $0.content) },
            temperature: request.temperature,
            max_tokens: request.maxTokens,
            stream: true,
            stream_options: Request.StreamOptions(include_usage: true)
        )
        return try JSONEncoder().encode(wire)
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
