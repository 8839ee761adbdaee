import Chorus
import ChorusProviders

/// A named back end: `[providers.NAME]` in the config file, or one of the built-ins.
public struct ProviderEntry: Sendable, Equatable {
    public var name: String
    public var kind: ProviderKind
    public var baseURL: String
    /// The environment variable holding the API key (`api_key_env`); never the key itself.
    public var apiKeyVariable: String?
    /// Extra HTTP headers sent with every request (`headers = { "X-Org" = "..." }`).
    public var headers: [String: String]
    /// The model used when no `--model` / `model` says otherwise.
    public var defaultModel: String?
    /// `chorus batch`: this provider's own requests and tokens per minute (`rpm`, `tpm`), e.g.
    /// the tier of its account. A `--rpm` flag or `CHORUS_RPM` overrides it for one invocation.
    public var rateLimit: RateLimit
    /// `price_in`/`price_out` (and `price_cached_in`): what every model of this provider costs,
    /// over the bundled table; nil to use the table.
    public var price: ModelPrice?

    public init(
        name: String, kind: ProviderKind, baseURL: String, apiKeyVariable: String? = nil,
        headers: [String: String] = [:], defaultModel: String? = nil, rateLimit: RateLimit = .none
    ) {
        self.rateLimit = rateLimit
        self.name = name
        self.kind = kind
        self.baseURL = baseURL
        self.apiKeyVariable = apiKeyVariable
        self.headers = headers
        self.defaultModel = defaultModel
    }
}
