import Chorus
import Testing

@testable import ChorusCLI

/// flags > environment > profile > config [defaults] > built-in defaults, each value with its origin.
@Suite struct PrecedenceTests {
    static let config = """
        [defaults]
        workers = 4
        timeout = 20
        strategy = "vote"
        model = "from-defaults"

        [profiles.fast]
        workers = 2
        model = "from-profile"

        [profiles.listed]
        [[profiles.listed.workers]]
        label = "a"
        model = "model-a"
        temperature = 0.1
        [[profiles.listed.workers]]
        label = "b"
        focus = "risk"
        """

    func load(
        profile: String? = nil, environment: [String: String] = [:], flags: SettingValues = SettingValues()
    ) throws -> LoadedSettings {
        let dir = TempDir()
        let path = dir.write("config.toml", Self.config)
        return try LoadedSettings.load(
            .init(configFlag: path, profileFlag: profile, flags: flags), environment: environment, home: dir.path)
    }

    @Test func builtInsApplyWhenNothingElseSays() throws {
        let s = try LoadedSettings.load(.init(), environment: [:], home: TempDir().path).settings
        #expect(s.workers == Sourced(3, .builtIn))
        #expect(s.temperature == Sourced(0.2...1.0, .builtIn))
        #expect(s.timeout == Sourced(15, .builtIn))
        #expect(s.strategy == Sourced(.auto, .builtIn))
    }

    @Test func configDefaultsBeatBuiltIns() throws {
        let loaded = try load()
        let path = loaded.configPath.value
        #expect(loaded.settings.workers == Sourced(4, .configDefaults(path: path)))
        #expect(loaded.settings.idleTimeout == Sourced(10, .builtIn))
    }

    @Test func profileBeatsDefaults() throws {
        let loaded = try load(profile: "fast")
        let path = loaded.configPath.value
        #expect(loaded.settings.workers == Sourced(2, .profile(name: "fast", path: path)))
        #expect(loaded.settings.model == Sourced("from-profile", .profile(name: "fast", path: path)))
        #expect(loaded.settings.timeout == Sourced(20, .configDefaults(path: path)))
        #expect(loaded.settings.profile == Sourced("fast", .flag("--profile")))
    }

    @Test func environmentBeatsProfile() throws {
        let loaded = try load(profile: "fast", environment: ["CHORUS_WORKERS": "5", "CHORUS_FOCUS": "cost, speed"])
        #expect(loaded.settings.workers == Sourced(5, .environment(variable: "CHORUS_WORKERS")))
        #expect(loaded.settings.focus.value == ["cost", "speed"])
    }

    @Test func flagsBeatEverything() throws {
        var flags = SettingValues()
        try flags.set(\.workers, .string("7"), at: .flag("--workers"))
        try flags.set(\.strategy, .string("judge"), at: .flag("--strategy"))
        let loaded = try load(profile: "fast", environment: ["CHORUS_WORKERS": "5"], flags: flags)
        #expect(loaded.settings.workers == Sourced(7, .flag("--workers")))
        #expect(loaded.settings.strategy == Sourced(.judge, .flag("--strategy")))
    }

    @Test func profileChoiceFlagThenVariableThenDefaults() throws {
        let dir = TempDir()
        let path = dir.write("c.toml", "[defaults]\nprofile = \"a\"\n[profiles.a]\nworkers = 1\n[profiles.b]\nworkers = 2\n")
        func chosen(_ flag: String?, _ env: [String: String]) throws -> Sourced<String>? {
            try LoadedSettings.load(.init(configFlag: path, profileFlag: flag), environment: env, home: dir.path).settings.profile
        }
        #expect(try chosen(nil, [:]) == Sourced("a", .configDefaults(path: path)))
        #expect(try chosen(nil, ["CHORUS_PROFILE": "b"]) == Sourced("b", .environment(variable: "CHORUS_PROFILE")))
        #expect(try chosen("a", ["CHORUS_PROFILE": "b"]) == Sourced("a", .flag("--profile")))
    }

    @Test func unknownProfileNamesTheChoices() throws {
        let error = #expect(throws: ChorusError.self) { try load(profile: "slow") }
        #expect(error?.message.hasPrefix("--profile slow: no such profile in ") == true)
        #expect(error?.message.hasSuffix("use one of: fast, listed") == true)
        #expect(error?.code == .usage)
    }

    @Test func badEnvironmentValueNamesTheVariable() {
        #expect(throws: ChorusError.usage("CHORUS_STRATEGY=best: unknown strategy; use one of auto, synthesize, concatenate, vote, judge")) {
            try load(environment: ["CHORUS_STRATEGY": "best"])
        }
    }

    @Test func configPathFlagThenVariableThenXDG() throws {
        let dir = TempDir()
        let a = dir.write("a.toml", "[defaults]\nworkers = 1\n")
        dir.write("xdg/chorus/config.toml", "[defaults]\nworkers = 2\n")
        let env = ["XDG_CONFIG_HOME": dir.path + "/xdg"]
        #expect(try LoadedSettings.load(.init(), environment: env, home: dir.path).settings.workers.value == 2)
        #expect(try LoadedSettings.load(.init(), environment: env.merging(["CHORUS_CONFIG": a]) { $1 }, home: dir.path).settings.workers.value == 1)
        #expect(throws: ChorusError.self) {
            try LoadedSettings.load(.init(configFlag: dir.path + "/missing.toml"), environment: env, home: dir.path)
        }
    }

    // MARK: - Listed workers

    @Test func aProfileListingWorkersSetsEachOne() throws {
        var loaded = try load(profile: "listed")
        loaded.settings.provider = Sourced("local", .builtIn)
        let plan = try PlanBuilder(loaded).plan(task: "t")
        #expect(plan.workers.count == 2)
        #expect(plan.workers[0].label == "a")
        #expect(plan.workers[0].model.model == "model-a")
        #expect(plan.workers[0].temperature == 0.1)
        // Unset fields fall back to the run's values: the [defaults] model, the spread temperature.
        #expect(plan.workers[1].model.model == "from-defaults")
        #expect(plan.workers[1].temperature == 1.0)
        #expect(plan.workers[1].focus == "risk")
        #expect(plan.workers[1].timeout == .seconds(20))
    }

    @Test func flagsOverrideEveryListedWorker() throws {
        var flags = SettingValues()
        try flags.set(\.model, .string("flagged"), at: .flag("--model"))
        try flags.set(\.temperature, .string("0.5"), at: .flag("--temperature"))
        try flags.set(\.workers, .string("3"), at: .flag("--workers"))
        var loaded = try load(profile: "listed", flags: flags)
        loaded.settings.provider = Sourced("local", .builtIn)
        let plan = try PlanBuilder(loaded).plan(task: "t")
        #expect(plan.workers.map(\.model.model) == ["flagged", "flagged", "flagged"])
        #expect(plan.workers.map(\.temperature) == [0.5, 0.5, 0.5])
        // More workers than listed: the list cycles.
        #expect(plan.workers.map(\.label) == ["a", "b", "a"])
    }
}
