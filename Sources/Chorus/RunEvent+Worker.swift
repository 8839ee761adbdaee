extension RunEvent {
    /// The worker the event is about, or nil for an event about the aggregation or the run: how
    /// an observer routes an event to that worker's `WorkerProgress`.
    public var worker: Int? {
        switch self {
        case .workerStarted(let worker, _), .workerResponded(let worker, _), .workerRetrying(let worker, _, _), .workerChunk(let worker, _, _), .workerReasoning(let worker, _, _),
            .workerUsage(let worker, _, _), .workerFinished(let worker, _):
            worker
        case .aggregationStarted, .aggregationChunk, .aggregationRetrying, .aggregationFinished, .runUpdated:
            nil
        }
    }
}
