/// One worker's current attempt as an observer sees it live: state, attempt number, provider
/// retries, chunks, usage, when it started and when its first token came, and the attempt's
/// record once it ended. Folded from `RunEvent`s by `apply(_:at:)`.
///
/// Both live views (the terminal UI's panes and `chorus run`'s progress lines) fold the same
/// events into the same facts; this is that one fold, so the two cannot drift apart (which
/// event resets what, which late event is ignored, what counts as a token). Each view keeps its
/// own drawing and its own extras (a pane's text, a progress line's label).
///
/// `Time` is the observer's clock (the UI's milliseconds, the printer's `Duration`): the fold
/// only stamps it on the progress and never reads a clock itself, so it stays a pure function.
public struct WorkerProgress<Time: Hashable & Sendable>: Hashable, Sendable {
    /// The provider is retrying before the first token (e.g. "HTTP 429"), and how many times.
    public struct Retry: Hashable, Sendable {
        public var count: Int
        public var reason: String

        public init(count: Int, reason: String) {
            self.count = count
            self.reason = reason
        }
    }

    /// 0 until the first attempt starts.
    public var attempt = 0
    /// nil until the first attempt starts.
    public var status: AttemptStatus?
    /// The provider's last retry reason before the first token, and how many there were.
    public var providerRetry: Retry?
    /// When the current attempt started, on the observer's clock.
    public var startedAt: Time?
    /// When its response head arrived (or, for a model that sends none, its first chunk), on the
    /// observer's clock; nil while the request is still queued at the server or a proxy.
    public var respondedAt: Time?
    /// When its first text arrived, on the observer's clock.
    public var firstTokenAt: Time?
    /// When its record arrived, on the observer's clock.
    public var endedAt: Time?
    /// Text chunks seen so far.
    public var chunks = 0
    /// Reasoning chunks seen so far, and when the first came.
    public var reasoningChunks = 0
    public var firstReasoningAt: Time?
    /// The provider's latest usage report (the record's, once the attempt ended).
    public var usage: TokenUsage?
    /// The attempt's record once it ended: its figures (on the run's clock) are the truth.
    public var finished: AttemptRecord?

    public init() {}

    /// The progress a record's attempt shows when a view opens on it (a reopened session): no
    /// live times, and the record as the truth once the attempt ended.
    public init(showing attempt: AttemptRecord) {
        self.attempt = attempt.number
        status = attempt.status
        usage = attempt.usage
        chunks = attempt.chunks
        reasoningChunks = attempt.reasoningChunks
        finished = attempt.status.isTerminal ? attempt : nil
    }

    /// Folds one event about this worker (the caller routes by `RunEvent.worker`) seen at `now`.
    /// Returns false, changing nothing, for an event that is not about this worker's current
    /// attempt: a late chunk, usage or retry of an earlier attempt, text after the attempt
    /// ended, an older attempt's record, or an event about the run rather than a worker.
    @discardableResult
    public mutating func apply(_ event: RunEvent, at now: Time) -> Bool {
        switch event {
        case .workerStarted(_, let attempt):
            // A retry starts from nothing; the earlier attempt stays in the record.
            self = WorkerProgress()
            self.attempt = attempt
            status = .waiting
            startedAt = now
        case .workerResponded(_, let attempt):
            guard attempt == self.attempt, !(status?.isTerminal ?? false), respondedAt == nil else { return false }
            respondedAt = now
        case .workerRetrying(_, let attempt, let reason):
            guard attempt == self.attempt else { return false }
            providerRetry = Retry(count: (providerRetry?.count ?? 0) + 1, reason: reason)
        case .workerChunk(_, let attempt, _):
            guard attempt == self.attempt, !(status?.isTerminal ?? false) else { return false }
            status = .streaming
            if respondedAt == nil { respondedAt = now }
            if firstTokenAt == nil { firstTokenAt = now }
            chunks += 1
            providerRetry = nil
        case .workerReasoning(_, let attempt, _):
            guard attempt == self.attempt, !(status?.isTerminal ?? false) else { return false }
            status = .streaming
            if respondedAt == nil { respondedAt = now }
            if firstReasoningAt == nil { firstReasoningAt = now }
            reasoningChunks += 1
            providerRetry = nil
        case .workerUsage(_, let attempt, let usage):
            guard attempt == self.attempt else { return false }
            self.usage = usage
        case .workerFinished(_, let record):
            guard record.number >= attempt else { return false }
            finish(with: record, at: now)
        case .aggregationStarted, .aggregationChunk, .aggregationRetrying, .aggregationFinished, .runUpdated:
            return false
        }
        return true
    }

    /// Takes an ended attempt's record as the truth, also when it came from the run's record
    /// rather than an event (a missed or superseded event).
    public mutating func finish(with record: AttemptRecord, at now: Time) {
        attempt = record.number
        status = record.status
        finished = record
        usage = record.usage ?? usage
        providerRetry = nil
        endedAt = now
    }

    /// Completion tokens: the provider's count, else the chunk count (marked approximate); nil
    /// before anything arrived.
    public var tokens: (count: Int, approximate: Bool)? {
        if let completion = usage?.completionTokens { return (completion, usage?.approximate ?? false) }
        let chunks = (finished?.chunks ?? self.chunks) + (finished?.reasoningChunks ?? reasoningChunks)
        return chunks > 0 ? (chunks, true) : nil
    }

    /// The attempt runs and no response head came yet: the request waits at the server or a
    /// proxy (what a live view shows as "queued").
    public var isAwaitingResponse: Bool { status == .waiting && respondedAt == nil }

    /// The model is reasoning and has not started its answer yet.
    public var isThinking: Bool { status == .streaming && reasoningChunks > 0 && chunks == 0 }
}
