import ArgumentParser

/// The flags shared by `chorus "TASK"` (the UI) and `chorus run` (headless): same names, same
/// meaning, so a run tried one way can be repeated the other way.
///
/// Values are taken as text and checked by `SettingRules`, so `--workers 0`, `CHORUS_WORKERS=0` and
/// `workers = 0` in the config file all get the same one-line message.
public struct RunOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Number of workers: parallel calls of the model (1-64, default 3).", valueName: "n"))
    public var workers: String?

    @Option(help: ArgumentHelp("Temperatures spread evenly over the workers, MIN...MAX, or one value for all (default 0.2...1.0).", valueName: "min...max"))
    public var temperature: String?

    @Option(help: ArgumentHelp("A focus area, sent to one worker as a system message; repeat for more (cycled over the workers).", valueName: "area"))
    public var focus: [String] = []

    @Option(help: ArgumentHelp("Seconds each worker may take in all (default 15).", valueName: "seconds"))
    public var timeout: String?

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp("Longest silence between two chunks, once a worker streams (default 10).", valueName: "seconds"))
    public var idleTimeout: String?

    @Option(name: .customLong("aggregator-timeout"), help: ArgumentHelp("Seconds the merging call may take (default 45).", valueName: "seconds"))
    public var aggregatorTimeout: String?

    @Option(help: ArgumentHelp("How answers are merged: auto, synthesize, concatenate, vote or judge (default auto: the vote when short answers have a strict majority, else synthesize).", valueName: "name"))
    public var strategy: String?

    @Option(help: ArgumentHelp("Provider: openai, anthropic, local, ollama, or a [providers.NAME] of the config file.", valueName: "name"))
    public var provider: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Server base URL, e.g. http://127.0.0.1:8080/v1 (implies an OpenAI-compatible server).", valueName: "url"))
    public var baseURL: String?

    @Option(help: ArgumentHelp("Model name sent to the provider.", valueName: "name"))
    public var model: String?

    @Option(name: .customLong("aggregator-model"), help: ArgumentHelp("Model for the merging call (default: the workers' model).", valueName: "name"))
    public var aggregatorModel: String?

    @Option(name: .customLong("max-tokens"), help: ArgumentHelp("Most tokens each worker may write.", valueName: "n"))
    public var maxTokens: String?

    @Option(name: .customLong("early-quorum"), help: ArgumentHelp("Merge as soon as K workers agree (auto, vote) or succeeded (others), cancelling the rest; K from ceil(N/2) to N.", valueName: "k"))
    public var earlyQuorum: String?

    @Option(help: ArgumentHelp("UI colour theme: a name from `chorus themes` or a path to a .toml file.", valueName: "name"))
    public var theme: String?

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
        let given: [(SettingKey, String?)] = [
            (.workers, workers), (.temperature, temperature), (.timeout, timeout), (.idleTimeout, idleTimeout),
            (.aggregatorTimeout, aggregatorTimeout), (.strategy, strategy), (.provider, provider), (.baseURL, baseURL),
            (.model, model), (.aggregatorModel, aggregatorModel), (.maxTokens, maxTokens), (.theme, theme), (.earlyQuorum, earlyQuorum),
        ]
        for case let (key, raw?) in given {
            try values.set(key, .string(raw), at: .flag(key.flag ?? key.configKey))
        }
        if !focus.isEmpty {
            try values.set(.focus, .array(focus.map { .string($0) }), at: .flag("--focus"))
        }
        return values
    }

    public var inputs: LoadedSettings.Inputs {
        get throws(ChorusError) {
            LoadedSettings.Inputs(configFlag: config, profileFlag: profile, flags: try settingValues())
        }
    }
}
