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
    /// Set by `chorus run --continue`: the saved conversation this run is the next turn of.
    var continuing: Continuing?

    /// A follow-up turn of a saved conversation (`ContinuedRun`).
    struct Continuing {
        var conversation: Conversation
        var message: String
        var mode: FollowUpMode
    }

    /// Runs the plan; the caller shuts `runtime` down afterwards (`ModelRuntime.using`).
    func execute(in context: CLIContext) async throws(ChorusError) -> ChorusExitCode {
        let showProgress = !json && !quiet && context.stderr.isTerminal
        let progress = showProgress ? ProgressPrinter(plan: plan, output: context.stderr) : nil
        var sink: EventSink?
        if let progress { sink = { event in progress.receive(event) } }
        let controller: RunController
        if let continuing {
            controller = RunController(
                conversation: continuing.conversation, models: runtime.factory, clock: context.services.clock, now: context.now,
                events: sink)
        } else {
            controller = RunController(
                plan: plan, models: runtime.factory, clock: context.services.clock, now: context.now, events: sink)
        }

        let interrupted = Mutex(false)
        let uninstall = context.services.interrupts.install {
            interrupted.withLock { $0 = true }
            Task { await controller.cancelAll() }
        }
        progress?.start()
        var record: RunRecord
        if let continuing {
            record = await controller.startTurn(message: continuing.message, mode: continuing.mode)
        } else {
            record = await controller.start()
        }
        uninstall()
        progress?.finish()

        let wasInterrupted = interrupted.withLock { $0 }
        if wasInterrupted { RunOutcome.markInterrupted(&record) }
        var code = RunOutcome.exitCode(
            for: record, unreachableFailures: runtime.unreachableFailures(), interrupted: wasInterrupted)

        // The answer first: whatever happens to the files below, it is not lost.
        // Every turn (a one-turn run is its record, unchanged): what --json prints and what is saved.
        let conversation = Conversation(turns: (await controller.earlierTurns) + [record])
        Self.report(conversation, json: json, quiet: quiet, in: context)
        if !quiet {
            for line in RunWarnings.lines(for: record) { context.stderr.line("chorus: " + line) }
            for line in RunWarnings.costLines(for: record, warnAbove: loaded.settings.costWarn.value) {
                context.stderr.line("chorus: " + line)
            }
        }
        if continuing != nil, let savePath {
            // The conversation goes back where it came from (or to --save): not a new autosave.
            do {
                try SessionStore.save(conversation, to: loaded.paths.expand(savePath))
                if context.stderr.isTerminal, !quiet { context.stderr.line(SessionSaving.line(loaded.paths.expand(savePath))) }
            } catch {
                context.stderr.line("chorus: \(error.message)")
                if code == .success { code = .failure }
            }
            return code
        }
        code = SessionSaving.save(
            conversation, loaded: loaded, savePath: savePath, quiet: quiet, stderr: context.stderr, code: code,
            announce: context.stderr.isTerminal)
        return code
    }

    /// A conversation's JSON (`Conversation`): a one-turn run's is `json(_: RunRecord, ...)`'s.
    /// What a headless run prints of its result, the same after a run, a follow-up and a
    /// variant rerun: stdout gets the newest answer (or, with `--json`, every turn), made safe
    /// for a terminal; stderr the run's error and, with `--schema`, one line naming the fields
    /// under `--min-agreement`, even with `--quiet`: it says whether the answer can be used.
    /// What `--escalate` did is a note, not an error: `quiet` ("errors only") leaves it out.
    static func report(_ conversation: Conversation, json: Bool, quiet: Bool = false, in context: CLIContext) {
        let record = conversation.latest
        if json {
            let text = Self.json(conversation, pretty: context.stdout.isTerminal)
            context.stdout.write(context.stdout.isTerminal ? TerminalSafeText.escapingInJSON(text) : text)
        } else if let output = record.output {
            let text = context.stdout.isTerminal ? TerminalSafeText.sanitize(output) : output
            context.stdout.write(text.hasSuffix("\n") ? text : text + "\n")
        }
        if record.status != .succeeded, let error = record.error {
            context.stderr.line("chorus: " + TerminalSafeText.oneLine(error))
        }
        if let line = record.structured?.reviewLine {
            context.stderr.line("chorus: " + TerminalSafeText.oneLine(line))
        }
        // `--escalate` started workers: say how many and why it stopped, since they cost calls.
        if !quiet, let block = record.escalation, !block.started.isEmpty {
            context.stderr.line("chorus: " + TerminalSafeText.oneLine(record.escalationSummary))
        }
    }

    static func json(_ conversation: Conversation, pretty: Bool) -> String {
        guard let data = try? conversation.jsonData(pretty: pretty), let text = String(data: data, encoding: .utf8) else {
            return "{\"status\":\"failed\",\"error\":\"the run record could not be encoded\"}\n"
        }
        return text + "\n"
    }

    static func json(_ record: RunRecord, pretty: Bool) -> String {
        guard let data = try? record.jsonData(pretty: pretty), let text = String(data: data, encoding: .utf8) else {
            return "{\"status\":\"failed\",\"error\":\"the run record could not be encoded\"}\n"
        }
        return text + "\n"
    }
}
