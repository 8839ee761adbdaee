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
    /// The turn now shown and acted on (retry, cancel, strategy): the conversation's latest.
    public private(set) var record: RunRecord
    /// The conversation's earlier turns, oldest first (issue 17); empty for a one-turn run. They
    /// are kept as they ended: nothing here changes them.
    public private(set) var earlierTurns: [RunRecord] = []
    private let now: @Sendable () -> Date
    private let models: ModelFactory
    private let clock: RunClock
    private let events: EventSink?
    /// Added to the clock's offsets for the times of new attempts: the current turn's start.
    private var base: Int64
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
            resends: resends, now: now)
    }

    /// Reopens a saved conversation: its latest turn as `init(record:)` does, the earlier ones
    /// kept as they are, so `startTurn` can follow up on it.
    public init(
        conversation: Conversation, models: @escaping ModelFactory, clock: any Clock<Duration> = ContinuousClock(),
        now: @escaping @Sendable () -> Date = Date.init, events: EventSink? = nil, resends: Int = 0
    ) {
        let record = conversation.latest
        let base = Int64(max(0, now().timeIntervalSince(record.startedAt)) * 1000)
        self.init(
            record: record, started: true, models: models, clock: clock, base: base, events: events, resends: resends, now: now,
            earlierTurns: Array(conversation.turns.dropLast()))
    }

    /// Reopens a saved run: its workers' answers are kept; failed ones can be retried and the
    /// strategy switched. Times of new attempts count from the run's original start.
    public init(
        record: RunRecord, models: @escaping ModelFactory, clock: any Clock<Duration> = ContinuousClock(),
        now: @escaping @Sendable () -> Date = Date.init, events: EventSink? = nil, resends: Int = 0
    ) {
        let base = Int64(max(0, now().timeIntervalSince(record.startedAt)) * 1000)
        self.init(
            record: record, started: true, models: models, clock: clock, base: base, events: events, resends: resends, now: now)
    }

    private init(
        record: RunRecord, started: Bool, models: @escaping ModelFactory, clock: any Clock<Duration>, base: Int64,
        events: EventSink?, resends: Int, now: @escaping @Sendable () -> Date, earlierTurns: [RunRecord] = []
    ) {
        self.earlierTurns = earlierTurns
        self.now = now
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
        await escalateUntilClear()
        await conclude(strategy: record.aggregator.strategy)
        return record
    }

    /// Adaptive sampling on a started run (`--escalate`, README "Escalation"): while the answers
    /// have no clear group (`AggregationInput.clearWinner`), starts extra workers from `plan`'s
    /// reserve (how many per step: `EscalationStep`) and waits for them, until a group is clear
    /// or the budget is spent; then, when it started anyone, merges again with the current
    /// strategy. `start()` runs the same loop with the plan's own `EscalationPlan`.
    ///
    /// The budget counts every extra worker the run ever started, with this plan or the run's
    /// own: after the budget is spent, this does nothing (no model call). Nothing happens either
    /// before the run started, while work runs, or after `cancelAll`. The record's `escalation`
    /// block takes `plan`'s budget and reserve.
    @discardableResult
    public func escalate(_ plan: EscalationPlan) async -> RunRecord {
        guard started, !stopped, !isWorking else { return record }
        if record.escalation == nil {
            record.escalation = EscalationRecord(plan: plan)
        } else {
            record.escalation?.budget = plan.budget
            record.escalation?.reserve = plan.reserve
        }
        if await escalateUntilClear() {
            await conclude(strategy: record.strategy)
        } else {
            events?(.runUpdated(record: record))
        }
        return record
    }

    /// The whole conversation: the earlier turns and the current one.
    public var conversation: Conversation { Conversation(turns: earlierTurns + [record]) }

    /// Asks a follow-up (issue 17): the current turn becomes an earlier one, and a new turn with
    /// the same workers and aggregator sends `message` after the conversation so far (each
    /// worker's assistant turns chosen by `mode`, see `FollowUpMode`), then merges again.
    /// Refused (the record returned as it stands, no model call) while anything runs, before the
    /// run started, after `cancelAll`, or when the current turn has no answer
    /// (`Conversation.followUpProblem`).
    @discardableResult
    public func startTurn(message: String, mode: FollowUpMode) async -> RunRecord {
        guard started, !stopped, !isWorking, let plan = conversation.nextPlan(message: message, mode: mode) else { return record }
        earlierTurns.append(record)
        record = RunRecord(plan: plan, startedAt: now())
        // The new turn's times count from its own start, as a first turn's do.
        base = -clock.now().milliseconds
        await runWorkers(record.workers.indices.map { $0 }, earlyQuorum: record.earlyQuorum?.k)
        await escalateUntilClear()
        await conclude(strategy: record.aggregator.strategy)
        return record
    }

    /// Runs worker `index` again when its latest attempt failed, timed out or was cancelled, then
    /// re-aggregates. A succeeded or running worker is left alone (no model call).
    @discardableResult
    public func retry(worker index: Int) async -> RunRecord {
        guard record.workers.indices.contains(index) else { return record }
        return await retry(worker: index, variant: record.workers[index].chosen)
    }

    /// Runs variant `variant` of worker `index` again when its latest attempt failed, timed out or
    /// was cancelled (the same rule as `retry(worker:)`, inside one variant: its earlier attempts
    /// stay, the other variants are untouched). A variant that is not the chosen one becomes
    /// chosen when the retry succeeds (see `rerun(worker:with:)`); the answer is merged again
    /// when the chosen variant changed or was the one retried.
    @discardableResult
    public func retry(worker index: Int, variant: Int) async -> RunRecord {
        guard started, record.workers.indices.contains(index), running[index] == nil,
            record.workers[index].variants.indices.contains(variant),
            record.workers[index].variants[variant].status?.isRetryable ?? false
        else { return record }
        await runVariant(worker: index, variant: variant)
        return record
    }

    /// Reruns worker `index` with other settings (`spec`: a model, provider, temperature, focus or
    /// max tokens changed) as a new variant kept next to the earlier ones, never in their place.
    ///
    /// The flow is a retry's: the same events (the worker's pane follows the new attempt), then,
    /// when the variant succeeds, it becomes the chosen one and the answer is merged again with the
    /// current strategy. Why chosen on success, not at the start: a rerun is the user asking "what
    /// does this say instead", so its answer is what they expect merged; but a rerun that fails
    /// must not take a good answer out of the merge, so until it succeeds (and if it never does)
    /// the earlier choice stays. `choose(worker:variant:)` picks any variant back.
    ///
    /// The spec's `index` and `label` are the worker's own (a variant is the same worker).
    /// Nothing happens while the worker has an attempt running, or before the run started.
    @discardableResult
    public func rerun(worker index: Int, with spec: WorkerSpec) async -> RunRecord {
        guard started, record.workers.indices.contains(index), running[index] == nil else { return record }
        var spec = spec
        spec.index = index
        spec.label = record.workers[index].spec.label
        record.workers[index].variants.append(WorkerVariant(spec: spec))
        // Observers learn of the new variant before its attempt's events (the UI shows it).
        events?(.runUpdated(record: record))
        await runVariant(worker: index, variant: record.workers[index].variants.count - 1)
        return record
    }

    /// Chooses which of worker `index`'s variants goes into the merge, then merges again with the
    /// current strategy. Nothing re-runs. A variant with no answer to merge (running, failed
    /// without an accepted partial) is refused: the record is returned unchanged.
    @discardableResult
    public func choose(worker index: Int, variant: Int) async -> RunRecord {
        guard started, record.workers.indices.contains(index),
            record.workers[index].variants.indices.contains(variant), record.workers[index].chosen != variant
        else { return record }
        var candidate = record.workers[index]
        candidate.chosen = variant
        guard candidate.answered else { return record }
        record.workers[index].chosen = variant
        await conclude(strategy: record.strategy)
        return record
    }

    /// Runs one attempt of one variant, makes it the chosen one if it succeeded, and merges again
    /// when the chosen variant's answer changed; otherwise publishes the record as it stands.
    private func runVariant(worker index: Int, variant: Int) async {
        await runWorkers([index], variants: [index: variant])
        let worker = record.workers[index]
        if worker.variants[variant].succeeded, worker.chosen != variant {
            record.workers[index].chosen = variant
        }
        if record.workers[index].chosen == variant {
            await conclude(strategy: record.strategy)
        } else {
            events?(.runUpdated(record: record))
        }
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
    /// quorum counts it from now on. A worker with no partial text, or one running, is left alone;
    /// so is every worker of a `--schema` run (a partial answer cannot be checked against the
    /// schema: `WorkerRecord.acceptedPartial`).
    @discardableResult
    public func acceptPartial(worker index: Int) async -> RunRecord {
        guard started, record.schema == nil, record.workers.indices.contains(index), running[index] == nil,
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

    /// The escalation loop (one loop, two callers: `start`/`startTurn` and `escalate`): asks
    /// `EscalationStep` what to do with the answers so far, appends and runs that many extra
    /// workers from the record's reserve, and repeats until it says stop; writes the steps and
    /// the reason into `record.escalation`. Extra workers are appended to `record.workers`, with
    /// the next free index, and observers get `.runUpdated` before their first events (the UI
    /// adds their panes). Returns whether it started anyone. Does nothing without a block.
    @discardableResult
    private func escalateUntilClear() async -> Bool {
        guard record.escalation != nil else { return false }
        var startedAny = false
        while let block = record.escalation {
            if stopped {
                record.escalation?.stop = .cancelled
                record.escalation?.reason = "cancelled"
                break
            }
            switch EscalationStep.next(answers: record.answers, task: record.prompt, left: block.left) {
            case let .stop(kind, reason):
                record.escalation?.stop = kind
                record.escalation?.reason = reason
                return startedAny
            case let .start(count, why):
                let first = block.started.count
                var indices: [Int] = []
                for spec in block.reserve[first..<(first + count)] {
                    var spec = spec
                    let index = record.workers.count
                    // A number label is the worker's own; a focus area's or a profile's name stays.
                    if spec.label == "\(spec.index + 1)" { spec.label = "\(index + 1)" }
                    spec.index = index
                    var worker = WorkerRecord(spec: spec)
                    worker.escalated = true
                    record.workers.append(worker)
                    indices.append(index)
                }
                record.escalation?.steps.append(
                    EscalationRecord.Step(workers: indices, atMs: base + clock.now().milliseconds, why: why))
                record.escalation?.stop = nil
                record.escalation?.reason = nil
                // Observers learn of the new workers before their attempts' events (new panes).
                events?(.runUpdated(record: record))
                await runWorkers(indices)
                startedAny = true
            }
        }
        return startedAny
    }

    /// Runs the given workers' next attempts at once. `variants` names the variant to run for a
    /// worker (by default its chosen one); it is fixed at the launch, so choosing another variant
    /// while an attempt runs cannot send its result to the wrong one.
    private func runWorkers(_ indices: [Int], variants: [Int: Int] = [:], earlyQuorum: Int? = nil) async {
        let engine = self.engine
        let task = record.prompt  // the task and its attached context
        let history = record.history
        let models = self.models
        var resent: [Int: Int] = [:]
        await withTaskGroup(of: (Int, Int, AttemptRecord).self) { group in
            /// Starts worker `i`'s next attempt in the group (`resend`: the how-many-th re-send).
            func launch(_ i: Int, variant v: Int, resend: Int? = nil) {
                let handle = Engine.AttemptHandle()
                let number = record.workers[i].variants[v].attempts.count + 1
                running[i] = handle
                // A placeholder, so the record shows the attempt as running until it ends.
                var placeholder = AttemptRecord(number: number, status: .waiting, startedMs: base + clock.now().milliseconds)
                placeholder.resend = resend
                record.workers[i].variants[v].attempts.append(placeholder)
                let spec = record.workers[i].variants[v].spec
                group.addTask {
                    var attempt = await engine.runAttempt(spec: spec, number: number, task: task, history: history, models: models, handle: handle)
                    attempt.resend = resend
                    return (spec.index, v, attempt)
                }
            }
            for i in indices { launch(i, variant: variants[i] ?? record.workers[i].chosen) }
            for await (index, variant, attempt) in group {
                let slot = record.workers[index].variants[variant].attempts.lastIndex { $0.number == attempt.number }!
                record.workers[index].variants[variant].attempts[slot] = attempt
                running[index] = nil
                events?(.workerFinished(worker: index, record: attempt))
                // No response at all (a proxy or a busy server held the request past its limit):
                // nothing was produced, so sending it again is safe; within the bound.
                if attempt.timedOutBeforeResponse, !stopped, record.earlyQuorum?.reachedMs == nil,
                    resent[index, default: 0] < resends
                {
                    resent[index, default: 0] += 1
                    launch(index, variant: variant, resend: resent[index])
                    continue
                }
                if let k = earlyQuorum, record.earlyQuorum?.reachedMs == nil, !running.isEmpty, earlyQuorumReached(k) {
                    stopForEarlyQuorum(k)
                }
            }
        }
    }

    /// Whether k workers agree (a strategy that counts agreement: the largest group of equal final
    /// answers that names one answer; workers who all wrote "Paris or Lyon" agree on neither) or
    /// have succeeded (the strategies that merge every answer anyway).
    private func earlyQuorumReached(_ k: Int) -> Bool {
        guard record.aggregator.strategy.countsAgreement else { return record.succeededCount >= k }
        return Vote.tally(record.answers, task: record.task).largestAgreeing >= k
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
            task: record.prompt, answers: record.answers, dropped: dropped, workerModels: models, strategy: strategy)
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
