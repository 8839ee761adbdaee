import Chorus
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
    /// `[prices."PROVIDER:MODEL"]`: prices that win over the bundled table, by "PROVIDER:MODEL".
    public var prices: [String: ModelPrice] = [:]

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
