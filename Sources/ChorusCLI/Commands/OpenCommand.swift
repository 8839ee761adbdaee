import ArgumentParser
import Chorus

/// `chorus open FILE`: a saved session back in the UI, with its answers; failed workers can be
/// retried and the strategy switched (with the providers of the current settings).
public struct OpenCommand: ParsableCommand, ChorusExecutable {
    public static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Reopen a saved session in the UI (retry failed workers, switch the strategy).")

    @Argument(help: ArgumentHelp("A session file (from --save, or under $XDG_STATE_HOME/chorus/sessions).", valueName: "file"))
    public var file: String?

    @Flag(help: "Open the newest saved session (chorus sessions lists them).")
    public var last = false

    @Option(help: ArgumentHelp("UI colour theme.", valueName: "name"))
    public var theme: String?

    @Option(help: ArgumentHelp("Config file (for provider settings and keys when retrying).", valueName: "file"))
    public var config: String?

    @Option(help: ArgumentHelp("Save the session here when it changes (default: the file opened).", valueName: "file"))
    public var save: String?

    public init() {}

    func execute(in context: CLIContext) async throws(ChorusError) -> ChorusExitCode {
        var flags = SettingValues()
        if let theme { try flags.set(\.theme, .string(theme), at: .flag("--theme")) }
        let loaded = try LoadedSettings.load(
            LoadedSettings.Inputs(configFlag: config, flags: flags), environment: context.environment, home: context.home)
        let path = try SessionStore.chosen(file: file, last: last, loaded: loaded)
        let conversation = try SessionStore.loadConversation(path)
        let record = conversation.latest
        guard context.canShowUI, let ui = context.services.interactive else {
            throw .usage("chorus open needs a terminal for the UI; to read \(path) without one, run: chorus export \(path)")
        }
        if let message = context.services.themes.check(loaded.settings.theme.value, context.environment) {
            throw .usage(message)
        }
        let runtime = try context.services.makeRuntime(loaded, record.workers.count + 1)
        return try await runtime.using { () async throws(ChorusError) -> ChorusExitCode in
            try await InteractiveRun(
                start: .reopen(record), loaded: loaded, savePath: save ?? path, quiet: false, ui: ui, runtime: runtime,
                earlierTurns: Array(conversation.turns.dropLast())
            ).execute(in: context)
        }
    }
}
