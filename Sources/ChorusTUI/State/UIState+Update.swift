import Chorus

/// The reducer: one message in, the new state and the commands for the run controller out.
extension UIState {
    @discardableResult
    public mutating func update(_ message: UIMessage) -> [UICommand] {
        switch message {
        case .run(let event):
            apply(event)
            return []
        case .key(let key):
            return handle(key)
        case .tick(let now):
            self.now = max(self.now, now)
            if let m = self.message, m.until <= self.now { self.message = nil }
            return []
        case .resize(let width, let height):
            self.width = max(0, width)
            self.height = max(0, height)
            rewrapAll()
            return []
        case .saved(let path):
            savedPaths.append(path)
            say("saved the answer to \(path)")
            return []
        case .saveFailed(let reason):
            say("could not save the answer: \(reason)", role: .warning)
            return []
        case .copied(let label, let path, let clipboard):
            savedPaths.append(path)
            say(clipboard ? "copied \(label) (OSC 52, if the terminal allows it); also saved to \(path)"
                : "\(label) is too long for the clipboard (OSC 52); saved to \(path)")
            return []
        case .copyFailed(let reason):
            say("could not save the copy: \(reason)", role: .warning)
            return []
        case .controllerReturned(let record, let command):
            if let commands = turnReturned(record, after: command) { return commands }
            switch command {
            case .reaggregate, .acceptPartial, .chooseVariant: reaggregationsInFlight = max(0, reaggregationsInFlight - 1)
            default: break
            }
            if command == nil { runStarting = false }
            syncRun(record)
            for i in panes.indices where !panes[i].isRunning { panes[i].request = nil }
            if reaggregationsInFlight == 0, answer.isMerging, record.status != .running {
                // Every re-aggregation asked for has returned: the record's newest merge is the
                // answer, this merge's if it filed one. If the newest merge filed was superseded,
                // the merge that superseded it still runs and its finish ends the wait; if not,
                // nothing else is coming (a controller that merged nothing new), and the screen
                // must not stay "merging": the record's latest answer stands.
                let superseded = record.aggregations.last?.superseded ?? false
                if let latest = currentMerge(in: record) ?? (superseded ? nil : record.latestAggregation) { show(latest) }
            }
            return []
        case .terminate:
            return leave()
        case .rerunRefused(let worker, let reason):
            if panes.indices.contains(worker) { panes[worker].request = nil }
            say("worker \(worker + 1) not rerun: \(reason)", role: .warning)
            return []
        }
    }

    /// Quits now, cancelling whatever still runs so the controller's record settles.
    mutating func leave() -> [UICommand] {
        hasQuit = true
        confirmingQuit = false
        if isWorking {
            quitWhileRunning = true
            return [.cancelAll, .quit]
        }
        return [.quit]
    }

    // MARK: - Engine events

    mutating func apply(_ event: RunEvent) {
        switch event {
        case .workerStarted, .workerResponded, .workerRetrying, .workerChunk, .workerReasoning, .workerUsage, .workerFinished:
            applyToPane(event)

        case .aggregationStarted(let strategy):
            forgetMergeMessage()
            forgetEscalationMessage()
            beginMerge(strategy)
            clampSelection()

        case .aggregationChunk(let text):
            guard answer.isMerging else { return }
            answer.text.append(text)

        case .aggregationRetrying(let model, let reason):
            // The next model of the fallback chain starts over: what streamed so far is void.
            guard answer.isMerging else { return }
            answer.text.replace(with: "")
            answer.scrollTop = nil
            answer.retryNote = "aggregator failed (\(reason)); trying \(model)"

        case .aggregationFinished(let record):
            // A superseded aggregation (the user pressed `s` again) still reports; only the one
            // now shown counts.
            // A superseded one is never emitted as finished (`Aggregator.run`); the check is
            // belt and braces.
            guard case .merging(let strategy, _) = answer.phase, strategy == record.strategy, !record.superseded else { return }
            show(record)

        case .runUpdated(let record):
            syncRun(record)
        }
    }

    /// A worker's event: the core's fold moves the pane's progress (and says whether the event is
    /// about the current attempt at all); the pane adds its text and drops a request the event
    /// answered.
    mutating func applyToPane(_ event: RunEvent) {
        guard let w = event.worker, panes.indices.contains(w), panes[w].progress.apply(event, at: now) else { return }
        switch event {
        case .workerStarted, .workerFinished: forgetMessage(aboutWorker: w)
        default: break
        }
        switch event {
        case .workerStarted(_, let attempt):
            runStarting = false
            if attempt > 1 || !panes[w].text.isEmpty || !panes[w].reasoning.isEmpty {
                // A retry starts from nothing; the earlier attempt stays in the record.
                panes[w].text.replace(with: "")
                panes[w].reasoning.replace(with: "")
                panes[w].scrollTop = nil
            }
            panes[w].request = nil
        case .workerChunk(_, _, let text):
            // The answer's first words take the pane from the reasoning, which folds to a line:
            // a place scrolled to in the reasoning means nothing in the new body.
            if panes[w].text.isEmpty && !panes[w].reasoning.isEmpty { panes[w].scrollTop = nil }
            panes[w].text.append(text)
        case .workerReasoning(_, _, let text):
            // Reasoning often opens with a blank line ("<think>\n"): it would cost a row.
            panes[w].reasoning.append(panes[w].reasoning.isEmpty ? String(text.drop { $0.isWhitespace }) : text)
        case .workerFinished(_, let record):
            settle(pane: w, on: record)
        case .workerResponded, .workerRetrying, .workerUsage, .aggregationStarted, .aggregationChunk, .aggregationRetrying,
            .aggregationFinished, .runUpdated:
            break
        }
    }

    /// An attempt ended that the pane has not shown as ended (from the record, not an event).
    mutating func finish(worker w: Int, with record: AttemptRecord) {
        forgetMessage(aboutWorker: w)
        panes[w].progress.finish(with: record, at: now)
        settle(pane: w, on: record)
    }

    /// The pane's part of an ended attempt: the record's text is the truth, and a request it
    /// answered is gone.
    mutating func settle(pane w: Int, on record: AttemptRecord) {
        panes[w].request = nil
        // A finished answer is read from its start (while it streamed, the pane followed its
        // end); a place the user scrolled to stays.
        if panes[w].scrollTop == nil { panes[w].scrollTop = 0 }
        panes[w].text.finish()
        if panes[w].text.source != record.text { panes[w].text.replace(with: record.text) }
        // The record's reasoning is the truth too (e.g. a lone `</think>` split off at the end).
        panes[w].reasoning.finish()
        let reasoning = PaneState.shown(reasoning: record.reasoning)
        if panes[w].reasoning.source != reasoning { panes[w].reasoning.replace(with: reasoning) }
    }

    mutating func show(_ record: AggregationRecord) {
        forgetMergeMessage()
        let wasShown = answer.phase == .done(record)
        answer.phase = .done(record)
        answer.retryNote = nil
        strategy = record.strategy
        answer.text.finish()
        let output = record.output ?? ""
        if answer.text.source != output { answer.text.replace(with: output) }
        // A finished answer is read from its start; while it streamed, the view followed the end.
        if !wasShown && answer.scrollTop == nil { answer.scrollTop = 0 }
    }

    /// Brings the screen in line with the controller's record (sent after each run, retry or
    /// re-aggregation): the record is the truth when an event was missed or superseded.
    mutating func syncRun(_ record: RunRecord) {
        liveRecord = record
        quorum = record.quorum
        runCost = record.totalCost
        runUsage = record.totalUsage
        (earlierUsage, earlierCost) = Self.earlierTotals(record)
        aggregationsSeen = record.aggregations.count
        profile = record.profile
        escalation = record.escalation
        addEscalatedPanes(record)
        // The loop stopped (the controller sets `stop` before it merges or ends): "escalating"
        // is no longer true.
        if record.escalation?.stop != nil { forgetEscalationMessage() }
        syncVariants(record)
        for worker in record.workers where panes.indices.contains(worker.index) {
            panes[worker.index].escalated = worker.escalated
            // The pane's shown variant (README "Variant reruns"), not necessarily the merged one.
            let shown = panes[worker.index].shownVariant
            guard worker.variants.indices.contains(shown), let latest = worker.variants[shown].latest,
                latest.status.isTerminal
            else { continue }
            let pane = panes[worker.index]
            if latest.number > pane.attempt || (latest.number == pane.attempt && pane.finished != latest) {
                finish(worker: worker.index, with: latest)
            }
        }
        switch record.status {
        case .running:
            break
        case .failed:
            runStarting = false
            if answer.isMerging { forgetMergeMessage() }
            answer.phase = .failed(succeeded: record.answeredCount, required: record.quorum)
            answer.text.replace(with: Self.failureText(record))
            answer.scrollTop = nil
        case .succeeded:
            runStarting = false
            if answer.isMerging {
                // A merge runs: only its own result ends it (an older merge in the record is not
                // its answer, e.g. `s` pressed while an earlier merge was being recorded).
                if let latest = currentMerge(in: record), case .merging(let strategy, _) = answer.phase, strategy == latest.strategy {
                    show(latest)
                }
            } else if let latest = record.latestAggregation {
                show(latest)
            }
        }
        clampSelection()
    }

    /// Extra workers `--escalate` started (the record gets them before their first events): a
    /// pane each, appended as they start. The answer, when selected, stays selected.
    mutating func addEscalatedPanes(_ record: RunRecord) {
        guard record.workers.count > panes.count else { return }
        let answerSelected = selectsAnswer && !panes.isEmpty
        for worker in record.workers.dropFirst(panes.count) {
            var pane = PaneState(spec: worker.spec, wrapWidth: 1)
            pane.escalated = worker.escalated
            if let latest = worker.latest { pane.progress = WorkerProgress(showing: latest) }
            panes.append(pane)
        }
        if answerSelected { selection = panes.count }
        rewrapAll()
        if let step = record.escalation?.steps.last {
            say("escalating: +\(step.workers.count) worker\(step.workers.count == 1 ? "" : "s") (\(step.why))")
            message?.aboutEscalation = true
        }
    }

    /// Why there is no answer, one worker a line, and what to do about it.
    static func failureText(_ record: RunRecord) -> String {
        let n = record.workers.count
        var lines: [String] = []
        if record.succeededCount == 0 {
            lines.append("All \(n) worker\(n == 1 ? "" : "s") failed, so there is no answer.")
        } else {
            lines.append(
                "Only \(record.succeededCount) of \(n) workers succeeded; \(record.quorum) are needed for an answer.")
        }
        for worker in record.workers where !worker.answered {
            lines.append("  worker \(worker.index + 1): \(worker.reason)")
        }
        lines.append("r retries the selected worker, R retries every failed one.")
        if record.schema == nil, record.workers.contains(where: { !$0.answered && ($0.latest?.isPartial ?? false) }) {
            lines.append("p accepts the selected worker's partial answer (what it streamed before it stopped).")
        }
        return lines.joined(separator: "\n")
    }
}
