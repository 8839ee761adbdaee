import Chorus

/// The one path every command that calls models takes before its first call: the process's HTTP
/// client made and sized, the provider selected (settings, `--base-url`, or discovery), and a
/// plan builder over the result. `chorus run`, `chorus` (the UI) and `chorus batch` differ only
/// in what they do with it.
struct PreparedRun: Sendable {
    /// The settings after provider selection.
    var loaded: LoadedSettings
    var runtime: ModelRuntime

    var builder: PlanBuilder { PlanBuilder(loaded) }

    /// Prints the settings' notes (unless `quiet`), makes the runtime with `connections`
    /// (default: every worker and the aggregator at once, as AsyncHTTPClient's default of 8 per
    /// host would queue workers 9+), selects the provider, runs `body`, and shuts the HTTP
    /// client down on every path.
    static func using<T>(
        _ loaded: LoadedSettings, connections: Int? = nil, quiet: Bool, in context: CLIContext,
        _ body: (PreparedRun) async throws(ChorusError) -> T
    ) async throws(ChorusError) -> T {
        if !quiet {
            for note in loaded.notes { context.stderr.line("chorus: \(note)") }
        }
        let runtime = try context.services.makeRuntime(loaded, connections ?? loaded.settings.workers.value + 1)
        return try await runtime.using { () async throws(ChorusError) -> T in
            var selected = loaded
            try await selected.selectProvider(probe: runtime.probe)
            return try await body(PreparedRun(loaded: selected, runtime: runtime))
        }
    }
}

extension RunOptions {
    /// The settings of this invocation: the config file, the environment, and these flags.
    func load(in context: CLIContext) throws(ChorusError) -> LoadedSettings {
        try LoadedSettings.load(try inputs, environment: context.environment, home: context.home)
    }
}
