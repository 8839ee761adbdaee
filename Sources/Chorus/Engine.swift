import Synchronization

/// Resolves the model a worker or the aggregator talks to. The executable maps provider names
/// to real back ends; tests map them to scripted models. Throwing marks that worker failed.
public typealias ModelFactory = @Sendable (ModelChoice) throws -> any ChatModel

/// Runs worker attempts: each against its own deadline and idle limit, cancellable on its own.
///
/// One attempt is three child tasks racing in a task group: the model's stream, a watchdog
/// sleeping on the run's clock, and a waiter for the user's cancel. Whichever ends the attempt
/// first settles its state machine; the group then cancels the others, which closes the model's
/// connection. Nothing here throws: an attempt always returns its record, so one failing worker
/// never cancels another (Swift's counterpart of `Promise.allSettled`).
struct Engine: Sendable {
    let clock: RunClock
    let events: EventSink?
    /// Milliseconds from the run's start to this clock's origin (non-zero for a reopened run).
    let base: Int64

    /// The handle the controller keeps for a running attempt, to cancel it.
    final class AttemptHandle: Sendable {
        let cancelSignal = AsyncSignal()
        private let reason = Mutex<String?>(nil)
        init() {}

        /// Cancels the attempt; `reason` becomes its error ("cancelled: early quorum ...").
        func cancel(reason: String = "cancelled") {
            self.reason.withLock { if $0 == nil { $0 = reason } }
            cancelSignal.fire()
        }

        var cancelReason: String { reason.withLock { $0 } ?? "cancelled" }
    }

    /// The state machine behind a lock, shared by the attempt's three tasks.
    private final class AttemptBox: Sendable {
        let machine: Mutex<Worker.StateMachine>
        init(_ machine: Worker.StateMachine) { self.machine = Mutex(machine) }
    }

    func runAttempt(
        spec: WorkerSpec, number: Int, task: String, history: [PriorTurn] = [], models: ModelFactory, handle: AttemptHandle
    ) async -> AttemptRecord {
        let start = clock.now()
        let box = AttemptBox(
            .init(
                startedAt: start, timeout: spec.timeout, idleTimeout: spec.idleTimeout, headTimeout: spec.headTimeout,
                maxTokens: spec.maxTokens, schema: spec.schema))
        let worker = spec.index
        events?(.workerStarted(worker: worker, attempt: number))

        let model: any ChatModel
        do {
            model = try models(spec.model)
        } catch {
            let now = clock.now()
            _ = box.machine.withLock { $0.streamFailed(error, at: now) }
            return box.machine.withLock { $0.record(number: number, base: base) }.priced(by: spec.model.pricing)
        }

        let clock = self.clock
        let events = self.events
        await withTaskGroup(of: Void.self) { group in
            // 1. The model's stream.
            group.addTask {
                // Reasoning written inline (`<think>...</think>`) is split off the text here, for
                // every provider, so the state machine and the observers see it as reasoning.
                var inline = InlineReasoning()
                func deliver(_ chunk: ChatChunk, at now: Duration) {
                    switch chunk {
                    case .text(let piece):
                        if box.machine.withLock({ $0.receivedText(piece, at: now) }) == .forward {
                            events?(.workerChunk(worker: worker, attempt: number, text: piece))
                        }
                    case .reasoning(let piece):
                        if box.machine.withLock({ $0.receivedReasoning(piece, at: now) }) == .forward {
                            events?(.workerReasoning(worker: worker, attempt: number, text: piece))
                        }
                    case .stop(let reason):
                        _ = box.machine.withLock { $0.receivedStop(reason) }
                    case .notApplied(let setting, let reason):
                        // Recorded, not announced as a retry: the attempt goes on (the pane and the
                        // warnings show it from the record).
                        _ = box.machine.withLock { $0.receivedNotApplied(setting, reason: reason) }
                    case .usage(let usage):
                        if box.machine.withLock({ $0.receivedUsage(usage) }) == .forward {
                            events?(.workerUsage(worker: worker, attempt: number, usage: usage))
                        }
                    case .retrying(_, let reason):
                        if box.machine.withLock({ $0.receivedRetry(reason, at: now) }) == .forward {
                            events?(.workerRetrying(worker: worker, attempt: number, reason: reason))
                        }
                    case .held:
                        _ = box.machine.withLock { $0.held(at: now) }
                    case .released:
                        _ = box.machine.withLock { $0.released(at: now) }
                    case .responseStarted:
                        if box.machine.withLock({ $0.responseStarted(at: now) }) == .forward {
                            events?(.workerResponded(worker: worker, attempt: number))
                        }
                    }
                }
                do {
                    for try await chunk in model.stream(spec.request(task: task, history: history)) {
                        let now = clock.now()
                        if case .text(let piece) = chunk, !inline.passesThrough {
                            for part in inline.feed(piece) { deliver(part, at: now) }
                        } else {
                            deliver(chunk, at: now)
                        }
                        if Task.isCancelled { break }
                    }
                    let now = clock.now()
                    for part in inline.finish() { deliver(part, at: now) }
                    if Task.isCancelled {
                        _ = box.machine.withLock { $0.cancelled(at: now) }
                    } else {
                        _ = box.machine.withLock { $0.streamFinished(at: now) }
                    }
                } catch {
                    let now = clock.now()
                    for part in inline.finish() { deliver(part, at: now) }
                    _ = box.machine.withLock { $0.streamFailed(error, at: now) }
                }
            }
            // 2. The watchdog: total deadline and idle limit, on the injected clock.
            group.addTask {
                var wake = box.machine.withLock { $0.nextWake }
                while let until = wake {
                    do { try await clock.sleepUntil(until) } catch { return }
                    let now = clock.now()
                    switch box.machine.withLock({ $0.watchdogWoke(at: now) }) {
                    case .sleep(let next): wake = next
                    case .timedOut, .stop: wake = nil
                    }
                }
            }
            // 3. The user's cancel (or the whole run's cancellation).
            group.addTask {
                await handle.cancelSignal.wait()
                let now = clock.now()
                let reason = handle.cancelReason
                _ = box.machine.withLock { $0.cancelled(at: now, reason: reason) }
            }
            // The first task to finish has settled the machine; stop the other two.
            await group.next()
            group.cancelAll()
        }
        return box.machine.withLock { $0.record(number: number, base: base) }.priced(by: spec.model.pricing)
    }
}
