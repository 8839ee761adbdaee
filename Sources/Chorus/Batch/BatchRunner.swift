import Foundation

/// Runs a batch: every item a full Chorus run (workers, quorum, aggregation with its fallback)
/// through the same engine, at most `concurrency` items at once, each result handed to `sink`
/// (which appends it to `--out`) as soon as the item ends.
///
/// Stopping has two steps, like Ctrl-C twice: `stopStarting()` lets the items in flight finish
/// and starts no more; `cancelRunning()` cancels those in flight too. An item cut off that way is
/// not handed to the sink, so it is neither lost (it runs on resume) nor recorded half done.
public actor BatchRunner {
    /// Writes one result. Throwing (a full disk) stops the batch: no item is started whose
    /// result could not be kept.
    public typealias ResultSink = @Sendable (BatchResult) async throws -> Void

    private let plan: Plan
    private let template: PromptTemplate
    private let items: [BatchItem]
    /// Earlier runs of failed items (`--retry-failed`): reopened to retry only their failed
    /// workers when the item's prompt and the plan are unchanged.
    private let previous: [String: RunRecord]
    private let concurrency: Int
    private let models: ModelFactory
    private let clock: any Clock<Duration>
    private let runClock: RunClock
    private let now: @Sendable () -> Date
    private let sink: ResultSink
    private var state = BatchProgress()
    private var running: [Int: RunController] = [:]
    private var started = false
    /// Stop starting items once this many runs in a row, from the start, had every worker fail.
    private let giveUpAfter: Int?
    /// `--budget` in US dollars: no item starts once the spend so far, the worst case of the items
    /// in flight and its own worst case (`RunEstimate`) would pass it.
    private let budget: Double?
    /// The worst case of each item in flight, by index, while it runs.
    private var reserved: [Int: Double] = [:]
    /// Re-sends per item worker after an attempt that got no response (see `RunController`).
    private let resends: Int

    /// - Parameters:
    ///   - plan: the plan every item runs; its task is replaced by the item's rendered prompt.
    ///   - items: the items to run, in order (already without those `--out` has).
    public init(
        plan: Plan, template: PromptTemplate, items: [BatchItem], concurrency: Int, models: @escaping ModelFactory,
        clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = Date.init,
        giveUpAfter: Int? = BatchRunner.defaultGiveUpAfter, previous: [String: RunRecord] = [:],
        budget: Double? = nil, resends: Int = Plan.batchResends, sink: @escaping ResultSink
    ) {
        self.giveUpAfter = giveUpAfter
        self.budget = budget
        self.resends = resends
        self.previous = previous
        self.plan = plan
        self.template = template
        self.items = items
        self.concurrency = max(1, concurrency)
        self.models = models
        self.clock = clock
        self.runClock = RunClock(clock)
        self.now = now
        self.sink = sink
        state.total = items.count
        state.budget = budget
    }

    /// Ten items whose every worker failed, and none succeeded: a shared cause (a bad key, an
    /// unknown model, a server that is down) that the other thousands of items would only repeat.
    /// Their lines are written (failed), so `--retry-failed` runs them once the cause is fixed.
    /// Items that fail for their own reasons (a quorum not met) do not count.
    public static let defaultGiveUpAfter = 10

    public var progress: BatchProgress {
        var p = state
        p.elapsed = runClock.now()
        return p
    }

    /// No new item starts; those in flight finish and are written.
    public func stopStarting() {
        state.stopping = true
    }

    /// Cancels the items in flight as well; they are not written and run again on resume.
    public func cancelRunning() {
        state.stopping = true
        state.cancelling = true
        for controller in running.values {
            Task { await controller.cancelAll() }
        }
    }

    /// Runs the items; returns when every started item has ended.
    public func run() async -> BatchProgress {
        guard !started else { return progress }
        started = true
        await withTaskGroup(of: Void.self) { group in
            var next = 0
            while true {
                while next < items.count, state.inFlight < concurrency, !state.stopping {
                    // The budget stops the batch the way a first Ctrl-C does: this item and the
                    // rest do not start, the ones in flight finish and are written.
                    if let budget, items[next].problem == nil, !fitsBudget(next, budget: budget) { break }
                    let index = next
                    next += 1
                    state.inFlight += 1
                    let item = items[index]
                    if item.problem != nil {
                        group.addTask { await self.finish(index, BatchResult(invalid: item, finishedAt: self.now())) }
                        continue
                    }
                    var itemPlan = plan
                    itemPlan.task = template.render(item)
                    let controller: RunController
                    let reopened: Bool
                    if let earlier = previous[item.id], Self.canRetryWorkers(of: earlier, for: itemPlan) {
                        controller = RunController(record: earlier, models: models, clock: clock, now: now, resends: resends)
                        reopened = true
                    } else {
                        controller = RunController(plan: itemPlan, models: models, clock: clock, now: now, resends: resends)
                        reopened = false
                    }
                    running[index] = controller
                    group.addTask {
                        let record = reopened ? await controller.retryFailed() : await controller.start()
                        await self.finish(index, BatchResult(item: item, record: record, finishedAt: self.now()))
                    }
                }
                if await group.next() == nil { break }
            }
        }
        return progress
    }

    /// Whether an item's earlier run can be continued: the same prompt, the same workers and
    /// aggregator. Its succeeded workers are kept (never called again), the failed ones get a
    /// new attempt, the earlier attempts stay in the record, and the answer is merged again.
    static func canRetryWorkers(of record: RunRecord, for plan: Plan) -> Bool {
        // `record.plan` leaves out the workers escalation added (`--escalate`): they are retried too.
        record.task == plan.task && record.plan.workers == plan.workers && record.aggregator == plan.aggregator
            && record.earlyQuorum?.k == plan.earlyQuorum && record.escalation?.plan == plan.escalation
    }

    /// Whether item `index` may start under `budget`: the spend so far, plus the worst case of
    /// the items in flight, plus its own worst case stay within it. When not, the batch stops
    /// starting items (`budgetStop` says why); when so, its worst case is reserved until it ends.
    private func fitsBudget(_ index: Int, budget: Double) -> Bool {
        var itemPlan = plan
        itemPlan.task = template.render(items[index])
        let worst = RunEstimate(plan: itemPlan).worstCost.usd
        let inFlight = reserved.values.reduce(0, +)
        if state.cost.usd + inFlight + worst > budget {
            state.stopping = true
            state.budgetStop = BatchProgress.BudgetStop(budget: budget, spent: state.cost.usd, inFlightWorst: inFlight, nextItemWorst: worst)
            return false
        }
        reserved[index] = worst
        return true
    }

    private func finish(_ index: Int, _ result: BatchResult) async {
        running[index] = nil
        reserved[index] = nil
        defer { state.inFlight -= 1 }
        if state.cancelling, result.status == .failed, result.failure != .invalidItem {
            // Cut off by the second Ctrl-C (or failed while it came): it runs again on resume.
            // Its calls were billed all the same.
            state.cancelled += 1
            if let record = result.record { state.cost.add(record.totalCost) }
            return
        }
        guard state.writeError == nil else { return }
        do {
            try await sink(result)
            state.count(result)
            if let limit = giveUpAfter, state.succeeded == 0, state.allFailed >= limit, state.gaveUp == nil {
                state.gaveUp = result.error ?? "every worker failed"
                state.stopping = true
            }
        } catch {
            state.writeError = "\(error)"
            state.stopping = true
        }
    }
}
