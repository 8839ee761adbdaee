import ChorusProviders
import Foundation

/// Everything a command needs to know about its settings: the config file, the effective values
/// with their origins, the providers, the paths. Built once per invocation by `load`.
public struct LoadedSettings: Sendable, Equatable {
    public var config: ConfigFile
    /// The config file looked at (found or not) and why that one (flag, `CHORUS_CONFIG`, default).
    public var configPath: Sourced<String>
    public var configFound: Bool
    public var settings: EffectiveSettings
    public var catalog: ProviderCatalog
    public var paths: ChorusPaths
    public var environment: [String: String]
    /// Lines for stderr about how a setting was read (e.g. a base URL pasted with its endpoint
    /// and trimmed), printed before the run unless --quiet (`PreparedRun`).
    public var notes: [String] = []

    /// What the command line contributed; the rest comes from the environment and the file.
    public struct Inputs: Sendable, Equatable {
        public var configFlag: String?
        public var profileFlag: String?
        public var flags: SettingValues

        public init(configFlag: String? = nil, profileFlag: String? = nil, flags: SettingValues = SettingValues()) {
            self.configFlag = configFlag
            self.profileFlag = profileFlag
            self.flags = flags
        }
    }

    /// Reads the config file (`--config` > `CHORUS_CONFIG` > `$XDG_CONFIG_HOME/chorus/config.toml`)
    /// and stacks every layer. Any problem is one `ChorusError` line with the usage exit code.
    public static func load(_ inputs: Inputs, environment: [String: String], home: String) throws(ChorusError) -> LoadedSettings {
        let paths = ChorusPaths(environment: environment, home: home)
        let configPath: Sourced<String>
        if let flag = inputs.configFlag {
            guard !flag.isEmpty else { throw .usage("--config: the path is empty; give a file, e.g. --config ~/chorus.toml") }
            configPath = Sourced(paths.expand(flag), .flag("--config"))
        } else if let variable = environment["CHORUS_CONFIG"], !variable.isEmpty {
            configPath = Sourced(paths.expand(variable), .environment(variable: "CHORUS_CONFIG"))
        } else {
            configPath = Sourced(paths.defaultConfigFile, .builtIn)
        }
        let required = configPath.source != .builtIn
        let config = try ConfigFile.load(path: configPath.value, required: required)
        var settings = try SettingsResolver.resolve(
            config: config, profileFlag: inputs.profileFlag, environment: environment, flags: inputs.flags)
        let catalog = try ProviderCatalog(config: config, environment: environment)
        var notes = catalog.notes
        if let url = settings.baseURL.value, let trimmed = PastedEndpoint.trim(url) {
            notes.append(PastedEndpointNote.text(source: settings.baseURL.source, endpoint: trimmed.endpoint, base: trimmed.shown))
            settings.baseURL = Sourced(trimmed.base, settings.baseURL.source)
        }
        notes += FocusCount.apply(to: &settings)
        notes += MinAgreementCheck.notes(settings)
        return LoadedSettings(
            config: config, configPath: configPath, configFound: config.path != nil, settings: settings,
            catalog: catalog, paths: paths, environment: environment, notes: notes)
    }

    /// Where sessions are saved automatically: `[sessions] directory`, else the XDG state folder.
    public var sessionsDirectory: String {
        config.sessions.directory.map(paths.expand) ?? paths.defaultSessionsDirectory
    }
}
