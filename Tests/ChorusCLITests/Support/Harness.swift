import Chorus
import ChorusTestSupport
import Foundation
import Synchronization

@testable import ChorusCLI

/// A temporary folder, removed when the value is released.
final class TempDir: Sendable {
    let path: String
    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-cli-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let file = path + "/" + name
        try? FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        return file
    }

    func read(_ name: String) -> String? {
        FileManager.default.contents(atPath: path + "/" + name).flatMap { String(data: $0, encoding: .utf8) }
    }
}

/// Lines appended from any task, read by the test.
final class Log: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var entries: [String] { lines.withLock { $0 } }
}

/// Runs `chorus` in-process with buffers for stdout/stderr, a fixed environment, a temporary
/// HOME, and models from a factory (scripted, never the network).
struct Harness {
    let home: TempDir
    let out = TextBuffer()
    let err = TextBuffer()
    var environment: [String: String] = [:]
    var stdin: TextInput = .text("", isTerminal: true)
    var stdoutIsTerminal = false
    var stderrIsTerminal = false
    var probe: LocalServerProbe = { _ in nil }
    var models: ModelFactory = { _ in InstantModel(answer: "42") }
    var clock: any Clock<Duration> = ContinuousClock()
    var interactive: InteractiveFrontEnd?
    var themes = ThemeDirectory()
    var interrupts = InterruptSource.none
    /// Connections asked of the model runtime, and whether it was shut down.
    let runtimeLog = Log()

    init(environment: [String: String] = ["OPENAI_API_KEY": "sk-SENTINEL-0123456789"]) {
        self.home = TempDir()
        self.environment = environment
    }

    /// A harness over an existing home folder (a second invocation in the same place).
    init(reusing home: TempDir, environment: [String: String] = ["OPENAI_API_KEY": "sk-SENTINEL-0123456789"]) {
        self.home = home
        self.environment = environment
    }

    var context: CLIContext {
        let models = self.models
        let probe = self.probe
        let log = runtimeLog
        var env = environment
        env["HOME"] = home.path
        if env["TERM"] == nil { env["TERM"] = "xterm-256color" }
        return CLIContext(
            environment: env, home: home.path, stdout: out.output(isTerminal: stdoutIsTerminal, width: 100),
            stderr: err.output(isTerminal: stderrIsTerminal, width: 100), stdin: stdin,
            services: ChorusServices(
                makeRuntime: { _, connections in
                    log.append("make \(connections)")
                    return ModelRuntime(factory: models, probe: probe, shutdown: { log.append("shutdown") })
                },
                interactive: interactive, themes: themes, interrupts: interrupts, clock: clock),
            now: { Date(timeIntervalSince1970: 1_800_000_000) })
    }

    @discardableResult
    func run(_ arguments: [String]) async -> Int32 {
        await ChorusMain.run(arguments: arguments, context: context)
    }

    var configPath: String { home.path + "/.config/chorus/config.toml" }

    func writeConfig(_ toml: String) {
        home.write(".config/chorus/config.toml", toml)
    }

    var sessionsDirectory: String { home.path + "/.local/state/chorus/sessions" }

    func savedSessions() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: sessionsDirectory)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }
}

/// A model per worker: the request's temperature picks the script, so each worker can behave
/// differently while the factory stays one closure.
func decode(_ json: String) -> [String: Any]? {
    try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
}
