import ArgumentParser
import Chorus

/// `chorus config`: the effective settings and where each came from; a dry run of the settings.
/// Exits 0 when a run with these settings would start, otherwise with the code the run would get.
public struct ConfigCommand: ParsableCommand, ChorusExecutable {
    public static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the effective settings and where each came from (never an API key).",
        discussion: "Takes the same flags as `chorus run`, so you can see what they would change.")

    @OptionGroup public var options: RunOptions

    public init() {}

    func execute(in context: CLIContext) async throws(ChorusError) -> ChorusExitCode {
        var loaded = try LoadedSettings.load(try options.inputs, environment: context.environment, home: context.home)
        var problem: ChorusError?
        var plan: Plan?
        let runtime = try context.services.makeRuntime(loaded, 1)
        do {
            try await runtime.using { () async throws(ChorusError) -> Void in
                try await loaded.selectProvider(probe: runtime.probe)
                plan = try PlanBuilder(loaded).plan(task: "(your task)")
            }
        } catch {
            problem = error
        }
        context.stdout.write(ConfigReport.render(loaded, plan: plan))
        if let problem {
            context.stderr.line("chorus: " + problem.message)
            return problem.code
        }
        return .success
    }
}
