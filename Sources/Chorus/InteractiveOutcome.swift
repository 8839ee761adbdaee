/// How an interactive session over a run ended: the record as it stood, and whether the person
/// (or a signal) cut the run short.
///
/// It lives in the core, not in the UI or the command line, because both speak it: the terminal
/// UI returns it and the command line reads it (to print the answer, save the session and pick
/// the exit status), and the command line sees the UI only through its `Wiring/` files. One type
/// here replaces a copy on each side of that seam.
public struct InteractiveOutcome: Sendable {
    /// The record as it stood when the session closed (after cancelled work settled).
    public var record: RunRecord
    /// The person quit (or a signal came) while workers or the aggregation were still running.
    public var quitWhileRunning: Bool
    /// The files the session's save key wrote, oldest first.
    public var savedPaths: [String]
    /// SIGINT, SIGTERM or SIGHUP, if one ended the session.
    public var signal: Int32?
    /// The conversation's turns before `record`, oldest first (follow-ups asked in the session,
    /// or a reopened conversation's); empty for a one-turn run.
    public var earlierTurns: [RunRecord] = []

    public init(
        record: RunRecord, quitWhileRunning: Bool, savedPaths: [String] = [], signal: Int32? = nil, earlierTurns: [RunRecord] = []
    ) {
        self.earlierTurns = earlierTurns
        self.record = record
        self.quitWhileRunning = quitWhileRunning
        self.savedPaths = savedPaths
        self.signal = signal
    }

    /// Every turn, `record` last: what is saved.
    public var conversation: Conversation { Conversation(turns: earlierTurns + [record]) }

    /// Ended by the person or a signal while the run was still going.
    public var interrupted: Bool { quitWhileRunning || signal != nil }

    /// The newest file the save key wrote.
    public var savedPath: String? { savedPaths.last }
}
