import Chorus

/// What the command line asks of the terminal UI: watch a new run, or reopen a saved one.
public struct InteractiveRequest: Sendable {
    public enum Start: Sendable {
        /// A new run: the UI starts it and shows it live.
        case plan(Plan)
        /// A saved session: shown as it was; failed workers can be retried, the strategy switched.
        case reopen(RunRecord)
    }

    public var start: Start
    public var models: ModelFactory
    public var clock: any Clock<Duration>
    /// Theme name or path, already checked to load.
    public var theme: String
    /// The command's environment (`CLIContext.environment`), where the UI finds the user's theme
    /// folder and `NO_COLOR`: the same one the theme was checked against, not the process's.
    public var environment: [String: String]
    /// Where the UI's save key (`y`) writes the answer: the current folder.
    public var saveDirectory: String
    /// A reopened conversation's turns before the one in `start` (issue 17), oldest first.
    public var earlierTurns: [RunRecord] = []
    /// What a follow-up asked in the UI (`f`) sends as each worker's assistant turns (`follow_up`).
    public var followUp: FollowUpMode = .own
    /// Resolves the UI's variant form into a worker's settings (README "Variant reruns").
    public var resolveVariant: VariantResolver?
    /// The settings' notes (`LoadedSettings.notes`, e.g. the `--focus` count warning), printed
    /// before the UI opens; the UI shows them too, joined, as its first status message.
    public var notes: [String] = []

    public init(
        start: Start, models: @escaping ModelFactory, clock: any Clock<Duration>, theme: String,
        environment: [String: String], saveDirectory: String = "."
    ) {
        self.start = start
        self.models = models
        self.clock = clock
        self.theme = theme
        self.environment = environment
        self.saveDirectory = saveDirectory
    }
}

/// Why the UI did not run.
///
/// Not the UI's own `TerminalUI.StartError`: besides "the terminal could not start" (which the
/// command line answers by printing the run instead) it carries a `ChorusError` with its exit
/// status, a command-line type the core cannot know and the UI should not. The live front end
/// (Wiring/) translates one into the other; code outside Wiring/ never sees ChorusTUI.
public enum InteractiveFailure: Error, Sendable, Equatable {
    /// The terminal could not be set up (nothing ran yet): a new run falls back to headless output.
    case cannotStart(String)
    /// Anything else, already one line with its exit status.
    case error(ChorusError)
}

/// The terminal UI as the command line sees it. The live one (Wiring/) wraps ChorusTUI.
public struct InteractiveFrontEnd: Sendable {
    public var run: @Sendable (InteractiveRequest) async throws(InteractiveFailure) -> InteractiveOutcome

    public init(run: @escaping @Sendable (InteractiveRequest) async throws(InteractiveFailure) -> InteractiveOutcome) {
        self.run = run
    }
}
