import Chorus

/// `chorus open FILE --rerun N ...` and `--choose W:V`: a variant rerun (or a choice of variant)
/// on a saved session without the UI. The rerun flows as the UI's does (`RunController.rerun`),
/// the answer is merged again, the session is written back atomically (`SessionStore.save`),
/// and the new answer (or with `--json`, the record) is printed on stdout.
struct HeadlessVariantRun {
    struct Request {
        /// Worker (from 0) and what its new variant changes.
        var rerun: (worker: Int, change: VariantChange)?
        /// Worker and variant (both from 0) to merge.
        var choose: (worker: Int, variant: Int)?
    }

    var record: RunRecord
    /// The conversation's turns before `record` (issue 17's follow-ups), written back with it:
    /// a rerun on the latest turn never drops the earlier ones.
    var earlierTurns: [RunRecord] = []
    var request: Request
    var loaded: LoadedSettings
    /// Already expanded.
    var savePath: String
    var json: Bool
    var runtime: ModelRuntime

    func execute(in context: CLIContext) async throws(ChorusError) -> ChorusExitCode {
        let controller = RunController(record: record, models: runtime.factory, clock: context.services.clock, now: context.now)
        var record = self.record
        var rerunFailed = false
        if let (worker, change) = request.rerun {
            let spec = try PlanBuilder(loaded).variantSpec(from: record.workers[worker].spec, change: change)
            // Ctrl-C cancels the variant's attempt (a second press exits at once, as in a run):
            // it is kept as cancelled, the merge as it was, and the session written back.
            let uninstall = context.services.interrupts.install { Task { await controller.cancelAll() } }
            record = await controller.rerun(worker: worker, with: spec)
            uninstall()
            let variant = record.workers[worker].variants.count
            let new = record.workers[worker].variants[variant - 1]
            rerunFailed = !new.succeeded
            let outcome =
                new.succeeded
                ? (record.workers[worker].chosen == variant - 1 ? "succeeded; chosen for the merge" : "succeeded")
                : "\(new.status?.words ?? "did not run"): \(new.latest?.error ?? "no answer"); the merge keeps variant \(record.workers[worker].chosen + 1) (retry it in the UI with r)"
            context.stderr.line(
                "chorus: worker \(worker + 1) variant \(variant) (\(new.spec.model.provider):\(new.spec.model.model)) " + TerminalSafeText.oneLine(outcome))
        }
        if let (worker, variant) = request.choose {
            let before = record
            record = await controller.choose(worker: worker, variant: variant)
            if record == before, record.workers[worker].chosen != variant {
                throw .usage(
                    "--choose \(worker + 1):\(variant + 1): that variant has no answer to merge; rerun or retry it first")
            }
        }
        var code = RunOutcome.exitCode(for: record, unreachableFailures: runtime.unreachableFailures(), interrupted: false)
        // The variant asked for did not come: a script must see it, although the merge still stands.
        if rerunFailed, code == .success { code = .failure }
        let conversation = Conversation(turns: earlierTurns + [record])
        HeadlessRun.report(conversation, json: json, in: context)
        if record != self.record {
            do {
                try SessionStore.save(conversation, to: savePath)
                context.stderr.line(SessionSaving.line(savePath))
            } catch {
                context.stderr.line("chorus: \(error.message)")
                if code == .success { code = .failure }
            }
        }
        return code
    }
}
