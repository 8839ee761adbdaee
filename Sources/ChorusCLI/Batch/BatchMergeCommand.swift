import ArgumentParser
import Chorus
import Foundation

/// `chorus batch merge OUT...`: joins the outputs of `--shard K/N` runs into one JSONL file and
/// says whether anything is missing (with `--input`) or was run by two shards.
public struct BatchMergeCommand: ParsableCommand, ChorusExecutable {
    public static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the --out files of sharded batch runs; report missing and duplicate ids.",
        discussion: """
            Lines are copied as they are, one per id (a later line for an id supersedes an earlier \
            one; across files a succeeded line wins). Exit codes: 0 every item present and \
            succeeded, 4 some items failed or are missing, 64 bad usage, 1 the output could not be written.
            """)

    @Argument(help: ArgumentHelp("The --out files of the shards.", valueName: "out.jsonl"))
    public var files: [String] = []

    @Option(help: ArgumentHelp("Write the merged lines to this file (atomically) instead of stdout.", valueName: "file"))
    public var output: String?

    @Option(help: ArgumentHelp("The batch's input, to report the ids no shard has.", valueName: "input"))
    public var input: String?

    /// How to read `--input` (the same flags as the batch itself).
    @OptionGroup public var inputOptions: BatchInputOptions

    @Flag(help: "No report on stderr unless something is missing, duplicated or failed.")
    public var quiet = false

    public init() {}

    func execute(in context: CLIContext) async throws(ChorusError) -> ChorusExitCode {
        guard !files.isEmpty else {
            throw .usage("chorus batch merge needs the --out files of the shards, e.g. chorus batch merge out-1.jsonl out-2.jsonl")
        }
        let paths = ChorusPaths(environment: context.environment, home: context.home)
        var contents: [(name: String, bytes: [UInt8])] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: paths.expand(file)) else {
                throw .usage("\(file): cannot read the file; check the path")
            }
            contents.append((file, [UInt8](data)))
        }
        let merge = BatchMerge(files: contents)
        var missing: [String] = []
        if let input {
            let items = try inputOptions.read(input, stdin: context.stdin, paths: paths)
            missing = merge.missing(from: items.map(\.id))
        }
        let bytes = merge.lines.flatMap { $0 }
        if let output {
            try AtomicFile.write(Data(bytes), to: paths.expand(output), permissions: 0o644)
        } else {
            let lines = String(decoding: bytes, as: UTF8.self)
            context.stdout.write(context.stdout.isTerminal ? TerminalSafeText.escapingInJSON(lines) : lines)
        }

        var report = [
            "merged \(files.count) file\(files.count == 1 ? "" : "s"): \(merge.lines.count) items, \(merge.succeeded) succeeded, \(merge.failed) failed"
        ]
        for file in merge.tornFiles { report.append("\(file): skipped a torn last line") }
        if let first = merge.unreadable.first {
            report.append("\(merge.unreadable.count) line(s) are not result lines (first: \(first.file) line \(first.line)); skipped")
        }
        if let first = merge.duplicates.first {
            report.append(
                "\(merge.duplicates.count) id(s) are in more than one file (first: \"\(TerminalSafeText.oneLine(first.id))\" in \(first.files.joined(separator: ", "))); were the shards run with the same --shard N?"
            )
        }
        if !missing.isEmpty {
            let shown = missing.prefix(5).map { "\"\(TerminalSafeText.oneLine($0))\"" }.joined(separator: ", ")
            report.append("\(missing.count) item(s) of \(input ?? "the input") are in no file: \(shown)\(missing.count > 5 ? ", ..." : ""); run the missing shard(s) again")
        }
        let complete = missing.isEmpty && merge.failed == 0
        if !quiet || !complete || !merge.duplicates.isEmpty {
            for line in report { context.stderr.line("chorus batch merge: " + line) }
        }
        return complete ? .success : .itemsFailed
    }
}
