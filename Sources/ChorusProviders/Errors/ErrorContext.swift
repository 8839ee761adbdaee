/// What an error message needs to know about the call that failed, gathered once per call so
/// every `ProviderError` names the same provider, URL, model and key variable, and is cleaned
/// of the same secrets.
struct ErrorContext: Sendable {
    let provider: ProviderKind
    /// The URL as shown (no query, no credentials).
    let url: String
    let host: String
    let port: Int
    let model: String
    let keyVariable: String
    let keySent: Bool
    let secrets: [String]

    init(settings: ProviderSettings, endpoint: ProviderEndpoint, path: String, model: String) {
        self.provider = settings.kind
        self.url = endpoint.displayURL(path)
        self.host = endpoint.host
        self.port = endpoint.port
        self.model = model
        self.keyVariable = settings.keyVariableName
        self.keySent = settings.apiKey != nil
        self.secrets = settings.secrets
    }

    func error(
        _ kind: ProviderError.Kind, status: Int? = nil, summary: String, detail: String? = nil, fix: String
    ) -> ProviderError {
        ProviderError(
            kind: kind, provider: provider, url: url, status: status, summary: summary, detail: detail, fix: fix,
            secrets: secrets
        )
    }

    /// The error for a response whose status is not 2xx, with the server's message.
    func httpError(status: Int, serverMessage: String?) -> ProviderError {
        let label = "HTTP \(status)"
        switch status {
        case 401, 403:
            let fix =
                keySent
                ? "check \(keyVariable) (the server refused this key\(status == 403 ? " for this model" : ""))"
                : "set \(keyVariable) (no API key was sent)"
            return error(
                .unauthorized, status: status, summary: "\(label) \(status == 401 ? "unauthorized" : "forbidden")",
                detail: serverMessage, fix: fix
            )
        case 404:
            return error(
                .notFound, status: status, summary: "\(label) not found", detail: serverMessage,
                fix: "check the model name '\(model)' and the base URL (OpenAI-compatible ones usually end in /v1)"
            )
        case 400, 413, 422:
            return error(
                .badRequest, status: status, summary: "\(label) bad request", detail: serverMessage,
                fix: "the server refused the request; check the model name '\(model)', max tokens and temperature"
            )
        case 429:
            return error(
                .rateLimited, status: status, summary: "\(label) rate limited", detail: serverMessage,
                fix: "wait and retry, or run fewer workers at once"
            )
        case 500...599:
            let what = status == 529 ? "overloaded" : "server error"
            return error(
                .serverError, status: status, summary: "\(label) \(what)", detail: serverMessage,
                fix: "the server failed; retry later or check its log"
            )
        default:
            return error(
                .httpStatus, status: status, summary: label, detail: serverMessage,
                fix: "check the base URL points at a \(provider.wire.apiName) API"
            )
        }
    }

    /// The stream ended without its end marker.
    func truncated(marker: String) -> ProviderError {
        error(
            .truncated, status: 200, summary: "the stream ended without \(marker) (the answer may be cut short)",
            fix: "retry; if it keeps happening, check the server's log"
        )
    }

    /// The body broke the wire format.
    func malformed(_ what: String, snippet: String? = nil) -> ProviderError {
        error(
            .malformedResponse, status: 200, summary: what, detail: snippet,
            fix: "check that the base URL points at a \(provider.wire.apiName) API"
        )
    }

    /// An error the server reported inside a 200 stream. Overload and rate-limit errors keep a
    /// transient kind, so they are retried when no text came yet (Anthropic's mid-stream
    /// `overloaded_error` is the common case).
    func reported(_ message: String, type: String?) -> ProviderError {
        let label = type.map { "the server reported \($0) in the stream" } ?? "the server reported an error in the stream"
        let lowered = type?.lowercased() ?? ""
        let kind: ProviderError.Kind =
            if lowered.contains("overloaded") || lowered.contains("server_error") || lowered == "api_error" {
                .serverError
            } else if lowered.contains("rate_limit") {
                .rateLimited
            } else {
                .serverReportedError
            }
        return error(
            kind, status: 200, summary: label, detail: message,
            fix: "retry; if it keeps happening, check the model name '\(model)' and the server's log"
        )
    }
}
