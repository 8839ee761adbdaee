import Foundation

/// One request the fake server received, and what became of it: what tests assert on
/// (headers sent, the system message, whether the client hung up early).
public struct RecordedRequest: Sendable, Hashable, Codable {
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// The response is still being written.
        case open
        /// The whole response was written.
        case completed
        /// The client closed the connection before the response was complete (a cancel).
        case clientClosed = "client_closed"
        /// The server closed it on purpose mid-response (`drop`), or was stopped.
        case serverClosed = "server_closed"
    }

    /// From 0, in arrival order.
    public var index: Int
    public var method: String
    public var path: String
    /// Header names lowercased; repeated headers joined with ", ".
    public var headers: [String: String]
    public var body: String
    /// From the JSON body, when present.
    public var model: String?
    /// OpenAI system messages, or Anthropic's `system` field, joined with "\n".
    public var systemText: String
    /// The user (and assistant) message texts, joined with "\n".
    public var userText: String
    public var stream: Bool?
    public var temperature: Double?
    public var maxTokens: Int?
    /// The status sent, once the head went out; 429 as soon as the rate limit or a storm
    /// turned the request away (before its head went out).
    public var status: Int?
    /// Why the server-wide rate limit turned the request away (`rate_limit` or `storm`); nil
    /// when it was let through (even if it then failed as its script or directives said).
    public var limitedBy: FakeRateLimiter.Cause?
    public var outcome: Outcome
    /// Milliseconds since the server started, when the whole request had arrived (the time
    /// the rate limit judged it by, to within microseconds).
    public var openedAtMs: Double
    public var headSentAtMs: Double?
    public var endedAtMs: Double?
    /// Text tokens written.
    public var tokensSent: Int

    enum CodingKeys: String, CodingKey {
        case index, method, path, headers, body, model
        case systemText = "system_text", userText = "user_text", stream, temperature
        case maxTokens = "max_tokens", status, limitedBy = "limited_by", outcome
        case openedAtMs = "opened_at_ms", headSentAtMs = "head_sent_at_ms", endedAtMs = "ended_at_ms"
        case tokensSent = "tokens_sent"
    }

    /// Every message text, for rule matching and directive markers.
    var texts: [String] { [systemText, userText] }

    init(index: Int, method: String, path: String, headers: [String: String], body: String, openedAtMs: Double) {
        self.index = index
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.systemText = ""
        self.userText = ""
        self.outcome = .open
        self.openedAtMs = openedAtMs
        self.tokensSent = 0
        parseBody()
    }

    /// Fills model, messages and settings from an OpenAI or Anthropic JSON body.
    private mutating func parseBody() {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else { return }
        model = object["model"] as? String
        stream = object["stream"] as? Bool
        temperature = (object["temperature"] as? NSNumber)?.doubleValue
        maxTokens = (object["max_tokens"] as? NSNumber)?.intValue
        var system: [String] = []
        var user: [String] = []
        if let text = object["system"] as? String { system.append(text) }
        for message in object["messages"] as? [[String: Any]] ?? [] {
            let content = Self.text(of: message["content"])
            if message["role"] as? String == "system" { system.append(content) } else { user.append(content) }
        }
        systemText = system.joined(separator: "\n")
        userText = user.joined(separator: "\n")
    }

    /// A message's text, whether `content` is a string or a list of `{type: text, text}` parts.
    private static func text(of content: Any?) -> String {
        if let text = content as? String { return text }
        let parts = content as? [[String: Any]] ?? []
        return parts.compactMap { $0["text"] as? String }.joined()
    }
}
