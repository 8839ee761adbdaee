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

    func execute(in context: CLIContext) async throws(ChorusError) -> ChorusExitCode {
        let original: RunRecord?
        let defaultSave: String
        switch start {
        case .plan(let plan):
            original = nil
            defaultSave = loaded.sessionsDirectory + "/" + SessionStore.fileName(for: RunRecord(plan: plan, startedAt: context.now()))
        case .reopen(let record):
            original = record
            defaultSave = savePath ?? loaded.sessionsDirectory + "/" + SessionStore.fileName(for: record)
        }
        let request = InteractiveRequest(
            start: start, models: runtime.factory, clock: context.services.clock, theme: loaded.settings.theme.value,
            savePath: savePath.map(loaded.paths.expand) ?? defaultSave)
        let outcome = try await ui.run(request)

        var record = outcome.record
        if outcome.quitWhileRunning { RunOutcome.markInterrupted(&record) }
        var code = RunOutcome.exitCode(
            for: record, unreachableFailures: runtime.unreachableFailures(), interrupted: outcome.quitWhileRunning)
        // Left in the scrollback once the UI is gone, like a picker prints what was picked.
        if let output = record.output {
            let text = context.stdout.isTerminal ? TerminalText.sanitize(output) : output
            context.stdout.write(text.hasSuffix("\n") ? text : text + "\n")
        } else if let error = record.error {
            context.stderr.line("chorus: " + TerminalText.oneLine(error))
        }
        if let original {
            // A reopened session is written back only if something changed (a retry, a new strategy).
            if record != original {
                do { try SessionStore.save(record, to: request.savePath) } catch {
                    context.stderr.line("chorus: \(error.message)")
                    if code == .success { code = .failure }
                }
            }
        } else {
            // The final state, even if the UI's save key wrote an earlier one.
            code = SessionSaving.save(record, loaded: loaded, savePath: savePath, quiet: quiet, stderr: context.stderr, code: code)
        }
        return code
    }
}
