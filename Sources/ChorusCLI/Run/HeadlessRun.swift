import Chorus
import Foundation
import Synchronization

/// `chorus run` (and the UI's fallback): run the plan without the UI, print the answer or the
/// JSON record on stdout and nothing else; progress, warnings and errors go to stderr.
struct HeadlessRun {
    var plan: Plan
    var loaded: LoadedSettings
    var json: Bool
    var quiet: Bool
    var savePath: String?
    var runtime: ModelRuntime

    /// Runs the plan; the caller shuts `runtime` down afterwards (`ModelRuntime.using`).
    func execute(in context: CLIContext) async throws(ChorusError) -> ChorusExitCode {
        let showProgress = !json && !quiet && context.stderr.isTerminal
        let progress = showProgress ? ProgressPrinter(plan: plan, output: context.stderr) : nil
        var sink: EventSink?
        if let progress { sink = { event in progress.receive(event) } }
        let controller = RunController(
            plan: plan, models: runtime.factory, clock: context.services.clock, now: context.now, events: sink)

        let interrupted = Mutex(false)
        let uninstall = context.services.interrupts.install {
            interrupted.withLock { $0 = true }
            Task { await controller.cancelAll() }
        }
        progress?.start()
        var record = await controller.start()
        uninstall()
        progress?.finish()

        let wasInterrupted = interrupted.withLock { $0 }
        if wasInterrupted { RunOutcome.markInterrupted(&record) }
        var code = RunOutcome.exitCode(
            for: record, unreachableFailures: runtime.unreachableFailures(), interrupted: wasInterrupted)

        // The answer first: whatever happens to the files below, it is not lost.
        if json {
            let text = Self.json(record, pretty: context.stdout.isTerminal)
            context.stdout.write(context.stdout.isTerminal ? TerminalSafeText.escapingInJSON(text) : text)
        } else if let output = record.output {
            let text = context.stdout.isTerminal ? TerminalSafeText.sanitize(output) : output
            context.stdout.write(text.hasSuffix("\n") ? text : text + "\n")
        }
        if record.status != .succeeded, let error = record.error {
            context.stderr.line("chorus: " + TerminalSafeText.oneLine(error))
        }
        // With --schema: one line naming the fields under --min-agreement, even with --quiet:
        // it says whether the answer can be used as it stands.
        if let line = record.structured?.reviewLine {
            context.stderr.line("chorus: " + TerminalSafeText.oneLine(line))
        }
        if !quiet {
            for line in RunWarnings.lines(for: record) { context.stderr.line("chorus: " + line) }
            for line in RunWarnings.costLines(for: record, warnAbove: loaded.settings.costWarn.value) {
                context.stderr.line("chorus: " + line)
            }
        }
        code = SessionSaving.save(record, loaded: loaded, savePath: savePath, quiet: quiet, stderr: context.stderr, code: code)
        return code
    }

    static func json(_ record: RunRecord, pretty: Bool) -> String {
        guard let data = try? record.jsonData(pretty: pretty), let text = String(data: data, encoding: .utf8) else {
            return "{\"status\":\"failed\",\"error\":\"the run record could not be encoded\"}\n"
        }
        return text + "\n"
    }
}
