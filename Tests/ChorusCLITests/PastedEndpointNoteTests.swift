import Chorus
import ChorusTestSupport
import Synchronization
import Testing

@testable import ChorusCLI

/// A base URL pasted with its chat endpoint is trimmed to its base, wherever it was given
/// (flag, variable, config file, `[providers.X]`, `OPENAI_BASE_URL`), with one note on stderr
/// that names where, unless --quiet.
@Suite struct PastedEndpointNoteTests {
    func load(_ toml: String = "", environment: [String: String] = [:], flag: String? = nil) throws -> (LoadedSettings, String) {
        let dir = TempDir()
        let path = dir.write("c.toml", toml)
        var values = SettingValues()
        if let flag { try values.set(\.baseURL, .string(flag), at: .flag("--base-url")) }
        return (try LoadedSettings.load(.init(configFlag: path, flags: values), environment: environment, home: dir.path), path)
    }

    @Test func theFlagIsTrimmedWithANote() throws {
        let (loaded, _) = try load(flag: "http://127.0.0.1:9999/v1/chat/completions")
        #expect(loaded.settings.baseURL.value == "http://127.0.0.1:9999/v1")
        #expect(loaded.notes == ["note: --base-url ends in /v1/chat/completions; using http://127.0.0.1:9999/v1"])
    }

    @Test func theVariableAndTheConfigDefaultsAreTrimmedToo() throws {
        let (fromVariable, _) = try load(environment: ["CHORUS_BASE_URL": "http://h:1/v1/messages/"])
        #expect(fromVariable.settings.baseURL.value == "http://h:1/v1")
        #expect(fromVariable.notes == ["note: CHORUS_BASE_URL ends in /v1/messages; using http://h:1/v1"])
        let (fromFile, path) = try load("[defaults]\nbase_url = \"http://h:1/chat/completions\"\n")
        #expect(fromFile.settings.baseURL.value == "http://h:1")
        #expect(fromFile.notes == ["note: [defaults] base_url in \(path) ends in /chat/completions; using http://h:1"])
    }

    @Test func providerTablesAndOpenAIBaseURLAreTrimmed() throws {
        let toml = """
            [providers.proxy]
            kind = "anthropic"
            base_url = "http://user:pw@proxy:4000/v1/messages"
            """
        let (loaded, path) = try load(toml, environment: ["OPENAI_BASE_URL": "https://gw.example/openai/v1/chat/completions"])
        #expect(loaded.catalog.entry(named: "proxy")?.baseURL == "http://user:pw@proxy:4000/v1")
        #expect(loaded.catalog.entry(named: "openai")?.baseURL == "https://gw.example/openai/v1")
        #expect(loaded.notes.contains("note: [providers.proxy] base_url in \(path) ends in /v1/messages; using http://proxy:4000/v1"))
        #expect(loaded.notes.contains("note: OPENAI_BASE_URL ends in /v1/chat/completions; using https://gw.example/openai/v1"))
        #expect(!loaded.notes.joined().contains("pw"), "credentials never printed")
    }

    @Test func aBaseURLWithoutAnEndpointHasNoNote() throws {
        let (loaded, _) = try load(
            "[providers.p]\nbase_url = \"http://h:2/v1\"\n", environment: ["OPENAI_BASE_URL": "http://h:3/v1"], flag: "http://h:1/v1")
        #expect(loaded.notes.isEmpty)
        #expect(loaded.settings.baseURL.value == "http://h:1/v1")
    }

    @Test func theRunPrintsTheNoteAndCallsTheBase() async {
        let seen = Mutex<[String]>([])
        var h = Harness()
        h.models = { choice in
            seen.withLock { $0.append(choice.baseURL ?? "") }
            return InstantModel(answer: "42")
        }
        #expect(await h.run(["run", "q", "--base-url", "http://127.0.0.1:9/v1/chat/completions", "--workers", "1"]) == 0)
        #expect(h.err.text.contains("chorus: note: --base-url ends in /v1/chat/completions; using http://127.0.0.1:9/v1\n"), "\(h.err.text)")
        #expect(seen.withLock { $0 }.allSatisfy { $0 == "http://127.0.0.1:9/v1" })
        #expect(!seen.withLock { $0 }.isEmpty)

        var quiet = Harness()
        quiet.models = { _ in InstantModel(answer: "42") }
        #expect(await quiet.run(["run", "q", "--quiet", "--base-url", "http://127.0.0.1:9/v1/chat/completions", "--workers", "1"]) == 0)
        #expect(!quiet.err.text.contains("note:"))
    }
}
