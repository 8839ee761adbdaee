import Chorus

/// The running part of `chorus batch`: picks the items `--out` does not have yet, wires the
/// models through the rate limiters, runs them, shows progress, handles Ctrl-C, and ends with
/// the summary and the exit status.
struct BatchSession {
    var setup: BatchSetup
    var command: BatchRunCommand
    var context: CLIContext

    func run() async throws(ChorusError) -> ChorusExitCode {
        let out = setup.out
        let ledger = out.ledger
        let quiet = command.options.quiet
        let stderr = context.stderr
        if !quiet {
            if ledger.tornBytes > 0 {
                stderr.line("chorus batch: \(setup.inputs.out): dropped a torn last line (\(ledger.tornBytes) bytes, from an earlier crash); its item runs again")
            }
            if let first = ledger.unreadableLines.first {
                stderr.line(
                    "chorus batch: warning: \(setup.inputs.out): \(ledger.unreadableLines.count) line(s) are not result lines (first: line \(first)); ignored")
            }
        }
        let selection = ledger.selection(of: setup.inputs.items, retryFailed: command.retryFailed)
        guard !selection.toRun.isEmpty else {
            let csvFailed = await writeCSV()
            await out.finish()
            return csvFailed ? .failure : finish(BatchProgress(), selection: selection, pushbacks: 0)
        }

        let settings = setup.inputs.loaded.settings
        let concurrency = settings.concurrency.value
        // Every item in flight may have all its workers and its aggregator call open at once.
        let connections = min(4096, concurrency * (settings.workers.value + 1))
        return try await PreparedRun.using(setup.inputs.loaded, connections: connections, quiet: quiet, in: context) { run throws(ChorusError) in
            let runtime = run.runtime
            // A proxy may hold a batch's requests for its next rate window: wait for the head
            // longer than a worker's answer may take (README "Behind a proxy").
            var plan = try run.builder.plan(task: "(each item's prompt)", headTimeout: Plan.batchHeadTimeout)
            plan.context = setup.inputs.context
            let catalog = run.loaded.catalog
            let limiters = RateLimiterRegistry(clock: context.services.clock) { choice in
                Self.limit(for: catalog.entry(named: choice.provider), settings: settings)
            }
            let compact = command.compact
            let previous = command.retryFailed ? await out.previousRecords(for: selection) : [:]
            let budget = settings.budget.value
            if let budget { try RunBudget.requirePrices(RunEstimate(plan: plan), budget: budget) }
            let runner = BatchRunner(
                plan: plan, template: setup.inputs.template, items: selection.toRun, concurrency: concurrency,
                models: limiters.limiting(runtime.pacedFactory, classify: runtime.pushback),
                clock: context.services.clock, now: context.now, previous: previous, budget: budget,
                sink: { result throws(ChorusError) in try await out.append(result.jsonLine(compact: compact)) })

            let skipped = selection.alreadySucceeded + selection.alreadyFailed
            let reporter: BatchProgressReporter? =
                quiet
                ? nil
                : BatchProgressReporter(output: stderr) {
                    let progress = await runner.progress
                    var snapshots: [RateLimiter.Snapshot] = []
                    for limiter in limiters.all { snapshots.append(await limiter.snapshot) }
                    return BatchStatusText.line(progress, skipped: skipped, limiters: snapshots)
                }
            if !quiet, skipped > 0 || selection.retrying > 0 {
                var text = "resuming \(setup.inputs.out): \(skipped) of \(setup.inputs.items.count) items already there"
                if selection.retrying > 0 { text += ", \(selection.retrying) failed ones run again" }
                reporter?.notice(text)
            }
            let uninstall = context.services.interrupts.installStaged { press in
                Task {
                    if press == 1 {
                        await runner.stopStarting()
                        let inFlight = await runner.progress.inFlight
                        reporter?.notice("stopping: no new items; waiting for the \(inFlight) in flight (Ctrl-C again cancels them)")
                    } else {
                        await runner.cancelRunning()
                        reporter?.notice("cancelling the items in flight; they run again on resume (Ctrl-C again exits at once)")
                    }
                }
            }
            reporter?.start()
            let progress = await runner.run()
            uninstall()
            reporter?.finish()
            let csvFailed = await writeCSV()
            await out.finish()
            var pushbacks = 0
            for limiter in limiters.all { pushbacks += await limiter.snapshot.pushbacks }
            let code = finish(progress, selection: selection, pushbacks: pushbacks)
            return csvFailed ? .failure : code
        }
    }

    /// `--csv-out`: writes the input back from `--out`'s lines (still locked, so no other batch
    /// appends meanwhile) and says so on stderr. Returns true when the file could not be written.
    private func writeCSV() async -> Bool {
        guard let csv = setup.inputs.csvOut else { return false }
        do {
            let counts = try csv.write(resultLines: await setup.out.wholeLines())
            if !command.options.quiet {
                var text = "wrote \(csv.shownAs): \(counts.answered) row\(counts.answered == 1 ? "" : "s") answered"
                if counts.failed > 0 { text += ", \(counts.failed) failed (the error column says why)" }
                if counts.empty > 0 { text += ", \(counts.empty) not run yet (a resume fills them in)" }
                context.stderr.line("chorus batch: " + text)
            }
            return false
        } catch {
            context.stderr.line("chorus batch: " + error.message)
            return true
        }
    }

    /// A provider's limits: a flag or variable wins (it is about this invocation); else the
    /// provider's own `rpm`/`tpm` (more specific than a profile or `[defaults]`); else those.
    static func limit(for entry: ProviderEntry?, settings: EffectiveSettings) -> RateLimit {
        RateLimit(
            requestsPerMinute: settings.rpm.overriding(entry?.rateLimit.requestsPerMinute),
            tokensPerMinute: settings.tpm.overriding(entry?.rateLimit.tokensPerMinute))
    }

    /// Prints the summary (stderr; with `--json` also stdout) and returns the exit status.
    private func finish(_ progress: BatchProgress, selection: BatchLedger.Selection, pushbacks: Int) -> ChorusExitCode {
        let summary = BatchSummary(
            progress: progress, selection: selection, items: setup.inputs.items.count, inputName: command.input, out: setup.inputs.out,
            shard: setup.inputs.shard, pushbacks: pushbacks)
        if command.json {
            let json = summary.json()
            context.stdout.write(context.stdout.isTerminal ? TerminalSafeText.escapingInJSON(json) : json)
        }
        if !command.options.quiet || summary.status != .succeeded {
            for line in summary.lines { context.stderr.line("chorus batch: " + line) }
        }
        return summary.exitCode
    }
}
