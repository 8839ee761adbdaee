import Foundation

/// A base URL pasted with its chat endpoint still on it, as people copy it from a server's
/// documentation or log: `http://host/v1/chat/completions` or `https://api.anthropic.com/v1/messages`.
/// Chorus adds the endpoint itself, so it would call `.../v1/chat/completions/chat/completions`
/// and get a 404 that names neither cause nor fix. Such a URL is trimmed to its base instead.
///
/// The endpoints are the two wires' chat paths (`OpenAIWire.chatPath`, `AnthropicWire.chatPath`),
/// trimmed whatever the provider's wire: no server's base legitimately ends in either. A
/// trailing slash is ignored; the query (e.g. Azure's `api-version`) is kept.
public enum PastedEndpoint {
    /// The chat paths that are trimmed, longest first.
    public static let endpoints = [OpenAIWire.chatPath, AnthropicWire.chatPath]

    /// The base URL without a pasted endpoint; what was trimmed as a person recognises it (the
    /// endpoint with the path segment before it, e.g. "/v1/chat/completions"); and the base as a
    /// message may show it (no `user:password@`, no query). Nil when `url` does not end in an
    /// endpoint (or is not a URL).
    public static func trim(_ url: String) -> (base: String, endpoint: String, shown: String)? {
        let text = url.trimmingCharacters(in: .whitespacesAndNewlines)
        guard var components = URLComponents(string: text), components.host != nil,
            let trimmed = trimPath(components.percentEncodedPath)
        else { return nil }
        components.percentEncodedPath = trimmed.path
        guard let base = components.string else { return nil }
        components.user = nil
        components.password = nil
        components.query = nil
        return (base, trimmed.endpoint, components.string ?? base)
    }

    /// The path without a pasted endpoint (and without trailing slashes), and what was
    /// trimmed (see `trim`); nil when the path does not end in an endpoint.
    static func trimPath(_ path: String) -> (path: String, endpoint: String)? {
        var path = path
        while path.hasSuffix("/") { path.removeLast() }
        guard let endpoint = endpoints.first(where: { path.lowercased().hasSuffix($0) }) else { return nil }
        let base = String(path.dropLast(endpoint.count))
        let segment = base.split(separator: "/").last.map { "/" + $0 } ?? ""
        return (base, segment + endpoint)
    }
}
