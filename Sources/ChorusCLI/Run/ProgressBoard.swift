import Chorus

/// The live state behind `chorus run`'s progress lines: one row per worker, built from run events.
///
/// No I/O: `apply` returns whether the lines changed; `render` turns the state into lines for a
/// given moment and width. `ProgressPrinter` owns the terminal side (timing, cursor moves).
public struct ProgressBoard: Sendable, Equatable {
    /// One worker's line: its label and its progress, folded by the core's `WorkerProgress`
    /// (the same fold the terminal UI's panes use) on the printer's clock.
    public struct Row: Sendable, Equatable {
        public var label: String
        public var progress = WorkerProgress<Duration>()
        /// The worker's price, for the cost shown once usage is known.
        public var pricing: Pricing?
        /// The worker's limits (`WorkerSpec`), to say when a waiting worker gives up.
        public var timeout: Duration
        public var headTimeout: Duration?

        public init(label: String, timeout: Duration = Plan.defaultTimeout, headTimeout: Duration? = nil) {
            self.label = label
            self.timeout = timeout
            self.headTimeout = headTimeout
        }

        /// Set once the attempt ended: the record's figure, else the time its record took to come.
        public var elapsed: Duration? {
            guard let finished = progress.finished else { return nil }
            if let ms = finished.elapsedMs { return .milliseconds(ms) }
            guard let startedAt = progress.startedAt, let endedAt = progress.endedAt else { return nil }
            return endedAt - startedAt
        }

        /// The error once the attempt ended (for a timeout, which limit fired, in the words the
        /// UI's panes use, and whether partial text was kept), else the provider's retry reason
        /// while it waits.
        public var note: String? {
            if let finished = progress.finished {
                guard let summary = finished.timeoutSummary else { return finished.error }
                // The JSON keeps the text a partial answer streamed (not merged headless).
                let hint = finished.firedLimit == .head ? " · raise --head-timeout" : ""
                return summary + hint + (finished.isPartial ? " · partial text kept" : "")
            }
            return progress.providerRetry.map { "retrying: \($0.reason)" }
        }

        /// While the attempt has no text yet: what it waits on and when it gives up, the core's
        /// one text (`WorkerProgress.waitNote`), as the UI's panes show it:
        /// "queued 12s · gives up in 48s".
        public func waitNote(now: Duration) -> String? {
            progress.waitNote(limits: AttemptLimits(timeout: timeout, idleTimeout: .zero, headTimeout: headTimeout), now: now)
        }
    }

    public var rows: [Row]
    /// The aggregation in progress, and since when.
    public var aggregating: (strategy: StrategyName, since: Duration)?

    /// What `--escalate` did so far (`EscalationRecord.summary`), shown under the rows once it
    /// started a worker; nil before.
    public var escalation: String?

    public init(plan: Plan) {
        rows = plan.workers.map(Self.row)
    }

    static func row(_ worker: WorkerSpec) -> Row {
        var row = Row(label: worker.label, timeout: worker.timeout, headTimeout: worker.headTimeout)
        row.pricing = worker.model.pricing
        return row
    }

    public static func == (a: ProgressBoard, b: ProgressBoard) -> Bool {
        a.rows == b.rows && a.escalation == b.escalation && a.aggregating?.strategy == b.aggregating?.strategy && a.aggregating?.since == b.aggregating?.since
    }

    public enum Action: Sendable, Equatable {
        case redraw
        case none
    }

    /// Updates the board for one event seen at `now`.
    public mutating func apply(_ event: RunEvent, at now: Duration) -> Action {
        switch event {
        case .workerStarted, .workerResponded, .workerRetrying, .workerChunk, .workerReasoning, .workerUsage, .workerFinished:
            guard let w = event.worker, rows.indices.contains(w), rows[w].progress.apply(event, at: now) else { return .none }
        case .aggregationStarted(let strategy):
            aggregating = (strategy, now)
        case .aggregationRetrying:
            return .none
        case .aggregationFinished:
            aggregating = nil
        case .runUpdated(let record):
            aggregating = nil
            // Escalation's extra workers join the record before their first events: a row each.
            if record.workers.count > rows.count { rows += record.workers.dropFirst(rows.count).map { Self.row($0.spec) } }
            if let block = record.escalation, !block.started.isEmpty { escalation = record.escalationSummary }
        case .aggregationChunk:
            return .none
        }
        return .redraw
    }

    public var isRunning: Bool { rows.contains { !($0.progress.status?.isTerminal ?? false) } || aggregating != nil }

    /// One line per worker (and one for the aggregation while it runs), each cut to `width`.
    /// `frame` picks the spinner's glyph so the line visibly moves while a worker waits.
    public func render(now: Duration, width: Int, frame: Int = 0) -> [String] {
        // A label that is only the worker's number ("1", the default without focus areas) is not
        // written again after it (issue 14: "1  1  ⠧ waiting"); `WorkerSpec.displayName`'s rule.
        let labels = rows.enumerated().map { i, row in row.label == String(i + 1) ? "" : row.label }
        let labelWidth = min(14, labels.map(\.count).max() ?? 0)
        var lines = rows.enumerated().map { i, row -> String in
            let status = row.progress.status
            let elapsed = row.elapsed ?? row.progress.startedAt.map { now - $0 } ?? .zero
            let number = Self.pad(String(i + 1), labelWidth == 0 ? String(rows.count).count : 2)
            let name = labelWidth == 0 ? number : number + " " + Self.pad(String(labels[i].prefix(labelWidth)), labelWidth)
            var parts = [name, Self.pad(Self.state(status, frame: frame), 11)]
            if status != nil { parts.append(Self.pad(elapsed.progressClockText, 6)) }
            if let tokens = row.progress.tokens, tokens.count > 0 {
                parts.append("\(tokens.approximate ? "~" : "")\(tokens.count) tok")
            }
            if let cost = row.progress.costText(pricing: row.pricing) { parts.append(cost) }
            if let note = row.note ?? row.waitNote(now: now) { parts.append(note) }
            // Labels (from a profile) and notes (a server's error) are untrusted text.
            return Self.fit(TerminalSafeText.oneLine(parts.joined(separator: "  ")), width)
        }
        if let escalation { lines.append(Self.fit("   " + TerminalSafeText.oneLine(escalation), width)) }
        if let (strategy, since) = aggregating {
            lines.append(Self.fit("   merging (\(strategy.rawValue))  \((now - since).progressClockText)", width))
        }
        return lines
    }

    static let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    static func state(_ status: AttemptStatus?, frame: Int) -> String {
        let spin = spinner[((frame % spinner.count) + spinner.count) % spinner.count]
        return switch status {
        case nil: "· queued"
        case .waiting?: "\(spin) waiting"
        case .streaming?: "\(spin) streaming"
        case .succeeded?: "✓ done"
        case .failed?: "✗ failed"
        case .timedOut?: "✗ timed out"
        case .cancelled?: "- cancelled"
        }
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    /// Cuts a line to `width` columns (every glyph used here is one column wide) and trims the end.
    static func fit(_ line: String, _ width: Int) -> String {
        var trimmed = line
        while trimmed.last == " " { trimmed.removeLast() }
        guard width > 1, trimmed.count > width else { return trimmed }
        var cut = String(trimmed.prefix(width - 1))
        while cut.last == " " { cut.removeLast() }
        return cut + "…"
    }
}
