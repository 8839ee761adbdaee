import Chorus

/// What the UI needs from a run: the controller's operations. `RunController` is the real one;
/// the protocol lets tests drive the UI with a recorder.
public protocol RunControlling: Actor {
    var record: RunRecord { get }
    func start() async -> RunRecord
    func retry(worker: Int) async -> RunRecord
    func retryFailed() async -> RunRecord
    func cancel(worker: Int)
    func cancelAll()
    func reaggregate(strategy: StrategyName) async -> RunRecord
    func acceptPartial(worker: Int) async -> RunRecord
    func cancelAggregation()
    /// Variant reruns (README "Variant reruns").
    func rerun(worker: Int, with spec: WorkerSpec) async -> RunRecord
    func retry(worker: Int, variant: Int) async -> RunRecord
    func choose(worker: Int, variant: Int) async -> RunRecord
}

extension RunController: RunControlling {}
