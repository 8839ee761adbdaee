import Chorus
import Foundation

/// The JSON of OpenAI's `/v1/chat/completions`, as far as Chorus uses it.
enum OpenAIWire {
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

    static func body(for request: ChatRequest) throws -> Data {
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
