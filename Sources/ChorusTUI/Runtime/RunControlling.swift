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
}

extension RunController: RunControlling {}
