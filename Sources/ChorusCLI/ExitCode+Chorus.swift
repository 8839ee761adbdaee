/// The exit statuses of `chorus`, one per outcome a script may want to branch on.
///
/// Listed in `chorus --help` and README.md ("Exit status"). Bad usage shares 64 (`EX_USAGE`) with the argument
/// parser's own validation errors, so every "you typed something wrong" case has one code.
public enum ChorusExitCode: Int32, Sendable, CaseIterable {
    /// The run succeeded (or the command did what it was asked).
    case success = 0
    /// Something outside the run failed: a session or export file could not be written.
    case failure = 1
    /// Some workers succeeded, but fewer than half (the quorum): no answer was made.
    case quorumNotMet = 2
    /// Every worker failed (but the provider answered: e.g. HTTP errors, timeouts).
    case allFailed = 3
    /// `chorus batch`: every item ran, but some items failed (`--retry-failed` runs them again);
    /// `chorus batch merge`: some items failed or are missing.
    case itemsFailed = 4
    /// `--budget`: a batch stopped starting items before passing it (resume with a higher one),
    /// or a run's worst case exceeds it (`--over-budget` runs it anyway).
    case budgetReached = 5
    /// Bad usage or config: an unknown flag or value, a malformed config file, a missing file.
    case usage = 64
    /// No provider could be reached: every worker failed to connect, or none was found.
    case unreachable = 69
    /// Interrupted by SIGINT (Ctrl-C) or quit from the UI while the run was still going.
    case interrupted = 130

    /// One line each, for `--help` and the docs.
    public var meaning: String {
        switch self {
        case .success: "the run succeeded"
        case .failure: "a session or export file could not be read or written"
        case .quorumNotMet: "fewer than half of the workers succeeded (quorum not met)"
        case .allFailed: "every worker failed"
        case .itemsFailed: "batch: some items failed or are missing (--retry-failed runs them again)"
        case .budgetReached: "--budget reached: a batch stopped starting items (resume: run it again), or a run's worst case exceeds it (--over-budget)"
        case .usage: "bad usage or config (unknown flag or value, malformed config file)"
        case .unreachable: "no provider could be reached (nothing found, or every connection failed)"
        case .interrupted: "interrupted (Ctrl-C, or the UI quit while the run was going; a batch: resume by running it again)"
        }
    }

    /// The table of codes, as printed in the root command's help.
    public static var helpTable: String {
        allCases.map { code in
            let number = String(code.rawValue)
            return "  " + number + String(repeating: " ", count: max(1, 5 - number.count)) + code.meaning
        }.joined(separator: "\n")
    }
}
