import ArgumentParser
import Chorus

/// `chorus run [TASK]`: headless. Prints the answer, or with `--json` the run record.
public struct RunCommand: ParsableCommand, ChorusExecutable {
    public static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run headless and print the answer (or, with --json, the run record).",
        discussion: """
            Nothing but the answer (or the JSON) goes to stdout. When stderr is a terminal, one live \
            line per worker shows its state there, erased when the answer comes. Warnings (a worker \
            dropped, the fallback used) go to stderr, one line each, unless --quiet.

            Exit codes:
            \(ChorusExitCode.helpTable)
            """)

    @Argument(help: ArgumentHelp("The task. '-' (or no TASK with a pipe) reads it from standard input; with a TASK, piped text is attached after it (like -f -).", valueName: "task"))
    public var task: String?

    @Flag(help: "Print the run record as one JSON object on stdout instead of the answer.")
    public var json = false

    @Flag(name: .customLong("dry-run"), help: "Print the plan and an estimate of its tokens and cost, then exit without calling any model.")
    public var dryRun = false

    @Option(
        name: .customLong("continue"),
        help: ArgumentHelp(
            "Ask TASK as a follow-up of a saved session (a file, or 'last' for the newest): the same workers, each with the conversation so far (see --follow-up); the new turn is appended to that file.",
            valueName: "session"))
    public var continueSession: String?

    @OptionGroup public var options: RunOptions

    public init() {}

    func execute(in context: CLIContext) async throws(ChorusError) -> ChorusExitCode {
        let loaded = try options.load(in: context)
        let limits = ContextLimits(loaded.settings)
        let input = try RunInput.read(
            argument: task, files: options.file, keepsText: options.saveContext, limits: limits, paths: loaded.paths,
            stdin: context.stdin, prompt: nil, command: "chorus run")
        if let continueSession {
            // A follow-up's files and piped text travel in its message (the first turn's are in
            // the conversation already), so nothing given is dropped.
            let message = input.context.map { $0.prompt(task: input.task) } ?? input.task
            return try await ContinuedRun(
                session: continueSession, message: message, options: options, json: json, dryRun: dryRun, loaded: loaded
            ).execute(in: context)
        }
        return try await PreparedRun.using(loaded, quiet: options.quiet, in: context) { run throws(ChorusError) in
            var plan = try run.builder.plan(task: input.task, checkingKeys: !dryRun)
            for line in input.attach(to: &plan, limits: limits) where !options.quiet { context.stderr.line("chorus: \(line)") }
            let budget = run.loaded.settings.budget.value
            if dryRun {
                context.stdout.write(DryRunReport.run(plan, budget: budget))
                if let missing = run.builder.missingKey(plan) { context.stderr.line("chorus: note: a real run would stop here: \(missing)") }
                return .success
            }
            try RunBudget.check(plan, budget: budget, overBudget: options.overBudget)
            return try await HeadlessRun(
                plan: plan, loaded: run.loaded, json: json, quiet: options.quiet,
                savePath: options.save, runtime: run.runtime
            ).execute(in: context)
        }
    }
}
