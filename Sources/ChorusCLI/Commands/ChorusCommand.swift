import ArgumentParser
import Chorus

/// `chorus`: the root. It only holds the help text and the subcommands; `chorus "TASK"` goes to
/// `ui`, the default subcommand (ArgumentParser cannot mix a root positional with subcommands:
/// the task would swallow the subcommand's name).
public struct ChorusCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "chorus",
        abstract: "Send one task to several LLM calls at once, watch them live, get one merged answer.",
        usage: """
            chorus [TASK] [options]               watch the run in the terminal UI (same as chorus ui)
              chorus run [TASK] [--json] [options]  headless: print the answer (or the run record)
              chorus open FILE | export FILE | config | themes
            """,
        discussion: """
            The task may also come on standard input: use '-' as TASK, or pipe it in with no TASK. \
            With no TASK at a terminal, chorus asks for it. `chorus ui --help` and `chorus run --help` \
            list the run flags (--workers, --temperature, --focus, --timeout, --strategy, ...).

            Settings come from, strongest first: flags, CHORUS_* environment variables, the chosen \
            profile, the config file's [defaults], built-in defaults. `chorus config` shows each \
            value and where it came from. Config file: $XDG_CONFIG_HOME/chorus/config.toml.

            Without a configured provider, chorus uses OPENAI_API_KEY (or OPENAI_BASE_URL), then \
            ANTHROPIC_API_KEY, then a local server on 127.0.0.1:8080 (llama.cpp) or :11434 (Ollama).

            Exit codes:
            \(ChorusExitCode.helpTable)
            """,
        version: ChorusVersion.current,
        subcommands: [
            InteractiveCommand.self, RunCommand.self, OpenCommand.self, ExportCommand.self, ConfigCommand.self,
            ThemesCommand.self,
        ],
        defaultSubcommand: InteractiveCommand.self
    )

    public init() {}
}

/// `chorus [TASK]` (or `chorus ui [TASK]`): the interactive form. Opens the UI when stdout is a
/// terminal; otherwise (or with `--plain`, or `TERM=dumb`) behaves like `chorus run` without `--json`.
public struct InteractiveCommand: ParsableCommand, ChorusExecutable {
    public static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Watch the run live in the terminal UI (the default: `chorus TASK` is `chorus ui TASK`).",
        discussion: """
            Keys: arrows/Tab select a pane, Enter zooms, r retries the selected worker, R retries \
            every failed one, s cycles the strategy, c cancels the selected worker, y saves, ? help, \
            q quits. Falls back to headless output when stdout is not a terminal, with --plain, or \
            when TERM=dumb.

            Exit codes:
            \(ChorusExitCode.helpTable)
            """)

    @Argument(help: ArgumentHelp("The task. '-' reads it from standard input.", valueName: "task"))
    public var task: String?

    @OptionGroup public var options: RunOptions

    public init() {}

    func execute(in context: CLIContext) async throws(ChorusError) -> ChorusExitCode {
        var loaded = try LoadedSettings.load(try options.inputs, environment: context.environment, home: context.home)
        let useUI = !options.plain && context.canShowUI && context.services.interactive != nil
        // The process's one HTTP client, sized so every worker and the aggregator get a
        // connection at once (AsyncHTTPClient's default of 8 per host would queue workers 9+).
        let runtime = try context.services.makeRuntime(loaded, loaded.settings.workers.value + 1)
        return try await runtime.using { () async throws(ChorusError) -> ChorusExitCode in
            try await loaded.selectProvider(probe: runtime.probe)
            let builder = PlanBuilder(loaded)
            _ = try builder.plan(task: "check")  // every settings problem before the prompt, not after
            if useUI, let message = context.services.themes.check(loaded.settings.theme.value, context.environment) {
                throw .usage(message)
            }
            let task = try TaskInput.read(
                argument: task, stdin: context.stdin, prompt: useUI && context.stdin.isTerminal ? context.stdout : nil,
                command: "chorus")
            let plan = try builder.plan(task: task)
            guard useUI, let ui = context.services.interactive else {
                return try await HeadlessRun(
                    plan: plan, loaded: loaded, json: false, quiet: options.quiet, savePath: options.save, runtime: runtime
                ).execute(in: context)
            }
            return try await InteractiveRun(
                start: .plan(plan), loaded: loaded, savePath: options.save, quiet: options.quiet, ui: ui, runtime: runtime
            ).execute(in: context)
        }
    }
}

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
