import ArgumentParser

/// The flags shared by `chorus "TASK"` (the UI) and `chorus run` (headless): same names, same
/// meaning, so a run tried one way can be repeated the other way.
///
/// Values are taken as text and checked by their setting's rule (`SettingTable`), so `--workers 0`,
/// `CHORUS_WORKERS=0` and `workers = 0` in the config file all get the same one-line message. A
/// setting's flag is its `@Option` line here; name, help and checking come from the table. Each
/// takes the next argument as its value whatever it looks like (`parsing: .unconditional`), so
/// `--budget -1` gets the rule's "above 0" rather than argument-parser's "missing value".
public struct RunOptions: ParsableArguments {
    @Option(name: .setting(\.workers), parsing: .unconditional, help: .setting(\.workers))
    public var workers: String?

    @Option(name: .setting(\.temperature), parsing: .unconditional, help: .setting(\.temperature))
    public var temperature: String?

    @Option(name: .setting(\.focus), parsing: .unconditionalSingleValue, help: .setting(\.focus))
    public var focus: [String] = []

    @Option(name: .setting(\.timeout), parsing: .unconditional, help: .setting(\.timeout))
    public var timeout: String?

    @Option(name: .setting(\.idleTimeout), parsing: .unconditional, help: .setting(\.idleTimeout))
    public var idleTimeout: String?

    @Option(name: .setting(\.headTimeout), parsing: .unconditional, help: .setting(\.headTimeout))
    public var headTimeout: String?

    @Option(name: .setting(\.aggregatorTimeout), parsing: .unconditional, help: .setting(\.aggregatorTimeout))
    public var aggregatorTimeout: String?

    @Option(name: .setting(\.strategy), parsing: .unconditional, help: .setting(\.strategy))
    public var strategy: String?

    @Option(name: .setting(\.provider), parsing: .unconditional, help: .setting(\.provider))
    public var provider: String?

    @Option(name: .setting(\.baseURL), parsing: .unconditional, help: .setting(\.baseURL))
    public var baseURL: String?

    @Option(name: .setting(\.model), parsing: .unconditional, help: .setting(\.model))
    public var model: String?

    @Option(name: .setting(\.aggregatorModel), parsing: .unconditional, help: .setting(\.aggregatorModel))
    public var aggregatorModel: String?

    @Option(name: .setting(\.aggregatorMaxTokens), parsing: .unconditional, help: .setting(\.aggregatorMaxTokens))
    public var aggregatorMaxTokens: String?

    @Option(name: .setting(\.maxTokens), parsing: .unconditional, help: .setting(\.maxTokens))
    public var maxTokens: String?

    @Option(name: .setting(\.reasoningEffort), parsing: .unconditional, help: .setting(\.reasoningEffort))
    public var reasoningEffort: String?

    @Option(name: .setting(\.earlyQuorum), parsing: .unconditional, help: .setting(\.earlyQuorum))
    public var earlyQuorum: String?

    @Option(name: .setting(\.escalate), parsing: .unconditional, help: .setting(\.escalate))
    public var escalate: String?

    @Option(name: .setting(\.followUp), parsing: .unconditional, help: .setting(\.followUp))
    public var followUp: String?

    @Option(name: .setting(\.schema), parsing: .unconditional, help: .setting(\.schema))
    public var schema: String?

    @Option(name: .setting(\.minAgreement), parsing: .unconditional, help: .setting(\.minAgreement))
    public var minAgreement: String?

    @Option(name: .setting(\.enumOrder), parsing: .unconditional, help: .setting(\.enumOrder))
    public var enumOrder: String?

    @Option(name: .setting(\.theme), parsing: .unconditional, help: .setting(\.theme))
    public var theme: String?

    @Option(name: .setting(\.budget), parsing: .unconditional, help: .setting(\.budget))
    public var budget: String?

    @Option(name: .setting(\.costWarn), parsing: .unconditional, help: .setting(\.costWarn))
    public var costWarn: String?

    @Option(
        name: [.customShort("f"), .customLong("file")],
        help: ArgumentHelp("Attach a text file as context, sent after the task with its name; repeat for more ('-' is stdin).", valueName: "path"))
    public var file: [String] = []

    @Flag(name: .customLong("save-context"), help: "Keep the attached files' text in the run record (saved sessions, JSON output); by default only names and sizes.")
    public var saveContext = false

    @Option(name: .setting(\.fileMaxBytes), parsing: .unconditional, help: .setting(\.fileMaxBytes))
    public var fileMaxBytes: String?

    @Option(name: .setting(\.contextMaxBytes), parsing: .unconditional, help: .setting(\.contextMaxBytes))
    public var contextMaxBytes: String?

    @Option(name: .setting(\.contextLength), parsing: .unconditional, help: .setting(\.contextLength))
    public var contextLength: String?

    @Flag(name: .customLong("over-budget"), help: "Run even when the run's worst case exceeds --budget.")
    public var overBudget = false

    @Option(help: ArgumentHelp("Config file (default $XDG_CONFIG_HOME/chorus/config.toml).", valueName: "file"))
    public var config: String?

    @Option(help: ArgumentHelp("Use the named [profiles.NAME] of the config file.", valueName: "name"))
    public var profile: String?

    @Option(help: ArgumentHelp("Also save the run record (JSON) to this file.", valueName: "file"))
    public var save: String?

    @Flag(help: "No warnings on stderr; errors only.")
    public var quiet = false

    @Flag(help: "No UI: print the answer like `chorus run` (also when TERM=dumb or stdout is not a terminal).")
    public var plain = false

    public init() {}

    /// The flags' layer of settings, checked.
    public func settingValues() throws(ChorusError) -> SettingValues {
        var values = SettingValues()
        try SettingFlags.values(of: self, into: &values)
        return values
    }

    public var inputs: LoadedSettings.Inputs {
        get throws(ChorusError) {
            LoadedSettings.Inputs(configFlag: config, profileFlag: profile, flags: try settingValues())
        }
    }
}
