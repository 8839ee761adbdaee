import Chorus

/// The UI's side of a run: make the models, hand the run to the UI, and when the UI has closed
/// (and the terminal is restored) print the answer, save the session and pick the exit status.
struct InteractiveRun {
    var start: InteractiveRequest.Start
    var loaded: LoadedSettings
    var savePath: String?
    var quiet: Bool
    var ui: InteractiveFrontEnd
    var runtime: ModelRuntime
    /// A reopened conversation's turns before the one in `start` (issue 17).
    var earlierTurns: [RunRecord] = []

    func execute(in context: CLIContext) async throws(ChorusError) -> ChorusExitCode {
        let original: RunRecord?
        switch start {
        case .plan: original = nil
        case .reopen(let record): original = record
        }
        var request = InteractiveRequest(
            start: start, models: runtime.factory, clock: context.services.clock, theme: loaded.settings.theme.value,
            environment: context.environment)
        request.earlierTurns = earlierTurns
        request.followUp = loaded.settings.followUp.value
        request.resolveVariant = PlanBuilder(loaded).variantResolver
        if !quiet { request.notes = loaded.notes }
        let outcome: InteractiveOutcome
        do {
            outcome = try await ui.run(request)
        } catch {
            switch (error, start) {
            case (.cannotStart(let reason), .plan(let plan)):
                // Nothing ran yet: the same run, printed instead of shown.
                if !quiet { context.stderr.line("chorus: warning: the terminal UI could not start (\(TerminalSafeText.oneLine(reason))); printing the answer instead") }
                return try await HeadlessRun(
                    plan: plan, loaded: loaded, json: false, quiet: quiet, savePath: savePath, runtime: runtime
                ).execute(in: context)
            case (.cannotStart(let reason), .reopen):
                throw .usage("the terminal UI could not start (\(TerminalSafeText.oneLine(reason))); read the session with chorus export instead")
            case (.error(let error), _):
                throw error
            }
        }

        var record = outcome.record
        if outcome.interrupted { RunOutcome.markInterrupted(&record) }
        var code = RunOutcome.exitCode(
            for: record, unreachableFailures: runtime.unreachableFailures(), interrupted: outcome.interrupted)
        // Left in the scrollback once the UI is gone, like a picker prints what was picked.
        if let output = record.output {
            let text = context.stdout.isTerminal ? TerminalSafeText.sanitize(output) : output
            context.stdout.write(text.hasSuffix("\n") ? text : text + "\n")
            if let note = RunOutcome.fallbackNote(record), !quiet { context.stderr.line(note) }
        } else if let error = record.error {
            context.stderr.line("chorus: " + TerminalSafeText.oneLine(error))
        }
        if let original {
            // A reopened session is written back only if something changed (a retry, a new
            // strategy, a follow-up turn).
            let conversation = Conversation(turns: outcome.earlierTurns + [record])
            if record != original || outcome.earlierTurns != earlierTurns, let savePath {
                let path = loaded.paths.expand(savePath)
                do {
                    try SessionStore.save(conversation, to: path)
                    if !quiet { context.stderr.line(SessionSaving.line(path)) }
                } catch {
                    context.stderr.line("chorus: \(error.message)")
                    if code == .success { code = .failure }
                }
            }
        } else {
            // The final state, even if the UI's save key wrote an earlier one; its path is the
            // last line the user sees (after q, Ctrl-C or the end of the run).
            code = SessionSaving.save(
                Conversation(turns: outcome.earlierTurns + [record]), loaded: loaded, savePath: savePath, quiet: quiet, stderr: context.stderr, code: code, announce: true)
        }
        return code
    }
}
