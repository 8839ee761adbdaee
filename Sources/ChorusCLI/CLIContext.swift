import Chorus
import Foundation

/// Everything a command touches outside its own logic: environment, standard streams, the
/// services that reach models and the UI. `ChorusMain` builds the live one; tests build one with
/// buffers, a fixed environment and scripted models.
public struct CLIContext: Sendable {
    public var environment: [String: String]
    public var home: String
    public var stdout: TextOutput
    public var stderr: TextOutput
    public var stdin: TextInput
    public var services: ChorusServices
    public var now: @Sendable () -> Date

    public init(
        environment: [String: String], home: String? = nil, stdout: TextOutput, stderr: TextOutput, stdin: TextInput,
        services: ChorusServices, now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.environment = environment
        self.home = home ?? environment["HOME"] ?? NSHomeDirectory()
        self.stdout = stdout
        self.stderr = stderr
        self.stdin = stdin
        self.services = services
        self.now = now
    }

    /// Whether the terminal can show the UI: stdin (the keys) and stdout are TTYs and `TERM` is
    /// set and not "dumb". A task piped in on stdin therefore runs headless.
    public var canShowUI: Bool {
        let term = environment["TERM"] ?? ""
        return stdin.isTerminal && stdout.isTerminal && !term.isEmpty && term != "dumb"
    }
}

/// The model back end of one command: the process's one HTTP client behind a model factory and a
/// discovery probe. Made once per command (sized to the run's worker count + the aggregator) and
/// shut down on every path by `using`.
public struct ModelRuntime: Sendable {
    public var factory: ModelFactory
    /// Asks whether a local OpenAI-compatible server answers at a base URL (discovery).
    public var probe: LocalServerProbe
    public var shutdown: @Sendable () async -> Void
    /// How many model calls failed because the server could not be reached (for exit code 69).
    public var unreachableFailures: @Sendable () -> Int

    public init(
        factory: @escaping ModelFactory, probe: @escaping LocalServerProbe = { _ in nil },
        shutdown: @escaping @Sendable () async -> Void = {}, unreachableFailures: @escaping @Sendable () -> Int = { 0 }
    ) {
        self.factory = factory
        self.probe = probe
        self.shutdown = shutdown
        self.unreachableFailures = unreachableFailures
    }

    /// Runs `body`, then shuts the HTTP client down, whether `body` returned or threw.
    public func using<T>(_ body: () async throws(ChorusError) -> T) async throws(ChorusError) -> T {
        let result: Result<T, ChorusError>
        do { result = .success(try await body()) } catch { result = .failure(error) }
        await shutdown()
        return try result.get()
    }
}

/// Ctrl-C while a run is going: the first cancels the run (its partial record is still printed
/// and saved), a second one exits at once.
public struct InterruptSource: Sendable {
    /// Installs `handler` for SIGINT until the returned closure is called.
    public var install: @Sendable (_ handler: @escaping @Sendable () -> Void) -> @Sendable () -> Void

    public init(install: @escaping @Sendable (_ handler: @escaping @Sendable () -> Void) -> @Sendable () -> Void) {
        self.install = install
    }

    /// Never fires (tests that do not interrupt).
    public static let none = InterruptSource { _ in {} }
}

/// The seams between the command line and the world: models, discovery, UI, themes, clock.
/// `ChorusServices.live` (Wiring/) is the only place that names ChorusProviders and ChorusTUI.
public struct ChorusServices: Sendable {
    /// The model back end for a command whose runs make `connections` parallel calls
    /// (workers + aggregator).
    public var makeRuntime: @Sendable (_ loaded: LoadedSettings, _ connections: Int) throws(ChorusError) -> ModelRuntime
    /// The terminal UI, or nil where there is none.
    public var interactive: InteractiveFrontEnd?
    public var themes: ThemeDirectory
    public var interrupts: InterruptSource
    /// The clock runs are timed on (a manual one in tests).
    public var clock: any Clock<Duration>

    public init(
        makeRuntime: @escaping @Sendable (LoadedSettings, Int) throws(ChorusError) -> ModelRuntime,
        interactive: InteractiveFrontEnd? = nil, themes: ThemeDirectory = ThemeDirectory(),
        interrupts: InterruptSource = .none, clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.makeRuntime = makeRuntime
        self.interactive = interactive
        self.themes = themes
        self.interrupts = interrupts
        self.clock = clock
    }
}
