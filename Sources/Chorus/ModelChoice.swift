/// Which model a worker (or the aggregator) talks to.
///
/// `provider` is a name the executable resolves to a real back end ("openai", "anthropic",
/// a named provider from the config file); the core only carries it. `baseURL` lets workers of
/// one run point at different servers (e.g. one local llama.cpp process per worker).
public struct ModelChoice: Sendable, Codable, Hashable {
    public var provider: String
    public var model: String
    public var baseURL: String?

    public init(provider: String, model: String, baseURL: String? = nil) {
        self.provider = provider
        self.model = model
        self.baseURL = baseURL
    }

    enum CodingKeys: String, CodingKey {
        case provider, model
        case baseURL = "base_url"
    }
}
