/// Stacks the layers in their order of precedence: flags > environment > profile > config
/// `[defaults]` > built-in defaults. Pure: every input is passed in, so precedence is unit-tested.
public enum SettingsResolver {
    /// - Parameters:
    ///   - config: the parsed config file (empty when there is none).
    ///   - profileFlag: `--profile NAME`, if given.
    ///   - environment: the process environment (for `CHORUS_*` and `CHORUS_PROFILE`).
    ///   - flags: the values given as flags, already checked.
    public static func resolve(
        config: ConfigFile, profileFlag: String?, environment: [String: String], flags: SettingValues
    ) throws(ChorusError) -> EffectiveSettings {
        var settings = EffectiveSettings()
        let path = config.path ?? "(no config file)"

        settings.apply(config.defaults) { _ in .configDefaults(path: path) }

        if let chosen = try chooseProfile(config: config, flag: profileFlag, environment: environment) {
            guard let profile = config.profile(named: chosen.value) else {
                throw noSuchProfile(chosen, config: config)
            }
            let source = SettingSource.profile(name: profile.name, path: path)
            settings.apply(profile.values) { _ in source }
            if let list = profile.workers {
                settings.workerList = list
                if profile.values.workers == nil { settings.workers = Sourced(list.count, source) }
            }
            settings.profile = chosen
        }

        let env = try SettingValues.fromEnvironment(environment)
        settings.apply(env) { .environment(variable: $0.info.environmentVariable) }
        settings.apply(flags) { .flag($0.info.flag ?? $0.info.key) }
        return settings
    }

    /// `--profile` beats `CHORUS_PROFILE`, which beats `[defaults] profile`.
    static func chooseProfile(
        config: ConfigFile, flag: String?, environment: [String: String]
    ) throws(ChorusError) -> Sourced<String>? {
        if let flag {
            guard !flag.isEmpty else { throw .usage("--profile: the profile name is empty; give one, e.g. --profile fast") }
            return Sourced(flag, .flag("--profile"))
        }
        if let name = environment["CHORUS_PROFILE"], !name.isEmpty {
            return Sourced(name, .environment(variable: "CHORUS_PROFILE"))
        }
        if let name = config.defaultProfile { return Sourced(name, .configDefaults(path: config.path ?? "")) }
        return nil
    }

    static func noSuchProfile(_ chosen: Sourced<String>, config: ConfigFile) -> ChorusError {
        let given: String
        switch chosen.source {
        case .environment(let variable): given = "\(variable)=\(chosen.value)"
        default: given = "--profile \(chosen.value)"
        }
        guard let path = config.path else {
            return .usage("\(given): there is no config file to define profiles; create one with [profiles.\(chosen.value)] or drop the profile")
        }
        let names = config.profiles.map(\.name)
        return .usage(
            "\(given): no such profile in \(path); "
                + (names.isEmpty ? "add [profiles.\(chosen.value)]" : "use one of: \(names.joined(separator: ", "))"))
    }
}
