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
    /// The conversation's earlier turns, oldest first (issue 17).
    var earlierTurns: [RunRecord] { get }
    /// Asks a follow-up: a new turn after the current one (see `RunController.startTurn`).
    func startTurn(message: String, mode: FollowUpMode) async -> RunRecord
}

extension RunControlling {
    /// A controller without conversations (a test recorder) has no earlier turns.
    public var earlierTurns: [RunRecord] { [] }
    /// A controller without conversations turns every follow-up down.
    public func startTurn(message: String, mode: FollowUpMode) async -> RunRecord { record }
}

extension RunController: RunControlling {}
