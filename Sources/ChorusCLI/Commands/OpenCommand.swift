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

    // Variant reruns without the UI (README "Variant reruns"). Not settings of the run: they
    // describe one variant, so they live here rather than in the setting table.
    @Option(help: ArgumentHelp("Rerun worker N as a new variant (kept next to the original), merge again, write the session back; no UI.", valueName: "n"))
    public var rerun: Int?

    @Option(name: .customLong("provider"), help: ArgumentHelp("With --rerun: the variant's provider.", valueName: "name"))
    public var variantProvider: String?

    @Option(name: .customLong("model"), help: ArgumentHelp("With --rerun: the variant's model.", valueName: "name"))
    public var variantModel: String?

    @Option(name: .customLong("temperature"), help: ArgumentHelp("With --rerun: the variant's temperature (0-2).", valueName: "t"))
    public var variantTemperature: String?

    @Option(name: .customLong("focus"), help: ArgumentHelp("With --rerun: the variant's focus (\"\" for none).", valueName: "text"))
    public var variantFocus: String?

    @Option(name: .customLong("max-tokens"), help: ArgumentHelp("With --rerun: the variant's max tokens (\"none\" for no limit).", valueName: "n"))
    public var variantMaxTokens: String?

    @Option(help: ArgumentHelp("Choose which variant of a worker is merged, as WORKER:VARIANT (e.g. 2:1 for the original of worker 2), merge again, write the session back; no UI.", valueName: "w:v"))
    public var choose: String?

    @Flag(help: "With --rerun or --choose: print the session's JSON record instead of the answer.")
    public var json = false

    public init() {}

    func execute(in context: CLIContext) async throws(ChorusError) -> ChorusExitCode {
        var flags = SettingValues()
        if let theme { try flags.set(\.theme, .string(theme), at: .flag("--theme")) }
        let loaded = try LoadedSettings.load(
            LoadedSettings.Inputs(configFlag: config, flags: flags), environment: context.environment, home: context.home)
        let path = try SessionStore.chosen(file: file, last: last, loaded: loaded)
        let conversation = try SessionStore.loadConversation(path)
        let record = conversation.latest
        if let request = try variantRequest(record: record) {
            let runtime = try context.services.makeRuntime(loaded, record.workers.count + 1)
            return try await runtime.using { () async throws(ChorusError) -> ChorusExitCode in
                try await HeadlessVariantRun(
                    record: record, earlierTurns: Array(conversation.turns.dropLast()), request: request, loaded: loaded, savePath: loaded.paths.expand(save ?? path), json: json,
                    runtime: runtime
                ).execute(in: context)
            }
        }
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
