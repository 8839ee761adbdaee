import ArgumentParser
import Chorus

/// `chorus batch`: the fan-out applied to many items. `chorus batch INPUT --out FILE ...` runs
/// (the default subcommand); `chorus batch merge OUT...` joins the outputs of shards.
public struct BatchCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Run every item of a JSONL/CSV file or folder through Chorus; resumable, rate-limited.",
        usage: """
            chorus batch INPUT --out FILE.jsonl (--prompt TEMPLATE | --prompt-file FILE) [options]
              chorus batch merge OUT.jsonl... [--output FILE] [--input INPUT]
            """,
        discussion: """
            INPUT is a .jsonl file (one object per line, with an "id"), a .csv file with a header \
            row, a folder of text files (one item each; {text}, {path}, {name}), or - for standard \
            input. Each item is a full run: N workers, quorum, aggregation. Results are appended to \
            --out as they finish, one JSON line per item; running the same command again skips the \
            items already there, and --retry-failed runs the failed ones again.
            """,
        subcommands: [BatchRunCommand.self, BatchMergeCommand.self],
        defaultSubcommand: BatchRunCommand.self
    )

    public init() {}
}
