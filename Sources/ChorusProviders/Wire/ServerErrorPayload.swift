import Foundation

/// The `error` member servers put in a JSON body or stream chunk. Seen in the wild:
/// `{"error": {"message": "...", "type": "...", "code": ...}}` (OpenAI, Anthropic's
/// `{"type": "error", "error": {...}}`, vLLM, Groq) and `{"error": "text"}` (Ollama,
/// llama.cpp). Both decode here; `null` decodes as no error.
struct ServerErrorPayload: Decodable, Sendable, Hashable {
    var message: String
    var type: String?

    private enum CodingKeys: String, CodingKey {
        case message, type, code
    }

    init(message: String, type: String?) {
        self.message = message
        self.type = type
    }

    init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self.init(message: text, type: nil)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let message = (try? container.decodeIfPresent(String.self, forKey: .message)) ?? nil
        let type = (try? container.decodeIfPresent(String.self, forKey: .type)) ?? nil
        let code =
            ((try? container.decodeIfPresent(String.self, forKey: .code)) ?? nil)
            ?? ((try? container.decodeIfPresent(Int.self, forKey: .code)) ?? nil).map(String.init)
        self.init(message: message ?? code ?? type ?? "unknown error", type: type ?? code)
    }
}

/// Finds the human message in the body of a failed response, whatever the server's dialect.
enum ServerErrorMessage {
    /// The message and its type (e.g. "overloaded_error"), or a snippet of a non-JSON body,
    /// or nil for an empty body.
    static func extract(from body: [UInt8]) -> (message: String, type: String?)? {
        guard !body.isEmpty else { return nil }
        if let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] {
            if let error = object["error"] as? [String: Any] {
                let type = error["type"] as? String ?? (error["code"] as? String)
                if let message = error["message"] as? String { return (message, type) }
                if let type { return (type, type) }
            }
            if let text = object["error"] as? String { return (text, nil) }
            if let message = object["message"] as? String { return (message, object["type"] as? String) }
            if let detail = object["detail"] as? String { return (detail, nil) }
            if let details = object["detail"] as? [[String: Any]],
                let first = details.first?["msg"] as? String
            {
                return (first, nil)
            }
        }
        let text = String(decoding: body.prefix(400), as: UTF8.self)
        return (text, nil)
    }
}
