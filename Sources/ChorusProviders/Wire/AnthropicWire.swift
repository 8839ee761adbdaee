import Chorus
import Foundation

/// The JSON of Anthropic's `/v1/messages`, as far as Chorus uses it.
enum AnthropicWire {
    struct Request: Encodable {
        struct Message: Encodable {
            var role: String
            var content: String
        }

        var model: String
        var max_tokens: Int
        var system: String?
        var messages: [Message]
        var temperature: Double
        var stream: Bool
    }

    /// System messages (a worker's focus area) go in `system`, joined by a blank line.
    /// The rest become `messages`, consecutive ones of the same role merged (the API wants
    /// user and assistant to alternate). Temperature is clamped to Anthropic's 0...1, since a
    /// plan may spread workers up to 2.0 for OpenAI-compatible servers.
    static func body(for request: ChatRequest, defaultMaxTokens: Int) throws -> Data {
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
        let wire = Request(
            model: request.model,
            max_tokens: request.maxTokens ?? defaultMaxTokens,
            system: system.isEmpty ? nil : system.joined(separator: "\n\n"),
            messages: messages,
            temperature: min(1, max(0, request.temperature)),
            stream: true
        )
        return try JSONEncoder().encode(wire)
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
    struct Event: Decodable {
        struct Message: Decodable {
            var usage: Usage?
        }

        struct Delta: Decodable {
            var type: String?
            var text: String?
            var stop_reason: String?
        }

        struct ContentBlock: Decodable {
            var type: String?
            var text: String?
        }

        var type: String?
        var message: Message?
        var delta: Delta?
        var usage: Usage?
        var error: ServerErrorPayload?
        var content: [ContentBlock]?
        var stop_reason: String?
    }
}
