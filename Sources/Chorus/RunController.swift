import Foundation

/// Owns one run: starts its workers, retries and cancels them one by one, and re-aggregates.
///
/// An actor, so the UI's key presses (retry, cancel, switch strategy) and the engine's results
/// never race on the record. Long operations (`start`, `retry`, `reaggregate`) suspend while
/// work runs, so `cancel` can be called in the meantime.
///
/// Idempotency: retrying worker i starts attempt k+1 only when attempt k failed, timed out or was
/// cancelled, and only if no attempt of it is running; earlier attempts stay in the record. A
/// succeeded worker is never called again; switching strategy re-uses the kept answers.
public actor RunController {
    public private(set) var record: RunRecord
    private let models: ModelFactory
    private let clock: RunClock
    private let events: EventSink?
    private let base: Int64
    private var started = false
    /// Attempts now running, by worker index.
    private var running: [Int: Engine.AttemptHandle] = [:]
    /// The aggregation now running; a newer request cancels it. `stop` is the user's cancel
    /// (`cancelAggregation`), which ends it as a failed merge does, not silently.
    private var aggregation: (id: Int, task: Task<AggregationRecord, Never>, stop: AsyncSignal)?
    private var aggregationCount = 0
    /// How many times a worker's request is sent again, by itself, after an attempt that timed
    /// out before any response (no head, no chunk): 0 in `chorus run` and the UI (a person sees
    /// it and retries), `Plan.batchResends` in `chorus batch` (nobody is watching one item).
    private let resends: Int
    /// Set by `cancelAll`: nothing is sent again after the run was stopped.
    private var stopped = false

    /// - Parameter resends: re-sends per worker after an attempt that got no response at all
    ///   (see `AttemptRecord.timedOutBeforeResponse`); each is a new attempt marked `resend`.
    public init(
        plan: Plan, models: @escaping ModelFactory, clock: any Clock<Duration> = ContinuousClock(),
        now: @escaping @Sendable () -> Date = Date.init, events: EventSink? = nil, resends: Int = 0
    ) {
        self.init(
            record: RunRecord(plan: plan, startedAt: now()), started: false, models: models, clock: clock, base: 0, events: events,
            resends: resends)
    }

    /// Reopens a saved run: its workers' answers are kept; failed ones can be retried and the
    /// strategy switched. Times of new attempts count from the run's original start.
    public init(
        record: RunRecord, models: @escaping ModelFactory, clock: any Clock<Duration> = ContinuousClock(),
        now: @escaping @Sendable () -> Date = Date.init, events: EventSink? = nil, resends: Int = 0
    ) {
        let base = Int64(max(0, now().timeIntervalSince(record.startedAt)) * 1000)
        self.init(record: record, started: true, models: models, clock: clock, base: base, events: events, resends: resends)
    }

    private init(
        record: RunRecord, started: Bool, models: @escaping ModelFactory, clock: any Clock<Duration>, base: Int64,
        events: EventSink?, resends: Int
    ) {
        self.resends = max(0, resends)
        self.record = record
        self.started = started
        self.models = models
        self.clock = RunClock(clock)
        self.base = base
        self.events = events
    }

    private var engine: Engine { Engine(clock: clock, events: events, base: base) }

    // MARK: - Operations

    /// Runs every worker at once, then aggregates if the quorum is met. Calling it again returns
    /// the record as it stands: a run starts once.
    @discardableResult
    public func start() async -> RunRecord {
        guard !started else { return record }
        started = true
        await runWorkers(record.workers.indices.map { $0 }, earlyQuorum: record.earlyQuorum?.k)
        await conclude(strategy: record.aggregator.strategy)
        return record
    }

    /// Runs worker `index` again when its latest attempt failed, timed out or was cancelled, then
    /// re-aggregates. A succeeded or running worker is left alone (no model call).
    @discardableResult
    public func retry(worker index: Int) async -> RunRecord {
        guard started, record.workers.indices.contains(index), running[index] == nil,
            record.workers[index].status?.isRetryable ?? false
        else { return record }
        await runWorkers([index])
        await conclude(strategy: record.strategy)
        return record
    }

    /// Retries every worker whose latest attempt did not succeed, at once, then re-aggregates.
    @discardableResult
    public func retryFailed() async -> RunRecord {
        let failed = record.workers.indices.filter { i in
            running[i] == nil && (record.workers[i].status?.isRetryable ?? false)
        }
        guard started, !failed.isEmpty else { return record }
        await runWorkers(failed)
        await conclude(strategy: record.strategy)
        return record
    }

    /// Cancels worker `index`'s running attempt (it ends as cancelled; the others go on).
    public func cancel(worker index: Int) {
        running[index]?.cancel(reason: "cancelled by the user")
    }

    /// Cancels every running attempt and the running aggregation.
    public func cancelAll() {
        stopped = true
        for handle in running.values { handle.cancel(reason: "cancelled: the run was stopped") }
        aggregation?.task.cancel()
    }

    /// Merges the kept answers again with another strategy. Never re-runs a worker.
    @discardableResult
    public func reaggregate(strategy: StrategyName) async -> RunRecord {
        guard started else { return record }
        await conclude(strategy: strategy)
        return record
    }

    /// Accepts worker `index`'s partial answer (its latest attempt timed out, failed or was
    /// cancelled after streaming text) into the merge and merges again with the current strategy,
    /// like `reaggregate`: nothing re-runs. The attempt's record says `accepted_partial`; the
    /// quorum counts it from now on. A worker with no partial text, or one running, is left alone.
    @discardableResult
    public func acceptPartial(worker index: Int) async -> RunRecord {
        guard started, record.workers.indices.contains(index), running[index] == nil,
            let latest = record.workers[index].latest, latest.isPartial, !latest.acceptedPartial
        else { return record }
        record.workers[index].attempts[record.workers[index].attempts.count - 1].acceptedPartial = true
        await conclude(strategy: record.strategy)
        return record
    }

    /// Cancels the running aggregation at the user's request: it ends as an aggregator failure
    /// does (the answers concatenated, `fallback_used`), its record says `cancelled`, and a later
    /// `reaggregate` merges again. Does nothing when no aggregation runs.
    public func cancelAggregation() {
        aggregation?.stop.fire()
    }

    /// Whether any worker attempt is running now.
    public var isWorking: Bool { !running.isEmpty || aggregation != nil }

    // MARK: - Steps

    private func runWorkers(_ indices: [Int], earlyQuorum: Int? = nil) async {
        let engine = self.engine
        let task = record.task
        let models = self.models
        var resent: [Int: Int] = [:]
        await withTaskGroup(of: (Int, AttemptRecord).self) { group in
            /// Starts worker `i`'s next attempt in the group (`resend`: the how-many-th re-send).
            func launch(_ i: Int, resend: Int? = nil) {
                let handle = Engine.AttemptHandle()
                let number = record.workers[i].attempts.count + 1
                running[i] = handle
                // A placeholder, so the record shows the attempt as running until it ends.
                var placeholder = AttemptRecord(number: number, status: .waiting, startedMs: base + clock.now().milliseconds)
                placeholder.resend = resend
                record.workers[i].attempts.append(placeholder)
                let spec = record.workers[i].spec
                group.addTask {
                    var attempt = await engine.runAttempt(spec: spec, number: number, task: task, models: models, handle: handle)
                    attempt.resend = resend
                    return (spec.index, attempt)
                }
            }
            for i in indices { launch(i) }
            for await (index, attempt) in group {
                let slot = record.workers[index].attempts.lastIndex { $0.number == attempt.number }!
                record.workers[index].attempts[slot] = attempt
                running[index] = nil
                events?(.workerFinished(worker: index, record: attempt))
                // No response at all (a proxy or a busy server held the request past its limit):
                // nothing was produced, so sending it again is safe; within the bound.
                if attempt.timedOutBeforeResponse, !stopped, record.earlyQuorum?.reachedMs == nil,
                    resent[index, default: 0] < resends
                {
                    resent[index, default: 0] += 1
                    launch(index, resend: resent[index])
                    continue
                }
                if let k = earlyQuorum, record.earlyQuorum?.reachedMs == nil, !running.isEmpty, earlyQuorumReached(k) {
                    stopForEarlyQuorum(k)
                }
            }
        }
    }

    /// Whether k workers agree (a strategy that counts agreement: the largest group of equal final
    /// answers) or have succeeded (the strategies that merge every answer anyway).
    private func earlyQuorumReached(_ k: Int) -> Bool {
        guard record.aggregator.strategy.countsAgreement else { return record.succeededCount >= k }
        return (Vote.tally(record.answers, task: record.task).groups.first?.count ?? 0) >= k
    }

    /// Cancels the workers still running and writes down when and how much time that may save.
    private func stopForEarlyQuorum(_ k: Int) {
        let now = clock.now()
        let agreeing = record.aggregator.strategy.countsAgreement
        let reason = "cancelled: early quorum reached (\(k) \(agreeing ? "agree" : "succeeded"))"
        let cancelled = running.keys.sorted()
        var saved: Int64 = 0
        for index in cancelled {
            running[index]?.cancel(reason: reason)
            let attempt = record.workers[index].latest
            let deadline = (attempt?.startedMs ?? 0) + record.workers[index].spec.timeout.milliseconds
            saved = max(saved, deadline - (base + now.milliseconds))
        }
        record.earlyQuorum?.reachedMs = base + now.milliseconds
        record.earlyQuorum?.cancelled = cancelled
        record.earlyQuorum?.savedMsUpTo = saved
    }

    /// Applies the quorum rule, aggregates when it is met, and publishes the run's new state.
    private func conclude(strategy: StrategyName) async {
        if let failure = record.quorumFailure() {
            aggregation?.task.cancel()
            record.status = .failed
            record.failure = failure.kind
            record.error = failure.message
            record.elapsedMs = base + clock.now().milliseconds
            events?(.runUpdated(record: record))
            return
        }
        let dropped = record.workers.filter { !$0.answered }.map { w in
            AggregationRecord.DroppedWorker(index: w.index, status: w.status ?? .waiting, reason: w.reason)
        }
        let models = Dictionary(uniqueKeysWithValues: record.workers.map { ($0.index, $0.spec.model) })
        var input = AggregationInput(
            task: record.task, answers: record.answers, dropped: dropped, workerModels: models, strategy: strategy)
        input.schema = record.schema
        input.minAgreement = record.aggregator.minAgreement ?? .default
        let aggregator = Aggregator(clock: clock, events: events, base: base)
        let spec = record.aggregator
        let factory = self.models

        // A newer aggregation supersedes a running one (the user pressed `s` twice).
        aggregation?.task.cancel()
        aggregationCount += 1
        let id = aggregationCount
        let stop = AsyncSignal()
        let task = Task { await aggregator.run(strategy: strategy, input: input, spec: spec, models: factory, stop: stop) }
        aggregation = (id, task, stop)
        var result = await task.value
        guard aggregation?.id == id else {
            // Superseded: the newer one publishes the answer. This one is kept in the record as
            // superseded (never the answer, not a user cancel or a failure), so the record still
            // holds every aggregation that ran (README "Superseded merges").
            result.superseded = true
            result.fallbackUsed = false
            result.output = nil
            result.error = "superseded by a newer merge before it ended"
            result.warnings.removeAll { $0.hasPrefix("fallback: ") }
            record.aggregations.append(result)
            return
        }
        aggregation = nil
        record.aggregations.append(result)
        record.status = .succeeded
        record.failure = nil
        record.error = nil
        record.elapsedMs = base + clock.now().milliseconds
        events?(.runUpdated(record: record))
    }
}
