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
    /// Where the UI's save key writes (the `--save` path, else a new file in the sessions folder).
    public var savePath: String

    public init(start: Start, models: @escaping ModelFactory, clock: any Clock<Duration>, theme: String, savePath: String) {
        self.start = start
        self.models = models
        self.clock = clock
        self.theme = theme
        self.savePath = savePath
    }
}

/// How the UI ended.
public struct InteractiveOutcome: Sendable {
    /// The record as it stood when the UI closed.
    public var record: RunRecord
    /// The person quit while workers or the aggregation were still running.
    public var quitWhileRunning: Bool
    /// The file the UI saved to, if it did.
    public var savedPath: String?

    public init(record: RunRecord, quitWhileRunning: Bool, savedPath: String? = nil) {
        self.record = record
        self.quitWhileRunning = quitWhileRunning
        self.savedPath = savedPath
    }
}

/// The terminal UI as the command line sees it. The live one (Wiring/) wraps ChorusTUI.
public struct InteractiveFrontEnd: Sendable {
    public var run: @Sendable (InteractiveRequest) async throws(ChorusError) -> InteractiveOutcome

    public init(run: @escaping @Sendable (InteractiveRequest) async throws(ChorusError) -> InteractiveOutcome) {
        self.run = run
    }
}
