/// What happens during a run, in order, for observers (the UI, the progress line).
///
/// Events are delivered synchronously on the engine's tasks through an `EventSink`; an observer
/// must not block (the UI copies the event into its queue and wakes its thread).
public enum RunEvent: Sendable, Hashable {
    case workerStarted(worker: Int, attempt: Int)
    /// The server sent the response head for the attempt (`ChatChunk.responseStarted`): it took
    /// the request, which is no longer queued. With a head limit, the total timeout counts from
    /// here. Not sent for models that send no head (their first chunk implies it).
    case workerResponded(worker: Int, attempt: Int)
    /// The provider is retrying before any text (e.g. HTTP 429), inside the worker's deadline.
    case workerRetrying(worker: Int, attempt: Int, reason: String)
    case workerChunk(worker: Int, attempt: Int, text: String)
    /// A piece of the worker's reasoning (kept apart from its answer).
    case workerReasoning(worker: Int, attempt: Int, text: String)
    case workerUsage(worker: Int, attempt: Int, usage: TokenUsage)
    case workerFinished(worker: Int, record: AttemptRecord)
    case aggregationStarted(strategy: StrategyName)
    case aggregationChunk(text: String)
    /// The aggregator model failed and the next model of the fallback chain starts over: text
    /// streamed so far for this aggregation is void.
    case aggregationRetrying(model: String, reason: String)
    case aggregationFinished(record: AggregationRecord)
    /// The run has a result (or a quorum failure). Sent again after each retry or re-aggregation.
    case runUpdated(record: RunRecord)
}

/// Receives run events. Called from many tasks at once; must be cheap and thread-safe.
public typealias EventSink = @Sendable (RunEvent) -> Void
