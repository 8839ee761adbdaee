import Chorus
import ChorusProviders
/// The parsed config file: defaults, named providers, named profiles, session settings.
///
/// Plain values with no TOML left in them; `ConfigFile+TOML.swift` builds this and rejects
/// anything malformed with one line naming the file, the key and the fix.
public struct ConfigFile: Sendable, Equatable {
    /// The file it was read from (for messages and `chorus config`); nil when no file exists.
    public var path: String?
    /// `[defaults]`: run settings used unless a profile, the environment or a flag says otherwise.
    public var defaults: SettingValues
    /// `profile = "NAME"` in `[defaults]`: the profile used when no `--profile` is given.
    public var defaultProfile: String?
    /// `[providers.NAME]`, sorted by name.
    public var providers: [ProviderEntry]
    /// `[profiles.NAME]`, sorted by name.
    public var profiles: [Profile]
    public var sessions: SessionSettings

    public init(
        path: String? = nil, defaults: SettingValues = SettingValues(), defaultProfile: String? = nil,
        providers: [ProviderEntry] = [], profiles: [Profile] = [], sessions: SessionSettings = SessionSettings()
    ) {
        self.path = path
        self.defaults = defaults
        self.defaultProfile = defaultProfile
        self.providers = providers
        self.profiles = profiles
        self.sessions = sessions
    }

    public func profile(named name: String) -> Profile? { profiles.first { $0.name == name } }
}

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

/// `[profiles.NAME]`: run settings, optionally every worker listed on its own, and the aggregator.
public struct Profile: Sendable, Equatable {
    public var name: String
    /// Top-level keys of the profile (same keys as `[defaults]`), plus `[profiles.NAME.aggregator]`.
    public var values: SettingValues
    /// `[[profiles.NAME.workers]]`, when the profile lists its workers individually.
    public var workers: [ProfileWorker]?

    public init(name: String, values: SettingValues = SettingValues(), workers: [ProfileWorker]? = nil) {
        self.name = name
        self.values = values
        self.workers = workers
    }
}

/// One `[[profiles.NAME.workers]]` entry; every field is optional and falls back to the run's value.
public struct ProfileWorker: Sendable, Equatable {
    public var label: String?
    public var focus: String?
    public var provider: String?
    public var model: String?
    public var temperature: Double?
    /// Seconds.
    public var timeout: Double?
    public var idleTimeout: Double?
    public var maxTokens: Int?

    public init(
        label: String? = nil, focus: String? = nil, provider: String? = nil, model: String? = nil,
        temperature: Double? = nil, timeout: Double? = nil, idleTimeout: Double? = nil, maxTokens: Int? = nil
    ) {
        self.label = label
        self.focus = focus
        self.provider = provider
        self.model = model
        self.temperature = temperature
        self.timeout = timeout
        self.idleTimeout = idleTimeout
        self.maxTokens = maxTokens
    }
}

/// `[sessions]`: where runs are saved automatically and how many are kept.
public struct SessionSettings: Sendable, Equatable {
    public static let defaultKeep = 100
    /// Save every run under `directory` (default true).
    public var autosave: Bool
    /// Newest sessions kept; older ones are deleted after each save.
    public var keep: Int
    /// Overrides `$XDG_STATE_HOME/chorus/sessions`.
    public var directory: String?

    public init(autosave: Bool = true, keep: Int = SessionSettings.defaultKeep, directory: String? = nil) {
        self.autosave = autosave
        self.keep = keep
        self.directory = directory
    }
}
