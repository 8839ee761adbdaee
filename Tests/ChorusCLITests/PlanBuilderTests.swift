import Chorus
import Testing

@testable import ChorusCLI

@Suite struct PlanBuilderTests {
    func loaded(
        _ toml: String = "", environment: [String: String] = [:], flags: (inout SettingValues) throws -> Void = { _ in }
    ) throws -> LoadedSettings {
        let dir = TempDir()
        let path = dir.write("c.toml", toml)
        var values = SettingValues()
        try flags(&values)
        return try LoadedSettings.load(.init(configFlag: path, flags: values), environment: environment, home: dir.path)
    }

    @Test func spreadsTemperaturesAndCyclesFocusAreas() throws {
        var l = try loaded(environment: ["OPENAI_API_KEY": "k"]) { v in
            try v.set(\.workers, .string("3"), at: .flag("--workers"))
            try v.set(\.focus, .array([.string("cost"), .string("risk")]), at: .flag("--focus"))
            try v.set(\.provider, .string("openai"), at: .flag("--provider"))
        }
        l.settings.model = Sourced("m", .builtIn)
        let plan = try PlanBuilder(l).plan(task: "q")
        #expect(plan.workers.map(\.temperature) == [0.2, 0.6, 1.0])
        #expect(plan.workers.map(\.focus) == ["cost", "risk", "cost"])
        #expect(plan.workers.allSatisfy { $0.model == ModelChoice(provider: "openai", model: "m", baseURL: "https://api.openai.com/v1") })
        #expect(plan.aggregator.model.model == "m")
    }

    @Test func baseURLAloneMeansAnOpenAICompatibleServer() async throws {
        var l = try loaded { v in try v.set(\.baseURL, .string("http://127.0.0.1:9999/v1"), at: .flag("--base-url")) }
        try await l.selectProvider(probe: { _ in nil })
        let plan = try PlanBuilder(l).plan(task: "q")
        #expect(plan.workers[0].model == ModelChoice(provider: "openai", model: "gpt-4o-mini", baseURL: "http://127.0.0.1:9999/v1"))
    }

    @Test func hostedProviderWithoutItsKeyIsOneLine() throws {
        let l = try loaded { v in try v.set(\.provider, .string("anthropic"), at: .flag("--provider")) }
        #expect(throws: ChorusError.usage("provider 'anthropic' needs an API key but ANTHROPIC_API_KEY is not set; export ANTHROPIC_API_KEY=..., or pick another provider with --provider")) {
            try PlanBuilder(l).plan(task: "q")
        }
    }

    @Test func unknownProviderFlag() throws {
        let l = try loaded { v in try v.set(\.provider, .string("gemini"), at: .flag("--provider")) }
        #expect(throws: ChorusError.usage("--provider gemini: no such provider; use one of: anthropic, local, ollama, openai, or define [providers.gemini] in the config file")) {
            try PlanBuilder(l).plan(task: "q")
        }
    }

    @Test func aggregatorOnAnotherProvider() throws {
        let l = try loaded(
            "[defaults]\nprovider = \"local\"\naggregator_provider = \"lab\"\n[providers.lab]\nbase_url = \"http://10.1.1.1/v1\"\nmodel = \"big\"\n")
        let plan = try PlanBuilder(l).plan(task: "q")
        #expect(plan.workers[0].model == ModelChoice(provider: "local", model: "local", baseURL: "http://127.0.0.1:8080/v1"))
        #expect(plan.aggregator.model == ModelChoice(provider: "lab", model: "big", baseURL: "http://10.1.1.1/v1"))
    }

    @Test func ollamaNeedsAModelName() throws {
        let l = try loaded("[defaults]\nprovider = \"ollama\"\n")
        #expect(throws: ChorusError.usage("provider 'ollama' has no default model; pass --model NAME or set model in [providers.ollama] (see `ollama list`)")) {
            try PlanBuilder(l).plan(task: "q")
        }
    }

    @Test func aListedWorkerWithoutItsOwnMaxTokensKeepsTheProfiles() throws {
        let l = try loaded(
            "[profiles.p]\nprovider = \"local\"\nmax_tokens = 80\n[[profiles.p.workers]]\nfocus = \"a\"\n[[profiles.p.workers]]\nfocus = \"b\"\nmax_tokens = 20\n\n[defaults]\nprofile = \"p\"\n")
        let plan = try PlanBuilder(l).plan(task: "q")
        #expect(plan.workers.map(\.maxTokens) == [80, 20], "the first worker has none of its own: the profile's 80")
        var flagged = try loaded("[profiles.p]\nprovider = \"local\"\n[[profiles.p.workers]]\nmax_tokens = 20\n[defaults]\nprofile = \"p\"\n") { v in
            try v.set(\.maxTokens, .string("7"), at: .flag("--max-tokens"))
        }
        flagged.settings.workers = Sourced(1, .builtIn)
        #expect(try PlanBuilder(flagged).plan(task: "q").workers.map(\.maxTokens) == [7])
    }

    @Test func emptyTaskIsAPlanProblem() throws {
        let l = try loaded("[defaults]\nprovider = \"local\"\n")
        #expect(throws: ChorusError.usage("task: the task is empty; give the question as an argument or on standard input")) {
            try PlanBuilder(l).plan(task: "  ")
        }
    }
}

@Suite struct DiscoveryTests {
    let catalog = try! ProviderCatalog(config: ConfigFile(), environment: [:])

    @Test func openAIKeyFirstThenAnthropicThenLocalServers() async {
        let never: LocalServerProbe = { _ in nil }
        #expect(await ProviderDiscovery.discover(environment: ["OPENAI_API_KEY": "k", "ANTHROPIC_API_KEY": "k"], catalog: catalog, probe: never)?.provider == "openai")
        #expect(await ProviderDiscovery.discover(environment: ["OPENAI_BASE_URL": "http://h/v1"], catalog: catalog, probe: never)?.provider == "openai")
        #expect(await ProviderDiscovery.discover(environment: ["ANTHROPIC_API_KEY": "k"], catalog: catalog, probe: never)?.provider == "anthropic")
        let ollamaOnly: LocalServerProbe = { url in url.contains("11434") ? ServerProbeAnswer(models: ["llama3.2"]) : nil }
        let found = await ProviderDiscovery.discover(environment: [:], catalog: catalog, probe: ollamaOnly)
        #expect(found == .init(provider: "ollama", model: "llama3.2", reason: "a server answers at http://127.0.0.1:11434/v1"))
        let both: LocalServerProbe = { _ in ServerProbeAnswer(models: ["x"]) }
        #expect(await ProviderDiscovery.discover(environment: [:], catalog: catalog, probe: both)?.provider == "local")
    }

    @Test func nothingFoundIsTheUnreachableExitWithOneClearMessage() async throws {
        var loaded = try LoadedSettings.load(.init(), environment: [:], home: TempDir().path)
        await #expect(throws: ChorusError(
            "no model provider found: OPENAI_API_KEY and ANTHROPIC_API_KEY are not set and no local server answers at http://127.0.0.1:8080/v1 or http://127.0.0.1:11434/v1; start the local model with `scripts/local-llm start`, or export OPENAI_API_KEY (or ANTHROPIC_API_KEY), or pass --base-url URL",
            code: .unreachable)
        ) {
            try await loaded.selectProvider(probe: { _ in nil })
        }
    }

    @Test func aProfileWhoseWorkersNameProvidersNeedsNoDiscovery() async throws {
        let dir = TempDir()
        let path = dir.write(
            "c.toml",
            """
            [providers.a]
            base_url = "http://127.0.0.1:9101/v1"
            model = "m"
            [providers.b]
            base_url = "http://127.0.0.1:9102/v1"
            model = "m"
            [profiles.p]
            [[profiles.p.workers]]
            provider = "a"
            [[profiles.p.workers]]
            provider = "b"
            """)
        var loaded = try LoadedSettings.load(.init(configFlag: path, profileFlag: "p"), environment: [:], home: dir.path)
        try await loaded.selectProvider(probe: { _ in nil })
        #expect(loaded.settings.provider == Sourced("a", .derived("the first listed worker's provider")))
        let plan = try PlanBuilder(loaded).plan(task: "q")
        #expect(plan.workers.map(\.model.baseURL) == ["http://127.0.0.1:9101/v1", "http://127.0.0.1:9102/v1"])
        #expect(plan.aggregator.model.provider == "a")
    }

    @Test func discoveredProviderIsRecordedAsSuch() async throws {
        var loaded = try LoadedSettings.load(.init(), environment: ["ANTHROPIC_API_KEY": "k"], home: TempDir().path)
        try await loaded.selectProvider(probe: { _ in nil })
        #expect(loaded.settings.provider == Sourced("anthropic", .discovered("ANTHROPIC_API_KEY is set")))
    }

    @Test func badOpenAIBaseURLVariable() {
        #expect(throws: ChorusError.usage("OPENAI_BASE_URL=localhost: not an http(s) URL; write e.g. http://127.0.0.1:8080/v1")) {
            try ProviderCatalog(config: ConfigFile(), environment: ["OPENAI_BASE_URL": "localhost"])
        }
    }
}

@Suite struct AggregatorFallbackTests {
    @Test func fallbackChainFromTheConfig() throws {
        let dir = TempDir()
        let path = dir.write(
            "c.toml",
            "[defaults]\nprovider = \"local\"\n[defaults.aggregator]\nfallback = [\"ollama:llama3.2:1b\", \"local\"]\n")
        let loaded = try LoadedSettings.load(.init(configFlag: path), environment: [:], home: dir.path)
        let plan = try PlanBuilder(loaded).plan(task: "q")
        #expect(plan.aggregator.fallbackModels == [
            ModelChoice(provider: "ollama", model: "llama3.2:1b", baseURL: "http://127.0.0.1:11434/v1"),
            ModelChoice(provider: "local", model: "local", baseURL: "http://127.0.0.1:8080/v1"),
        ])
    }

    @Test func unknownFallbackProviderNamesTheVariable() throws {
        let loaded = try LoadedSettings.load(
            .init(), environment: ["CHORUS_PROVIDER": "local", "CHORUS_AGGREGATOR_FALLBACK": "nope:x"], home: TempDir().path)
        #expect(throws: ChorusError.usage("CHORUS_AGGREGATOR_FALLBACK=nope: no such provider; use one of: anthropic, local, ollama, openai, or define [providers.nope] in the config file")) {
            try PlanBuilder(loaded).plan(task: "q")
        }
    }

    @Test func malformedFallbackEntry() {
        #expect(throws: ChorusError.usage("/c.toml: [defaults.aggregator] fallback = [\":m\"]: a model is empty or has no provider; write \"PROVIDER\" or \"PROVIDER:MODEL\"")) {
            try ConfigFile.parse(toml: "[defaults.aggregator]\nfallback = [\":m\"]\n", path: "/c.toml")
        }
    }
}
