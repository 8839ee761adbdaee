import Chorus

/// Variant reruns in the UI (README "Variant reruns"): `v` opens a small form on the selected
/// pane (`VariantForm`) and Enter reruns the worker with the changed values as a new variant, kept
/// next to the original; `<`/`>` switch the variant a pane shows (its title lists them as tabs,
/// `v1 · v2`, the merged one marked ✓); `m` chooses the shown variant for the merge and merges
/// again (nothing re-runs); `r` retries the shown variant.
///
/// Decisions: a new variant becomes the merged one when it succeeds (RunController.rerun says
/// why); switching and choosing wait while the worker runs, so a running attempt's events never
/// land in another variant's view.
extension UIState {
    /// Keys while the form is open: the form's; Enter sends `.rerun` and closes it.
    mutating func handleVariantFormKey(_ key: Key) -> [UICommand] {
        guard var form = variantForm else { return [] }
        switch form.handle(key) {
        case .editing:
            variantForm = form
            return []
        case .cancelled:
            variantForm = nil
            say("variant form closed; nothing runs")
            return []
        case .submit(let change):
            variantForm = nil
            let w = form.worker
            panes[w].request = .retry
            say("rerunning worker \(w + 1) as variant \(panes[w].variantCount + 1)…", worker: w)
            return [.rerun(worker: w, change: change)]
        }
    }

    /// `v`: opens the form for the selected worker, prefilled with the shown variant's values.
    mutating func openVariantForm() {
        guard !selectsAnswer else {
            say("select a worker's pane first (←/→); v reruns it with another model or settings")
            return
        }
        let pane = panes[selection]
        guard !pane.isRunning, pane.request == nil else {
            say("worker \(selection + 1) is running; v reruns it once it has ended", worker: selection)
            return
        }
        variantForm = VariantForm(worker: selection, spec: pane.spec)
    }

    /// `<` / `>`: the previous or next variant of the selected pane.
    mutating func showVariant(offset: Int) {
        guard !selectsAnswer else {
            say("select a worker's pane first (←/→); < and > switch its variants")
            return
        }
        let w = selection
        let count = panes[w].variantCount
        guard count > 1 else {
            say("worker \(w + 1) has one variant; v reruns it with other settings as a second")
            return
        }
        guard !panes[w].isRunning else {
            say("worker \(w + 1) is running; switch its variants once it has ended", worker: w)
            return
        }
        show(variant: ((panes[w].shownVariant + offset) % count + count) % count, ofPane: w)
    }

    /// `m`: the shown variant goes into the merge; the answer is merged again.
    mutating func chooseShownVariant() -> [UICommand] {
        guard !selectsAnswer else {
            say("select a worker's pane first (←/→); m merges the variant it shows")
            return []
        }
        let w = selection
        let pane = panes[w]
        let v = pane.shownVariant
        guard pane.variantCount > 1 else {
            say("worker \(w + 1) has one variant, already merged; v reruns it with other settings")
            return []
        }
        guard v != pane.chosenVariant else {
            say("variant \(v + 1) of worker \(w + 1) is the one merged already")
            return []
        }
        guard !pane.isRunning else {
            say("worker \(w + 1) is running; m chooses a variant once it has ended", worker: w)
            return []
        }
        let variant = pane.variants[v]
        guard variant.succeeded || (variant.latest.map { $0.acceptedPartial && $0.isPartial } ?? false) else {
            say("variant \(v + 1) of worker \(w + 1) has no answer to merge; r retries it", role: .warning, worker: w)
            return []
        }
        panes[w].chosenVariant = v
        strategyMergeStarts()
        say("merging variant \(v + 1) of worker \(w + 1) instead…", aboutMerge: true)
        return [.chooseVariant(worker: w, variant: v)]
    }

    /// The answer area shows a merge starting at once, as `s` does, until the controller's
    /// events or returned record say how it went.
    private mutating func strategyMergeStarts() {
        guard answer.isVisible else { return }
        answer.phase = .merging(strategy, inputs: succeededCount)
        answer.text.replace(with: "")
        answer.scrollTop = nil
        reaggregationsInFlight += 1
    }

    /// Shows variant `v` of pane `w` from the record: its settings, its latest attempt's text,
    /// reasoning and figures, read from the start.
    mutating func show(variant v: Int, ofPane w: Int) {
        guard panes[w].variants.indices.contains(v) else { return }
        let variant = panes[w].variants[v]
        panes[w].shownVariant = v
        panes[w].spec = variant.spec
        panes[w].progress = variant.latest.map { WorkerProgress(showing: $0) } ?? WorkerProgress()
        panes[w].text.replace(with: variant.latest?.text ?? "")
        panes[w].reasoning.replace(with: PaneState.shown(reasoning: variant.latest?.reasoning ?? ""))
        panes[w].scrollTop = 0
        if variant.latest?.status.isTerminal ?? false { panes[w].text.finish() }
    }

    /// The record's variants for each pane (called by `syncRun`, the record being the truth): a
    /// variant that appeared since the last sync (a rerun just started) is shown at once, so its
    /// attempt's events fill the pane.
    mutating func syncVariants(_ record: RunRecord) {
        for worker in record.workers where panes.indices.contains(worker.index) {
            let w = worker.index
            let first = panes[w].variants.isEmpty
            let grew = !first && worker.variants.count > panes[w].variants.count
            panes[w].variants = worker.variants
            // A reopened session shows each worker as merged, the chosen variant.
            if first { panes[w].shownVariant = worker.chosen }
            panes[w].chosenVariant = worker.chosen
            if grew {
                show(variant: worker.variants.count - 1, ofPane: w)
                panes[w].scrollTop = nil
            } else if !panes[w].variants.indices.contains(panes[w].shownVariant) {
                panes[w].shownVariant = worker.chosen
            }
        }
    }

    /// `r` on a pane showing a variant that is not the merged one retries that variant.
    var selectedVariantRetry: UICommand {
        let pane = panes[selection]
        return pane.shownVariant == pane.chosenVariant
            ? .retry(worker: selection) : .retryVariant(worker: selection, variant: pane.shownVariant)
    }
}

extension PaneState {
    /// At least 1: a pane synced from no record yet shows its one variant.
    public var variantCount: Int { max(1, variants.count) }
}
