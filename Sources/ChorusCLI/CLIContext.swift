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

    /// Whether the terminal can show the UI: stdout is a TTY and `TERM` is not "dumb".
    public var canShowUI: Bool { stdout.isTerminal && environment["TERM"] != "dumb" }
}

/// The model back end of one run: the factory the controller calls, and the shared HTTP client's
/// shutdown, which every exit path must reach.
public struct ModelRuntime: Sendable {
    public var factory: ModelFactory
    public var shutdown: @Sendable () async -> Void
    /// How many model calls failed because the server could not be reached (for exit code 69).
    public var unreachableFailures: @Sendable () -> Int

    public init(
        factory: @escaping ModelFactory, shutdown: @escaping @Sendable () async -> Void = {},
        unreachableFailures: @escaping @Sendable () -> Int = { 0 }
    ) {
        self.factory = factory
        self.shutdown = shutdown
        self.unreachableFailures = unreachableFailures
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
    public var probe: LocalServerProbe
    /// The model back end for a run of `connections` parallel calls (workers + aggregator).
    public var makeModels: @Sendable (_ loaded: LoadedSettings, _ connections: Int) throws(ChorusError) -> ModelRuntime
    /// The terminal UI, or nil where there is none.
    public var interactive: InteractiveFrontEnd?
    public var themes: ThemeDirectory
    public var interrupts: InterruptSource
    /// The clock runs are timed on (a manual one in tests).
    public var clock: any Clock<Duration>

    public init(
        probe: @escaping LocalServerProbe,
        makeModels: @escaping @Sendable (LoadedSettings, Int) throws(ChorusError) -> ModelRuntime,
        interactive: InteractiveFrontEnd? = nil, themes: ThemeDirectory = ThemeDirectory(),
        interrupts: InterruptSource = .none, clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.probe = probe
        self.makeModels = makeModels
        self.interactive = interactive
        self.themes = themes
        self.interrupts = interrupts
        self.clock = clock
    }
}
