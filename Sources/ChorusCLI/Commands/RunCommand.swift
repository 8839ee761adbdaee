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

    @Argument(help: ArgumentHelp("The task. '-' (or no TASK with a pipe) reads it from standard input.", valueName: "task"))
    public var task: String?

    @Flag(help: "Print the run record as one JSON object on stdout instead of the answer.")
    public var json = false

    @OptionGroup public var options: RunOptions

    public init() {}

    func execute(in context: CLIContext) async throws(ChorusError) -> ChorusExitCode {
        var loaded = try LoadedSettings.load(try options.inputs, environment: context.environment, home: context.home)
        let task = try TaskInput.read(argument: task, stdin: context.stdin, prompt: nil, command: "chorus run")
        let runtime = try context.services.makeRuntime(loaded, loaded.settings.workers.value + 1)
        return try await runtime.using { () async throws(ChorusError) -> ChorusExitCode in
            try await loaded.selectProvider(probe: runtime.probe)
            let plan = try PlanBuilder(loaded).plan(task: task)
            return try await HeadlessRun(
                plan: plan, loaded: loaded, json: json, quiet: options.quiet, savePath: options.save, runtime: runtime
            ).execute(in: context)
        }
    }
}
