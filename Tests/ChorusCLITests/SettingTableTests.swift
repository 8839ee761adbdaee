import ArgumentParser
import Chorus
import Testing

@testable import ChorusCLI

/// Every setting of the table, walked: each one round-trips through its flag, its environment
/// variable, a profile and `[defaults]`, and `chorus config` reports it with its source. A
/// setting declared in the table but not wired somewhere fails here.
@Suite struct SettingTableTests {
    /// The setting's example, checked by its own rule: what every layer must produce.
    func expected(_ setting: any AnySetting) throws -> SettingBox {
        var values = SettingValues()
        try values.set(setting, .string(setting.info.example), at: .flag("example"))
        return try #require(values.storage[setting.info.key])
    }

    func load(_ setting: any AnySetting, toml: String = "", profile: String? = nil, environment: [String: String] = [:],
              flags: SettingValues = SettingValues()) throws -> (LoadedSettings, path: String) {
        let dir = TempDir()
        let path = dir.write("config.toml", toml)
        let loaded = try LoadedSettings.load(
            .init(configFlag: path, profileFlag: profile, flags: flags), environment: environment, home: dir.path)
        return (loaded, path)
    }

    /// The flags' layer as the command that carries the flag parses it.
    func flags(_ setting: any AnySetting) throws -> SettingValues {
        let flag = try #require(setting.info.flag)
        var values = SettingValues()
        if setting.info.scope == .batch {
            let command = try BatchRunCommand.parse(["items.jsonl", flag, setting.info.example])
            try SettingFlags.values(of: command, into: &values)
        } else {
            values = try RunOptions.parse([flag, setting.info.example]).settingValues()
        }
        return values
    }

    func expectReported(_ loaded: LoadedSettings, _ setting: any AnySetting, source: SettingSource) {
        let report = ConfigReport.render(loaded, plan: nil)
        let line = report.split(separator: "\n").first { $0.hasPrefix("  \(setting.info.key) ") }
        #expect(line != nil, "chorus config has no row for \(setting.info.key)")
        #expect(line?.hasSuffix(source.description) == true, "\(setting.info.key): \(line ?? "") does not end in \(source)")
    }

    @Test(arguments: SettingTable.all.map(\.info.key))
    func roundTripsThroughEveryLayer(key: String) throws {
        let setting = try #require(SettingTable.byKey[key])
        let value = try expected(setting)
        let toml = "\(key) = \"\(setting.info.example)\""

        if let flag = setting.info.flag {
            let (loaded, _) = try load(setting, flags: try flags(setting))
            #expect(loaded.settings.storage[key] == Sourced(value, .flag(flag)))
            expectReported(loaded, setting, source: .flag(flag))
        }

        let variable = setting.info.environmentVariable
        let (fromEnvironment, _) = try load(setting, environment: [variable: setting.info.example])
        #expect(fromEnvironment.settings.storage[key] == Sourced(value, .environment(variable: variable)))
        expectReported(fromEnvironment, setting, source: .environment(variable: variable))

        let (fromProfile, profilePath) = try load(setting, toml: "[profiles.p]\n\(toml)\n", profile: "p")
        let profileSource = SettingSource.profile(name: "p", path: profilePath)
        #expect(fromProfile.settings.storage[key] == Sourced(value, profileSource))
        expectReported(fromProfile, setting, source: profileSource)

        let (fromDefaults, defaultsPath) = try load(setting, toml: "[defaults]\n\(toml)\n")
        #expect(fromDefaults.settings.storage[key] == Sourced(value, .configDefaults(path: defaultsPath)))
        expectReported(fromDefaults, setting, source: .configDefaults(path: defaultsPath))
    }

    @Test(arguments: SettingTable.all.filter { $0.info.aggregatorKey != nil }.map(\.info.key))
    func anAggregatorSettingIsReadFromItsTable(key: String) throws {
        let setting = try #require(SettingTable.byKey[key])
        let aggregatorKey = try #require(setting.info.aggregatorKey)
        let (loaded, path) = try load(setting, toml: "[defaults.aggregator]\n\(aggregatorKey) = \"\(setting.info.example)\"\n")
        #expect(loaded.settings.storage[key] == Sourced(try expected(setting), .configDefaults(path: path)))
    }

    @Test(arguments: SettingTable.all.filter { $0.info.scope == .worker }.map(\.info.key))
    func aWorkerSettingIsReadFromAListedWorker(key: String) throws {
        let setting = try #require(SettingTable.byKey[key])
        let (loaded, _) = try load(setting, toml: "[profiles.p]\n[[profiles.p.workers]]\n\(key) = \"\(setting.info.example)\"\n", profile: "p")
        let worker = try #require(loaded.settings.workerList?.first)
        #expect(worker.values.storage[key] == (try expected(setting)))
    }

    @Test func everyOptionOfTheRunCommandsIsASettingOrDeclaredApart() {
        // The options that are not settings: where settings come from, and what to do with the run.
        // `file` and `save_context` (issue 17) are what this run is given, not how runs behave.
        let notSettings: Set = ["config", "profile", "save", "quiet", "plain", "over_budget", "file", "save_context"]
        for child in Mirror(reflecting: RunOptions()).children {
            let name = SettingFlags.snakeCase(child.label?.dropFirst() ?? "")
            #expect(SettingTable.byKey[name] != nil || notSettings.contains(name), "RunOptions.\(name) is neither a setting nor known")
        }
    }

    /// A negative number after a flag is the flag's value, checked by its rule, not a flag of its
    /// own ("Missing value for '--budget <usd>'" told the user nothing).
    @Test(arguments: ["--budget", "--head-timeout", "--workers", "--max-tokens"])
    func aNegativeValueGetsTheRulesMessage(flag: String) throws {
        let options = try RunOptions.parse([flag, "-1"])
        #expect(throws: ChorusError.self) { try options.settingValues() }
        do { _ = try options.settingValues() } catch {
            #expect(error.message.hasPrefix("\(flag) -1: "), "\(error.message)")
        }
    }

    @Test func keysAndSpellingsAreUnique() {
        let keys = SettingTable.all.map(\.info.key)
        #expect(Set(keys).count == keys.count)
        #expect(keys.count == SettingTable.byKey.count)
        #expect(SettingFlags.snakeCase("baseURL") == "base_url")
        #expect(SettingFlags.snakeCase("idleTimeout") == "idle_timeout")
    }
}
