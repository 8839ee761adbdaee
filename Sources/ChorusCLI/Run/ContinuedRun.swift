import Chorus

/// `chorus run --continue SESSION "follow-up"` (issue 17): the saved conversation's next turn,
/// headless, with the session's own workers and aggregator; the conversation (every turn) is
/// written back to SESSION atomically, or to `--save FILE` when given.
///
/// The plan is the session's: flags that would change it (workers, models, temperatures, ...)
/// are refused in one line rather than silently ignored; `--follow-up` picks the mode.
struct ContinuedRun {
    var session: String
    var message: String
    var options: RunOptions
    var json: Bool
    var dryRun: Bool
    var loaded: LoadedSettings

    /// Settings a continued run may take: they do not change the saved plan.
    static let allowed: Set<String> = ["follow_up", "theme", "cost_warn", "budget"]

    func execute(in context: CLIContext) async throws(ChorusError) -> ChorusExitCode {
        let given = try options.settingValues().settings.map(\.info).filter { !Self.allowed.contains($0.key) }
        if let first = given.first {
            throw .usage(
                "--continue keeps the session's workers and aggregator; drop \(first.flag ?? first.key) (or start a new run with it)")
        }
        if options.profile != nil {
            throw .usage("--continue keeps the session's workers and aggregator; drop --profile (or start a new run with it)")
        }
        let path = try SessionStore.continued(session, loaded: loaded)
        let conversation = try SessionStore.loadConversation(path)
        let mode = loaded.settings.followUp.value
        if let problem = conversation.followUpProblem {
            throw .usage("--continue \(session): \(problem)")
        }
        guard let plan = conversation.nextPlan(message: message, mode: mode) else {
            throw .usage("--continue \(session): the session cannot be followed up")
        }
        if dryRun {
            context.stdout.write(DryRunReport.run(plan, budget: loaded.settings.budget.value))
            return .success
        }
        try RunBudget.check(plan, budget: loaded.settings.budget.value, overBudget: options.overBudget)
        let runtime = try context.services.makeRuntime(loaded, plan.workers.count + 1)
        return try await runtime.using { () async throws(ChorusError) -> ChorusExitCode in
            var run = HeadlessRun(
                plan: plan, loaded: loaded, json: json, quiet: options.quiet, savePath: options.save ?? path, runtime: runtime)
            run.continuing = HeadlessRun.Continuing(conversation: conversation, message: message, mode: mode)
            return try await run.execute(in: context)
        }
    }
}
