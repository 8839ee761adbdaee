import Foundation

/// The base URL of one server, checked and normalised once, so every request and every error
/// message uses the same form.
///
/// Rules (documented on `ProviderSettings.baseURL`):
/// - Where the API version goes is the wire's convention (`WireFormat.versionedPath`).
/// - A pasted chat endpoint (`/chat/completions`, `/messages`) is dropped (`PastedEndpoint`).
/// - A trailing `/` is dropped; a query (e.g. Azure's `api-version`) is kept on every request
///   but never shown in messages, nor is any `user:password@`.
struct ProviderEndpoint: Sendable, Hashable {
    let kind: ProviderKind
    /// scheme://host[:port]/path, without a trailing slash, query or credentials.
    let base: String
    /// The query of the base URL, sent with every request.
    let query: String?
    let host: String
    let port: Int
    let isTLS: Bool

    /// Where chat requests go.
    var chatPath: String { kind.wire.chatPath }

    /// The full URL to send a request to.
    func requestURL(_ path: String) -> String {
        base + path + (query.map { "?" + $0 } ?? "")
    }

    /// The URL as messages show it (no query, no credentials).
    func displayURL(_ path: String) -> String { base + path }

    static func resolve(kind: ProviderKind, baseURL: String) throws(ProviderError) -> ProviderEndpoint {
        let trimmed = baseURL.trimmingCharacters(in: .whitespacesAndNewlines)
        func invalid(_ why: String) -> ProviderError {
            ProviderError(
                kind: .invalidConfiguration, provider: kind, url: trimmed.isEmpty ? "(empty)" : trimmed,
                summary: "base URL \(why)",
                fix: "give an http or https URL, e.g. \(kind.wire.exampleBaseURL)"
            )
        }
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased() else {
            throw invalid("is not a URL")
        }
        guard scheme == "http" || scheme == "https" else { throw invalid("has scheme '\(scheme)', not http or https") }
        guard let host = components.host, !host.isEmpty else { throw invalid("has no host") }

        var path = components.path
        while path.hasSuffix("/") { path.removeLast() }
        // A pasted endpoint is trimmed here too, for callers that skip the command line's
        // settings (which trim it and say so): `.../v1/chat/completions` is the base `.../v1`.
        if let trimmed = PastedEndpoint.trimPath(path) { path = trimmed.path }
        path = kind.wire.versionedPath(path)
        let isTLS = scheme == "https"
        let port = components.port ?? (isTLS ? 443 : 80)
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let portPart = components.port.map { ":\($0)" } ?? ""
        let query = components.percentEncodedQuery.flatMap { $0.isEmpty ? nil : $0 }
        return ProviderEndpoint(
            kind: kind, base: "\(scheme)://\(hostPart)\(portPart)\(path)", query: query, host: host, port: port,
            isTLS: isTLS
        )
    }
}
