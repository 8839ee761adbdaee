/// What a server said when probed: it answered, and (when it lists them) its models.
public struct ServerProbeAnswer: Sendable, Equatable {
    public var models: [String]
    public init(models: [String] = []) { self.models = models }
}

/// Asks whether an OpenAI-compatible server answers at a base URL (nil: nothing answers there).
public typealias LocalServerProbe = @Sendable (_ baseURL: String) async -> ServerProbeAnswer?

/// Picks a provider when none was configured anywhere, in the order people expect: an OpenAI key
/// or base URL in the environment, then an Anthropic key, then a model server already running on
/// this machine (llama.cpp on 8080, Ollama on 11434).
public enum ProviderDiscovery {
    public struct Found: Sendable, Equatable {
        public var provider: String
        /// A model to use when none is configured (the first a local server lists).
        public var model: String?
        /// Why this one, for `chorus config` ("OPENAI_API_KEY is set").
        public var reason: String
    }

    /// The local servers tried, in order, by provider name.
    public static let localProviders = ["local", "ollama"]

    public static func discover(
        environment: [String: String], catalog: ProviderCatalog, probe: LocalServerProbe
    ) async -> Found? {
        func isSet(_ name: String) -> Bool { !(environment[name] ?? "").isEmpty }
        if isSet("OPENAI_API_KEY") { return Found(provider: "openai", reason: "OPENAI_API_KEY is set") }
        if isSet("OPENAI_BASE_URL") { return Found(provider: "openai", reason: "OPENAI_BASE_URL is set") }
        if isSet("ANTHROPIC_API_KEY") { return Found(provider: "anthropic", reason: "ANTHROPIC_API_KEY is set") }
        for name in localProviders {
            guard let entry = catalog.entry(named: name), let answer = await probe(entry.baseURL) else { continue }
            return Found(
                provider: name, model: entry.defaultModel == nil ? answer.models.first : nil,
                reason: "a server answers at \(entry.baseURL)")
        }
        return nil
    }

    /// The one message shown when nothing is configured and nothing answers.
    public static func nothingFoundMessage(catalog: ProviderCatalog) -> String {
        let urls = localProviders.compactMap { catalog.entry(named: $0)?.baseURL }.joined(separator: " or ")
        return "no model provider found: OPENAI_API_KEY and ANTHROPIC_API_KEY are not set and no local server answers at \(urls); "
            + "start the local model with `scripts/local-llm start`, or export OPENAI_API_KEY (or ANTHROPIC_API_KEY), or pass --base-url URL"
    }
}
