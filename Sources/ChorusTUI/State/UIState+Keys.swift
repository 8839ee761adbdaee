import Chorus

/// Key handling: DESIGN.md's default keys, in the order the help overlay lists them.
extension UIState {
    /// The help overlay's lines: keys, what they do, and a short form for narrow terminals.
    /// Twelve lines: on the smallest terminal the overlay shows what fits (and scrolls).
    public static let keyHelp: [(keys: String, action: String, short: String)] = [
        ("←/→ ↑/↓ Tab", "select a pane or the answer (↑/↓ scroll when zoomed)", "select a pane"),
        ("Enter, Esc", "zoom the selected pane to full screen; Enter or Esc leaves", "zoom in/out"),
        ("PgUp/PgDn j/k", "scroll the selected pane (Home/End: top, newest)", "scroll; Home/End"),
        ("r / R", "retry the selected failed worker / every failed one (a finished one does not re-run)", "retry failed one/all"),
        ("s", "merge again with the next strategy (workers do not re-run)", "next merge strategy"),
        ("c / t", "cancel the selected worker or the merge / show or fold the reasoning", "cancel / reasoning"),
        ("T / l / p", "the whole task / answer-first or panes-first / accept a partial answer", "task/layout/partial"),
        ("v / < > / m", "rerun the selected worker as a variant (a form) / show its other variants / merge the shown one", "variants"),
        ("a / y", "agreement view: who answered what, the warnings / save the answer to a file", "agreement / save"),
        ("f / [ ]", "ask a follow-up (every worker, with the conversation so far) / show the earlier or later turn", "follow-up / turns"),
        ("d / Y", "word diff of the selected pane and the answer (Tab: other text) / copy the selected text (OSC 52 and a file)", "diff / copy"),
        ("?", "show or hide this help (any key closes it)", "this help"),
        ("q", "quit (asks first while work is running)", "quit (asks if busy)"),
        ("Ctrl-C", "quit at once, cancelling running work", "quit at once"),
    ]

    mutating func handle(_ key: Key) -> [UICommand] {
        // The follow-up prompt takes every key first: text, pastes, and Ctrl-C closing the line.
        if followUp != nil { return handleFollowUpKey(key) }
        if key == .interrupt { return leave() }
        if case .paste = key, variantForm == nil {
            // Pasted text is never keys: a pasted "y" or "q" must not save or quit. The UI has no
            // text field yet, so the paste is dropped, and said to be.
            say("pasted text is not read as keys; paste the task at the Task prompt")
            return []
        }
        if showHelp {
            // The scroll keys scroll a help longer than the screen; any other key closes it and
            // does nothing else, so a stray `q` is harmless.
            if let offset = helpScrollOffset(for: key) {
                helpScroll = max(0, min(helpScroll + offset, HelpBox(width: width, height: height).maxScroll))
                return []
            }
            showHelp = false
            helpScroll = 0
            return []
        }
        if confirmingQuit {
            switch key {
            case .character("y"), .character("Y"), .character("q"), .enter:
                return leave()
            default:
                confirmingQuit = false
                say("still running; q asks again")
                return []
            }
        }
        if variantForm != nil { return handleVariantFormKey(key) }
        if taskViewTop != nil, let commands = handleTaskViewKey(key) { return commands }
        if let commands = handleTurnKey(key) { return commands }
        if agreement != nil, let commands = handleAgreementKey(key) { return commands }
        if diff != nil, let commands = handleDiffKey(key) { return commands }
        switch key {
        case .character("?"):
            showHelp = true
        case .character("a"), .character("A"):
            openAgreement()
        case .character("d"), .character("D"):
            agreement = nil
            openDiff()
        case .character("Y"):
            return copySelected()
        case .character("q"), .character("Q"):
            if isWorking {
                confirmingQuit = true
                return []
            }
            return leave()
        case .escape:
            if zoomed {
                zoomed = false
                rewrapAll()
            } else {
                message = nil
            }
        case .enter:
            zoomed.toggle()
            rewrapAll()
        case .tab, .right:
            select(offset: 1)
        case .backTab, .left:
            select(offset: -1)
        case .up:
            if zoomed { scroll(by: -1) } else { selectRow(offset: -1) }
        case .down:
            if zoomed { scroll(by: 1) } else { selectRow(offset: 1) }
        case .character("k"):
            scroll(by: -1)
        case .character("j"):
            scroll(by: 1)
        case .pageUp:
            scroll(by: -pageSize)
        case .pageDown:
            scroll(by: pageSize)
        case .home, .character("g"):
            scrollToTop()
        case .end, .character("G"):
            scrollToEnd()
        case .character("r"):
            return retrySelected()
        case .character("R"):
            return retryAll()
        case .character("s"):
            return switchStrategy()
        case .character("c"):
            return cancelSelected()
        case .character("t"):
            toggleReasoning()
        case .character("T"):
            openTaskView()
        case .character("l"), .character("L"):
            toggleLayout()
        case .character("p"), .character("P"):
            return acceptPartialSelected()
        case .character("v"), .character("V"):
            openVariantForm()
        case .character("<"):
            showVariant(offset: -1)
        case .character(">"):
            showVariant(offset: 1)
        case .character("m"), .character("M"):
            return chooseShownVariant()
        case .character("y"):
            guard let output = answer.savableOutput else {
                say(answer.isMerging ? "the answer is still being merged; y saves it when done" : "no answer to save yet")
                return []
            }
            return [.saveAnswer(text: output)]
        default:
            break
        }
        return []
    }

    // MARK: - Selection

    mutating func select(offset: Int) {
        let count = panes.count + (answer.isVisible ? 1 : 0)
        guard count > 0 else { return }
        let wasZoomed = zoomed
        selection = ((selection + offset) % count + count) % count
        clampSelection()
        if wasZoomed { rewrapAll() }
    }

    /// Up/down in the pane grid; down from the last row reaches the answer, up from it returns.
    mutating func selectRow(offset: Int) {
        let layout = self.layout
        let columns = max(1, layout.columns)
        if selectsAnswer {
            guard offset < 0, !panes.isEmpty else { return }
            selection = panes.count - 1
        } else {
            let target = selection + offset * columns
            if target < 0 { return }
            if target >= panes.count {
                // The last row may be shorter: go to its last pane, else to the answer.
                if layout.row(of: selection) < layout.row(of: panes.count - 1) {
                    selection = panes.count - 1
                } else if answer.isVisible {
                    selection = panes.count
                } else {
                    return
                }
            } else {
                selection = target
            }
        }
        clampSelection()
    }

    // MARK: - Commands

    var selectedWorkerName: String { selectsAnswer ? "the answer" : "worker \(selection + 1)" }

    mutating func retrySelected() -> [UICommand] {
        guard !selectsAnswer else {
            say("select a worker's pane first (←/→), or R to retry every failed worker")
            return []
        }
        let pane = panes[selection]
        if pane.status == .succeeded {
            // Re-running a good answer is a variant rerun, kept next to it, not a retry.
            say("worker \(selection + 1) finished with an answer; v reruns it as a variant (another model or settings), kept next to this one", worker: selection)
            return []
        }
        guard pane.isRetryable, pane.request != .retry else {
            let state = pane.status.map(Self.describe) ?? "not started"
            say("worker \(selection + 1) is \(state); r retries a worker that failed, timed out or was cancelled", worker: selection)
            return []
        }
        panes[selection].request = .retry
        say("retrying worker \(selection + 1)…", worker: selection)
        return [selectedVariantRetry]
    }

    mutating func retryAll() -> [UICommand] {
        let failed = panes.indices.filter { panes[$0].isRetryable && panes[$0].request != .retry }
        guard !failed.isEmpty else {
            say("no failed, timed-out or cancelled workers to retry")
            return []
        }
        for i in failed { panes[i].request = .retry }
        say("retrying \(failed.count) worker\(failed.count == 1 ? "" : "s")…")
        return [.retryFailed]
    }

    mutating func cancelSelected() -> [UICommand] {
        // While the answer is being merged, `c` on the answer (or on a pane with nothing to
        // cancel) cancels the merge.
        if answer.isMerging, selectsAnswer || !panes[selection].isRunning {
            say("cancelling the merge…", aboutMerge: true)
            return [.cancelMerge]
        }
        guard !selectsAnswer else {
            say("select a running worker's pane to cancel it")
            return []
        }
        guard panes[selection].isRunning else {
            let state = panes[selection].status.map(Self.describe) ?? "not started"
            say("worker \(selection + 1) is \(state); c cancels a running worker")
            return []
        }
        panes[selection].request = .cancel
        say("cancelling worker \(selection + 1)…", worker: selection)
        return [.cancel(worker: selection)]
    }

    /// `t`: opens the selected pane's folded reasoning above its answer, or folds it again.
    /// While the model still thinks its reasoning has the pane anyway; the choice then holds for
    /// when the answer starts.
    mutating func toggleReasoning() {
        guard !selectsAnswer else {
            say("select a worker's pane first (←/→); t shows or folds its reasoning")
            return
        }
        let pane = panes[selection]
        guard !pane.reasoning.isEmpty else {
            say("worker \(selection + 1) has no reasoning to show")
            return
        }
        panes[selection].showsReasoning.toggle()
        let opened = panes[selection].showsReasoning
        if pane.showsThinking {
            say("worker \(selection + 1)'s reasoning will \(opened ? "stay open" : "fold") when its answer starts")
        } else {
            // Opened, the pane shows the reasoning from its start (the fold line, then the
            // reasoning); folded, a running pane follows its answer again and a finished one is
            // read from its start.
            panes[selection].scrollTop = opened || !pane.isRunning ? 0 : nil
        }
    }

    mutating func switchStrategy() -> [UICommand] {
        switch answer.phase {
        case .hidden:
            say("s switches how the answers are merged, once the workers have finished")
            return []
        case .failed(_, let required):
            say("an answer needs \(required) successful workers first; r or R retries the failed ones", role: .warning)
            return []
        case .merging, .done:
            let next = strategy.next
            beginMerge(next)
            reaggregationsInFlight += 1
            return [.reaggregate(next)]
        }
    }

    static func describe(_ status: AttemptStatus) -> String {
        switch status {
        case .waiting: "waiting"
        case .streaming: "streaming"
        case .succeeded: "done"
        case .failed: "failed"
        case .timedOut: "timed out"
        case .cancelled: "cancelled"
        }
    }
}
