import Chorus

/// Partial answers and the layout key: text a worker streamed before it timed out, failed or was
/// cancelled is kept (the record's `text`, shown in its pane marked partial), and `p` takes it
/// into the merge; `l` gives the room to the answer or to the panes.
extension UIState {
    /// `p`: accepts the selected worker's partial answer and merges again without re-running
    /// anything (as `s` does); the record marks the attempt `accepted_partial` and the answer's
    /// warnings name it.
    mutating func acceptPartialSelected() -> [UICommand] {
        guard !selectsAnswer, panes.indices.contains(selection) else {
            say("select a worker's pane first (←/→); p accepts its partial answer")
            return []
        }
        let pane = panes[selection]
        // `p` acts on the merged variant (RunController.acceptPartial); another one shown first
        // goes back to it, so the partial accepted is the one on screen.
        guard pane.shownVariant == pane.chosenVariant else {
            say("p accepts the merged variant's partial answer; < or > shows variant \(pane.chosenVariant + 1), the merged one", worker: selection)
            return []
        }
        guard let finished = pane.finished, finished.isPartial else {
            let state = pane.status.map(Self.describe) ?? "not started"
            say("worker \(selection + 1) is \(state) with no partial answer; p accepts the text of a worker that stopped mid-answer", worker: selection)
            return []
        }
        guard pane.spec.schema == nil else {
            say("worker \(selection + 1)'s partial answer cannot be checked against the schema, so it cannot be merged; r retries it", worker: selection)
            return []
        }
        guard !finished.acceptedPartial else {
            say("worker \(selection + 1)'s partial answer is already in the merge", worker: selection)
            return []
        }
        // Shown at once; the controller's record confirms it.
        panes[selection].progress.finished?.acceptedPartial = true
        // The new merge is shown as running at once: one running now is superseded by it (the
        // record keeps it as `superseded`), and its "cancelled" fallback is never the answer.
        beginMerge(strategy)
        reaggregationsInFlight += 1
        say("merging again with worker \(selection + 1)'s partial answer…", worker: selection)
        return [.acceptPartial(worker: selection)]
    }

    /// `l`: answer-first (the answer gets the room its text needs, the panes shrink to their
    /// first lines) or panes-first (the answer at most 2/5 of the screen).
    mutating func toggleLayout() {
        answerFirstChoice = !answerFirst
        rewrapAll()
        clampSelection()
        say(answerFirst ? "answer first: the answer gets the room; l gives it to the panes" : "panes first; l gives the room to the answer")
    }
}
