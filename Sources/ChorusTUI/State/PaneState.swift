import Chorus

/// What one worker's pane shows: the current attempt's progress (the core's fold of the run's
/// events, which `chorus run`'s progress lines share) plus what only a pane has: the text,
/// where it is scrolled, and a key press the controller has not answered yet.
///
/// Times are on the UI's clock (`UIState.now`, milliseconds) while the attempt runs, so the
/// elapsed time ticks live; once the attempt ends the record's own figures (on the run's clock)
/// take over.
///
/// The progress's fields read as the pane's own (`pane.status`, `pane.attempt`, `pane.tokens`):
/// a pane *is* its worker's progress with a text attached, so it forwards them rather than
/// copying each one.
@dynamicMemberLookup
public struct PaneState: Hashable, Sendable {
    /// A key press the controller has not answered yet, shown as "retry requested…".
    public enum Request: Hashable, Sendable { case retry, cancel }

    public var spec: WorkerSpec
    /// The current attempt, folded from the run's events on the UI's clock.
    public var progress = WorkerProgress<Int64>()
    public var text: WrappedText
    /// The model's reasoning, apart from `text` (see PaneState+Reasoning.swift for how it shows).
    public var reasoning: WrappedText
    /// The user opened the folded reasoning (`t`); folded by default.
    public var showsReasoning = false
    /// The first row of the body shown; nil follows the newest text.
    public var scrollTop: Int?
    public var request: Request?
    /// The worker's variants as the record last said (README "Variant reruns"); empty until the
    /// first sync. One entry: no tabs. `spec` and the body show `variants[shownVariant]`.
    public var variants: [WorkerVariant] = []
    /// The variant on screen (`<`/`>` switch it; a new rerun shows itself).
    public var shownVariant = 0
    /// The variant the merge uses (`m` chooses the shown one).
    public var chosenVariant = 0

    public init(spec: WorkerSpec, wrapWidth: Int) {
        self.spec = spec
        text = WrappedText(width: wrapWidth)
        reasoning = WrappedText(width: wrapWidth)
    }

    public subscript<Value>(dynamicMember field: KeyPath<WorkerProgress<Int64>, Value>) -> Value {
        progress[keyPath: field]
    }

    public var index: Int { spec.index }
    public var isRunning: Bool { progress.status == .waiting || progress.status == .streaming }
    public var isRetryable: Bool { progress.status?.isRetryable ?? false }

    /// Started by `--escalate` (`WorkerRecord.escalated`), set from the record.
    public var escalated = false

    /// "1", or "2 risk" when the worker has a label of its own; "+4" or "+4 risk" for a worker
    /// `--escalate` started (issue 15), so its pane title, the agreement view's worker lists and
    /// the diff view all mark it.
    public var displayName: String { (escalated ? "+" : "") + spec.displayName }

    public func elapsedMs(now: Int64) -> Int64? {
        if let finished = progress.finished { return finished.elapsedMs }
        guard let startedAt = progress.startedAt else { return nil }
        return max(0, now - startedAt)
    }

    /// The settings the server refused for the ended attempt, by name ("temperature", "seed"),
    /// from the record's "temperature: the server refused it" entries; the attempt ran without
    /// them.
    public var notApplied: [String] {
        var names: [String] = []
        for entry in progress.finished?.notApplied ?? [] {
            let name = entry.split(separator: ":", maxSplits: 1).first.map(String.init) ?? entry
            if !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// Time to the first token of the answer (not of the reasoning).
    public var firstTokenMs: Int64? {
        if let finished = progress.finished { return finished.firstTokenMs }
        guard let startedAt = progress.startedAt, let firstTokenAt = progress.firstTokenAt else { return nil }
        return firstTokenAt - startedAt
    }

    /// Time to the first token of reasoning; nil when the model sent none (or the record, made
    /// before reasoning was recorded, does not say).
    public var firstReasoningMs: Int64? {
        if let finished = progress.finished { return finished.firstReasoningMs }
        guard let startedAt = progress.startedAt, let firstReasoningAt = progress.firstReasoningAt else { return nil }
        return firstReasoningAt - startedAt
    }

    /// Tokens per second of generation (after the first token, reasoning or answer, since the
    /// token count holds both), once there is enough to say.
    public func tokensPerSecond(now: Int64) -> Double? {
        guard let tokens = progress.tokens, tokens.count > 1, let elapsed = elapsedMs(now: now) else { return nil }
        let generating = elapsed - ([firstTokenMs, firstReasoningMs].compactMap { $0 }.min() ?? 0)
        guard generating >= 200 else { return nil }
        return Double(tokens.count) / (Double(generating) / 1000)
    }
}
