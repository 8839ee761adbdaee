import ArgumentParser
import Chorus
import Foundation
import Synchronization

/// `chorus batch INPUT --out FILE --prompt TEMPLATE`: every item a full Chorus run, at most
/// `--concurrency` at once, each provider within `--rpm`/`--tpm`, results appended to `--out`.
public struct BatchRunCommand: ParsableCommand, ChorusExecutable {
    public static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a batch (the default: `chorus batch INPUT ...` is `chorus batch run INPUT ...`).",
        discussion: """
            Ctrl-C once stops starting items and lets those in flight finish; twice cancels them \
            too (they run again on resume); a third time exits at once. Then run the same command \
            again to resume: finished items are never run twice.

            Exit codes: 0 every item succeeded, 4 some items failed (see --out; --retry-failed), \
            64 bad usage or input, 1 --out could not be written, 130 interrupted.
            """)

    @Argument(help: ArgumentHelp("A .jsonl or .csv file, a folder of text files, or - for standard input.", valueName: "input"))
    public var input: String

    @Option(help: ArgumentHelp("The results file: one JSON line per finished item, appended (required).", valueName: "file.jsonl"))
    public var out: String?

    @Option(name: .customLong("csv-out"), help: ArgumentHelp("Also write the input CSV back to this file with the answers in added columns (one per --schema field, agreement, needs_review, error; or answer, error), rewritten whole at the end of every run.", valueName: "file.csv"))
    public var csvOut: String?

    @Option(help: ArgumentHelp("The prompt for each item, with {field} placeholders, e.g. \"Summarise: {text}\".", valueName: "template"))
    public var prompt: String?

    @Option(name: .customLong("prompt-file"), help: ArgumentHelp("Read the prompt template from a file.", valueName: "file"))
    public var promptFile: String?

    @OptionGroup public var inputOptions: BatchInputOptions

    @Option(name: .setting(\.concurrency), parsing: .unconditional, help: .setting(\.concurrency))
    public var concurrency: String?

    @Option(name: .setting(\.rpm), parsing: .unconditional, help: .setting(\.rpm))
    public var rpm: String?

    @Option(name: .setting(\.tpm), parsing: .unconditional, help: .setting(\.tpm))
    public var tpm: String?

    @Flag(name: .customLong("retry-failed"), help: "Also run the items whose latest line in --out failed.")
    public var retryFailed = false

    @Option(help: ArgumentHelp("Run only shard K of N (by a hash of the id), e.g. 2/4; the shards' outputs concatenate into the whole.", valueName: "k/n"))
    public var shard: String?

    @Flag(name: .customLong("dry-run"), help: "Print the plan and an estimate of the tokens and cost of every item to run, then exit without calling any model or writing --out.")
    public var dryRun = false

    @Flag(help: "Print the summary as one JSON object on stdout.")
    public var json = false

    @Flag(help: "Write a compact run record per item (outcome, strategy, each worker's status) instead of the full one.")
    public var compact = false

    @OptionGroup public var options: RunOptions

    public init() {}

    func execute(in context: CLIContext) async throws(ChorusError) -> ChorusExitCode {
        if dryRun { return try await BatchDryRun(command: self, inputs: try prepareInputs(in: context)).run(in: context) }
        let setup = try prepare(in: context)
        return try await BatchSession(setup: setup, command: self, context: context).run()
    }

    /// Everything checked before a model is called: flags, settings, template, input, shard, `--out`.
    private func prepare(in context: CLIContext) throws(ChorusError) -> BatchSetup {
        let inputs = try prepareInputs(in: context)
        let file = try BatchOutputFile(path: inputs.loaded.paths.expand(inputs.out))
        return BatchSetup(inputs: inputs, out: file)
    }

    /// What `prepare` checks before it opens `--out` (a dry run stops there: it writes nothing).
    func prepareInputs(in context: CLIContext) throws(ChorusError) -> BatchInputs {
        guard let out, !out.isEmpty else {
            throw .usage("chorus batch needs --out FILE.jsonl, the file the results are appended to (and resumed from)")
        }
        if options.save != nil {
            throw .usage("--save is for one run; chorus batch writes every item's run record to --out")
        }
        var inputs = try options.inputs
        try SettingFlags.values(of: self, into: &inputs.flags)
        let loaded = try LoadedSettings.load(inputs, environment: context.environment, home: context.home)
        let template = try readTemplate(paths: loaded.paths)
        let shard: Shard?
        if let text = self.shard {
            do { shard = try Shard(parsing: text) } catch { throw .usage(error.message) }
        } else {
            shard = nil
        }
        if input == "-", options.file.contains("-") {
            throw .usage("standard input is already the batch's input; attach a file by its path (--file PATH), not -")
        }
        // Shared context: every item's prompt is followed by the same attached files.
        var attached = try ContextReader(limits: ContextLimits(loaded.settings), expand: loaded.paths.expand)
            .read(files: options.file, piped: nil, stdin: context.stdin)
        attached?.keepsText = options.saveContext
        var items = try inputOptions.read(input, stdin: context.stdin, paths: loaded.paths)
        if let shard { items = items.filter { shard.contains($0.id) } }
        do {
            try template.validate(items)
        } catch {
            throw .usage("\(promptFile.map { "--prompt-file \($0)" } ?? "--prompt"): \(error.message)")
        }
        let csv = try csvOut.map { file throws(ChorusError) in
            try BatchCSVOut.prepare(
                file, input: input, format: try BatchInputReader.Format.flag(inputOptions.format), idColumn: inputOptions.idField,
                out: out, schemaFields: loaded.settings.schema.value?.fields.map(\.name), paths: loaded.paths)
        }
        return BatchInputs(loaded: loaded, template: template, items: items, shard: shard, out: out, csvOut: csv, context: attached)
    }

    private func readTemplate(paths: ChorusPaths) throws(ChorusError) -> PromptTemplate {
        let text: String
        switch (prompt, promptFile) {
        case (nil, nil):
            throw .usage("chorus batch needs a prompt: --prompt \"Summarise: {text}\" or --prompt-file FILE, with {field} placeholders")
        case (_?, _?):
            throw .usage("give --prompt or --prompt-file, not both")
        case (let given?, nil):
            text = given
        case (nil, let file?):
            guard let data = FileManager.default.contents(atPath: paths.expand(file)) else {
                throw .usage("--prompt-file \(file): cannot read the file; check the path")
            }
            guard let contents = String(data: data, encoding: .utf8) else {
                throw .usage("--prompt-file \(file): not UTF-8 text")
            }
            text = contents
        }
        do {
            return try PromptTemplate(text)
        } catch {
            throw .usage("\(promptFile.map { "--prompt-file \($0)" } ?? "--prompt"): \(error.message)")
        }
    }
}

/// What `prepareInputs` checked: settings, template, the input's items (of this shard), `--out`'s name.
struct BatchInputs: Sendable {
    var loaded: LoadedSettings
    var template: PromptTemplate
    var items: [BatchItem]
    var shard: Shard?
    /// `--out` as the user wrote it, for messages.
    var out: String
    /// `--csv-out`, checked; nil without the flag.
    var csvOut: BatchCSVOut? = nil
    /// `--file`: the context sent after every item's prompt; nil without.
    var context: PromptContext? = nil
}

/// What `prepare` checked and opened: the inputs and the `--out` file, locked.
struct BatchSetup: Sendable {
    var inputs: BatchInputs
    var out: BatchOutputFile
}
