/// Which model a worker (or the aggregator) talks to.
///
/// `provider` is a name the executable resolves to a real back end ("openai", "anthropic",
/// a named provider from the config file); the core only carries it. `baseURL` lets workers of
/// one run point at different servers (e.g. one local llama.cpp process per worker).
public struct ModelChoice: Sendable, Codable, Hashable {
    public var provider: String
    public var model: String
    public var baseURL: String?
    /// What a call costs (looked up when the plan is built), so the record explains its own
    /// costs; nil in a plan made without prices (tests, records saved before prices existed).
    /// Not part of the choice's identity: the same model at a re-checked price is the same model
    /// (a resumed batch item still reopens its earlier run).
    public var pricing: Pricing?

    public init(provider: String, model: String, baseURL: String? = nil, pricing: Pricing? = nil) {
        self.provider = provider
        self.model = model
        self.baseURL = baseURL
        self.pricing = pricing
    }

    enum CodingKeys: String, CodingKey {
        case provider, model
        case baseURL = "base_url"
        case pricing = "price"
    }

    public static func == (a: ModelChoice, b: ModelChoice) -> Bool {
        a.provider == b.provider && a.model == b.model && a.baseURL == b.baseURL
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(provider)
        hasher.combine(model)
        hasher.combine(baseURL)
    }
}
