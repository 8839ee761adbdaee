/// Everything a provider needs to reach one server. The model name is not here: it comes with
/// each `ChatRequest`, so one `ProviderSettings` serves every worker that uses the same server.
///
/// `description` never shows the API key, so printing settings (or a record that holds them)
/// cannot leak it.
public struct ProviderSettings: Sendable, Hashable {
    public var kind: ProviderKind
    /// OpenAI-compatible: the `OPENAI_BASE_URL` convention, with the version, e.g.
    /// `https://api.openai.com/v1`, `http://127.0.0.1:8080/v1`. A URL without any path
    /// (`http://127.0.0.1:8080`) gets `/v1` added; any other path is used as given
    /// (OpenRouter's `https://openrouter.ai/api/v1`, Gemini's `.../v1beta/openai`).
    /// Anthropic: `https://api.anthropic.com`, with or without a final `/v1`.
    public var baseURL: String
    /// Optional: local servers need none. Sent as `Authorization: Bearer` (OpenAI-compatible)
    /// or `x-api-key` (Anthropic).
    public var apiKey: String?
    /// Where the key comes from (e.g. "OPENAI_API_KEY", "GROQ_API_KEY"), named in the fix of an
    /// authentication error. Defaults to the kind's usual variable.
    public var apiKeyVariable: String?
    /// Sent with every request; they replace a default header of the same name (so e.g. Azure's
    /// `api-key` or OpenRouter's `HTTP-Referer` can be set).
    public var extraHeaders: [String: String]
    public var retry: RetryPolicy
    /// Anthropic's `anthropic-version` header.
    public var anthropicVersion: String
    /// Used when a request has no `maxTokens` and the wire format requires one (Anthropic).
    public var defaultMaxTokens: Int
    /// How long the server may take to send the response head. Kept long on purpose: a local
    /// server that serves one request at a time queues the others, and the engine's own
    /// per-worker deadline is what bounds a call.
    public var responseHeadTimeout: Duration

    public init(
        kind: ProviderKind,
        baseURL: String? = nil,
        apiKey: String? = nil,
        apiKeyVariable: String? = nil,
        extraHeaders: [String: String] = [:],
        retry: RetryPolicy = .standard,
        anthropicVersion: String = "2023-06-01",
        defaultMaxTokens: Int = 1024,
        responseHeadTimeout: Duration = .seconds(600)
    ) {
        self.kind = kind
        self.baseURL = baseURL ?? kind.defaultBaseURL
        self.apiKey = apiKey.flatMap { $0.isEmpty ? nil : $0 }
        self.apiKeyVariable = apiKeyVariable
        self.extraHeaders = extraHeaders
        self.retry = retry
        self.anthropicVersion = anthropicVersion
        self.defaultMaxTokens = defaultMaxTokens
        self.responseHeadTimeout = responseHeadTimeout
    }

    /// The variable named when authentication fails.
    var keyVariableName: String { apiKeyVariable ?? kind.defaultAPIKeyVariable }

    /// Values that must never appear in a message: the key, and extra header values whose name
    /// suggests a credential.
    var secrets: [String] {
        var values: [String] = apiKey.map { [$0] } ?? []
        for (name, value) in extraHeaders where Self.looksSecret(name) && value.count >= 4 {
            values.append(value)
            // "Bearer sk-..." also hides the bare token.
            if let space = value.firstIndex(of: " ") {
                let token = String(value[value.index(after: space)...])
                if token.count >= 4 { values.append(token) }
            }
        }
        return values
    }

    private static func looksSecret(_ headerName: String) -> Bool {
        let name = headerName.lowercased()
        return ["auth", "key", "token", "secret", "cookie"].contains { name.contains($0) }
    }
}

extension ProviderSettings: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        let key = apiKey == nil ? "none" : "set (hidden)"
        return "\(kind.rawValue) at \(baseURL), API key \(key)"
    }

    public var debugDescription: String { description }
}

extension ProviderSettings: CustomReflectable {
    /// `dump(settings)` and debuggers show that a key is set, never the key.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "kind": kind, "baseURL": baseURL, "apiKey": apiKey == nil ? "none" : "set (hidden)",
                "apiKeyVariable": keyVariableName, "extraHeaders": Array(extraHeaders.keys).sorted(),
                "retry": retry,
            ]
        )
    }
}
