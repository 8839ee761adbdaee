import Chorus
import Testing

@testable import ChorusCLI

@Suite struct ConfigFileTests {
    static let full = """
        [defaults]
        workers = 4
        temperature = [0.1, 0.9]
        focus = ["cost", "risk"]
        timeout = 20
        idle_timeout = 5.5
        strategy = "vote"
        provider = "lab"
        model = "smollm2"
        max_tokens = 256
        theme = "mono"
        profile = "review"

        [defaults.aggregator]
        model = "bigger"
        timeout = 60

        [providers.lab]
        kind = "openai"
        base_url = "http://10.0.0.5:8080/v1"
        api_key_env = "LAB_KEY"
        headers = { "X-Team" = "research" }

        [providers.openai]
        model = "gpt-4.1-mini"

        [profiles.review]
        strategy = "judge"

        [[profiles.review.workers]]
        label = "skeptic"
        focus = "what could go wrong"
        temperature = 0.2

        [[profiles.review.workers]]
        label = "optimist"
        provider = "openai"
        timeout = 30

        [profiles.review.aggregator]
        provider = "openai"
        model = "gpt-4.1"

        [sessions]
        keep = 20
        autosave = true
        directory = "~/chorus-sessions"
        """

    @Test func readsEveryTable() throws {
        let config = try ConfigFile.parse(toml: Self.full, path: "/c.toml")
        #expect(config.defaults.workers == 4)
        #expect(config.defaults.temperature == 0.1...0.9)
        #expect(config.defaults.focus == ["cost", "risk"])
        #expect(config.defaults.idleTimeout == 5.5)
        #expect(config.defaults.strategy == .vote)
        #expect(config.defaults.aggregatorModel == "bigger")
        #expect(config.defaults.aggregatorTimeout == 60)
        #expect(config.defaultProfile == "review")
        let lab = try #require(config.providers.first { $0.name == "lab" })
        #expect(lab == ProviderEntry(name: "lab", kind: .openai, baseURL: "http://10.0.0.5:8080/v1", apiKeyVariable: "LAB_KEY", headers: ["X-Team": "research"]))
        // Overriding a built-in keeps what the table does not set.
        let openai = try #require(config.providers.first { $0.name == "openai" })
        #expect(openai.baseURL == "https://api.openai.com/v1")
        #expect(openai.apiKeyVariable == "OPENAI_API_KEY")
        #expect(openai.defaultModel == "gpt-4.1-mini")
        let review = try #require(config.profile(named: "review"))
        #expect(review.values.strategy == .judge)
        #expect(review.values.aggregatorProvider == "openai")
        #expect(review.workers == [
            worker("skeptic") { $0.focus = ["what could go wrong"]; $0.temperature = 0.2...0.2 },
            worker("optimist") { $0.provider = "openai"; $0.timeout = 30 },
        ])
        #expect(config.sessions == SessionSettings(autosave: true, keep: 20, directory: "~/chorus-sessions"))
    }

    func worker(_ label: String, _ values: (inout SettingValues) -> Void) -> ProfileWorker {
        var worker = ProfileWorker(label: label)
        values(&worker.values)
        return worker
    }

    func problem(_ toml: String) -> String? {
        do {
            _ = try ConfigFile.parse(toml: toml, path: "/home/u/.config/chorus/config.toml")
            return nil
        } catch {
            #expect(error.code == .usage)
            return error.message
        }
    }

    @Test func syntaxErrorNamesFileLineAndColumn() throws {
        let message = try #require(problem("[defaults]\nworkers = 3\nmodel = \"unterminated\n"))
        #expect(message.hasPrefix("/home/u/.config/chorus/config.toml:3:"))
        #expect(message.contains("TOML syntax error"))
        #expect(message.hasSuffix("fix the file at line 3"))
    }

    @Test func reversedTemperatureInAProfile() {
        #expect(
            problem("[profiles.fast]\ntemperature = [1.0, 0.2]\n")
                == "/home/u/.config/chorus/config.toml: [profiles.fast] temperature = [1.0, 0.2]: the range is reversed; write MIN...MAX, e.g. 0.2...1.0"
        )
    }

    @Test func zeroWorkers() {
        #expect(
            problem("[defaults]\nworkers = 0\n")
                == "/home/u/.config/chorus/config.toml: [defaults] workers = 0: use at least 1 worker (e.g. 3)")
    }

    @Test func nonPositiveTimeout() {
        #expect(
            problem("[defaults]\ntimeout = 0\n")
                == "/home/u/.config/chorus/config.toml: [defaults] timeout = 0: a timeout must be above 0 seconds (e.g. 15)")
        #expect(
            problem("[[profiles.x.workers]]\ntimeout = -2\n")
                == "/home/u/.config/chorus/config.toml: [[profiles.x.workers]] #1 timeout = -2: a timeout must be above 0 seconds (e.g. 15)")
    }

    @Test func unknownProviderInAProfile() {
        #expect(
            problem("[profiles.fast]\nprovider = \"nope\"\n")
                == "/home/u/.config/chorus/config.toml: [profiles.fast] provider = \"nope\": no such provider; define [providers.nope] or use one of: anthropic, local, ollama, openai"
        )
        #expect(
            problem("[[profiles.fast.workers]]\nprovider = \"gpt\"\n")
                == "/home/u/.config/chorus/config.toml: [[profiles.fast.workers]] #1 provider = \"gpt\": no such provider; define [providers.gpt] or use one of: anthropic, local, ollama, openai"
        )
    }

    @Test func unknownKeySuggestsTheClosestOne() {
        #expect(
            problem("[defaults]\nwokers = 3\n")
                == "/home/u/.config/chorus/config.toml: [defaults] unknown key 'wokers'; did you mean 'workers'?")
        #expect(
            problem("[default]\nworkers = 3\n")
                == "/home/u/.config/chorus/config.toml: unknown key 'default'; did you mean 'defaults'?")
    }

    @Test func wrongTypeSaysWhatWasExpected() {
        #expect(
            problem("[defaults]\nworkers = \"many\"\n")
                == "/home/u/.config/chorus/config.toml: [defaults] workers = \"many\": expected a worker count (a whole number)")
        #expect(
            problem("[defaults]\nstrategy = 3\n")
                == "/home/u/.config/chorus/config.toml: [defaults] strategy = 3: expected a strategy name (auto, synthesize, concatenate, vote, judge), found an integer"
        )
    }

    @Test func contradictoryAggregatorSettings() {
        #expect(
            problem("[defaults]\nstrategy = \"vote\"\n[defaults.aggregator]\nstrategy = \"judge\"\n")
                == "/home/u/.config/chorus/config.toml: [defaults.aggregator] strategy and [defaults] strategy both set the same thing; keep one of them"
        )
    }

    @Test func unknownDefaultProfile() {
        #expect(
            problem("[defaults]\nprofile = \"fast\"\n[profiles.slow]\nworkers = 2\n")
                == "/home/u/.config/chorus/config.toml: [defaults] profile = \"fast\": no such profile; use one of: slow")
    }

    @Test func aKeyPastedIntoTheConfigIsRefusedWithoutEchoingIt() throws {
        let sentinel = "sk-SENTINEL-abcdef123456"
        let pasted = try #require(problem("[providers.lab]\nbase_url = \"http://h/v1\"\napi_key_env = \"\(sentinel)\"\n"))
        #expect(!pasted.contains(sentinel))
        #expect(pasted.contains("api_key_env must name the environment variable"))
        let inline = try #require(problem("[providers.lab]\nbase_url = \"http://h/v1\"\napi_key = \"\(sentinel)\"\n"))
        #expect(!inline.contains(sentinel))
        #expect(inline.contains("keys do not belong in the config file"))
    }

    @Test func newProviderNeedsABaseURLAndAKnownKind() {
        #expect(
            problem("[providers.lab]\nkind = \"openai\"\n")
                == "/home/u/.config/chorus/config.toml: [providers.lab] has no base_url; add one, e.g. base_url = \"http://127.0.0.1:8080/v1\""
        )
        #expect(
            problem("[providers.lab]\nkind = \"gemini\"\nbase_url = \"http://h/v1\"\n")
                == "/home/u/.config/chorus/config.toml: [providers.lab] kind = \"gemini\": unknown provider kind; use \"openai\" (any OpenAI-compatible server) or \"anthropic\""
        )
    }

    @Test func workersListOnlyInProfilesAndNeverEmpty() {
        #expect(
            problem("[defaults]\nworkers = [1, 2]\n")
                == "/home/u/.config/chorus/config.toml: [defaults] workers = [...]: list workers one by one in a profile ([[profiles.NAME.workers]]); here give a count, e.g. workers = 3"
        )
        #expect(
            problem("[profiles.p]\nworkers = []\n")
                == "/home/u/.config/chorus/config.toml: [profiles.p] workers = []: a profile needs at least 1 worker; add a [[profiles.p.workers]] table"
        )
        #expect(
            problem("[[profiles.p.workers]]\ntemperature = [0.1, 0.5]\n")
                == "/home/u/.config/chorus/config.toml: [[profiles.p.workers]] #1 temperature = [0.1, 0.5]: a worker has one temperature; write e.g. temperature = 0.7"
        )
    }

    @Test func sessionsKeepAtLeastOne() {
        #expect(
            problem("[sessions]\nkeep = 0\n")
                == "/home/u/.config/chorus/config.toml: [sessions] keep = 0: keep at least 1 session (e.g. 100), or set autosave = false to save none"
        )
    }

    @Test func missingFileIsFineAtTheDefaultPlaceButNotWhenNamed() throws {
        let dir = TempDir()
        #expect(try ConfigFile.load(path: dir.path + "/none.toml", required: false) == ConfigFile())
        #expect(throws: ChorusError.usage("\(dir.path)/none.toml: no such config file; check the path given to --config")) {
            try ConfigFile.load(path: dir.path + "/none.toml", required: true)
        }
    }
}
