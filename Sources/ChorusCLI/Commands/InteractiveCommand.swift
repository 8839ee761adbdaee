import ArgumentParser
import Chorus

/// `chorus [TASK]` (or `chorus ui [TASK]`): the interactive form. Opens the UI when stdout is a
/// terminal; otherwise (or with `--plain`, or `TERM=dumb`) behaves like `chorus run` without `--json`.
public struct InteractiveCommand: ParsableCommand, ChorusExecutable {
    public static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Watch the run live in the terminal UI (the default: `chorus TASK` is `chorus ui TASK`).",
        discussion: """
            Keys: arrows/Tab select a pane, Enter zooms, r retries the selected worker, R retries \
            every failed one, s cycles the strategy, c cancels the selected worker, d diffs two texts, \
            Y copies (OSC 52 and a file), y saves, ? help, \
            q quits. Falls back to headless output when stdout is not a terminal, with --plain, or \
            when TERM=dumb.

            Exit codes:
            \(ChorusExitCode.helpTable)
            """)

    @Argument(help: ArgumentHelp("The task. '-' reads it from standard input; with a TASK, piped text is attached after it (like -f -).", valueName: "task"))
    public var task: String?

    @OptionGroup public var options: RunOptions

    public init() {}

    func execute(in context: CLIContext) async throws(ChorusError) -> ChorusExitCode {
        let loaded = try options.load(in: context)
        let useUI = !options.plain && context.canShowUI && context.services.interactive != nil
        return try await PreparedRun.using(loaded, quiet: options.quiet, in: context) { run throws(ChorusError) in
            _ = try run.builder.plan(task: "check")  // every settings problem before the prompt, not after
            if useUI, let message = context.services.themes.check(run.loaded.settings.theme.value, context.environment) {
                throw .usage(message)
            }
            let limits = ContextLimits(run.loaded.settings)
            let input = try RunInput.read(
                argument: task, files: options.file, keepsText: options.saveContext, limits: limits, paths: run.loaded.paths,
                stdin: context.stdin, prompt: useUI && context.stdin.isTerminal ? context.stdout : nil,
                command: "chorus", history: TaskHistory(paths: ChorusPaths(environment: context.environment, home: context.home)))
            var plan = try run.builder.plan(task: input.task)
            for line in input.attach(to: &plan, limits: limits) where !options.quiet { context.stderr.line("chorus: \(line)") }
            try RunBudget.check(plan, budget: run.loaded.settings.budget.value, overBudget: options.overBudget)
            guard useUI, let ui = context.services.interactive else {
                return try await HeadlessRun(
                    plan: plan, loaded: run.loaded, json: false, quiet: options.quiet, savePath: options.save, runtime: run.runtime
                ).execute(in: context)
            }
            return try await InteractiveRun(
                start: .plan(plan), loaded: run.loaded, savePath: options.save, quiet: options.quiet, ui: ui, runtime: run.runtime
            ).execute(in: context)
        }
    }
}
