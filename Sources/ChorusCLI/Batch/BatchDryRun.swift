import Chorus
import Foundation

/// `chorus batch --dry-run`: the plan and the estimate over every item a run would start (the
/// input, of this shard, less what `--out` already has), printed on stdout. Reads `--out` if it
/// exists but never creates, locks or changes it, and calls no model.
struct BatchDryRun {
    var command: BatchRunCommand
    var inputs: BatchInputs

    func run(in context: CLIContext) async throws(ChorusError) -> ChorusExitCode {
        let path = inputs.loaded.paths.expand(inputs.out)
        let ledger = BatchLedger.read(FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? [])
        let selection = ledger.selection(of: inputs.items, retryFailed: command.retryFailed)
        return try await PreparedRun.using(inputs.loaded, connections: 1, quiet: command.options.quiet, in: context) { run throws(ChorusError) in
            var plan = try run.builder.plan(task: "(each item's prompt)", headTimeout: Plan.batchHeadTimeout, checkingKeys: false)
            plan.context = inputs.context
            if let missing = run.builder.missingKey(plan) { context.stderr.line("chorus: note: a real run would stop here: \(missing)") }
            context.stdout.write(
                DryRunReport.batch(
                    plan, template: inputs.template, items: selection.toRun,
                    skipped: selection.alreadySucceeded + selection.alreadyFailed,
                    budget: run.loaded.settings.budget.value))
            return .success
        }
    }
}
