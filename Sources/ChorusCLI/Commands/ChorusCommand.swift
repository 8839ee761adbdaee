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
              chorus batch INPUT --out FILE --prompt TEMPLATE   every item of a file, resumable
              chorus sessions | open FILE|--last | export FILE|--last | config | themes
            """,
        discussion: """
            The task may also come on standard input: use '-' as TASK, or pipe it in with no TASK. \
            With no TASK at a terminal, chorus asks for it. `chorus ui --help` and `chorus run --help` \
            list the run flags (--workers, --temperature, --focus, --timeout, --strategy, --provider, --model, --theme, ...).

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
            InteractiveCommand.self, RunCommand.self, BatchCommand.self, OpenCommand.self, ExportCommand.self, SessionsCommand.self,
            ConfigCommand.self, ThemesCommand.self,
        ],
        defaultSubcommand: InteractiveCommand.self
    )

    public init() {}
}
