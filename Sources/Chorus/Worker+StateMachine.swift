/// A namespace for one worker's life.
public enum Worker {}

extension Worker {
    /// One attempt's life, without I/O: what to do when a chunk arrives, the stream ends or
    /// fails, the watchdog wakes, or the user cancels. The engine feeds it events under a lock
    /// and carries out the actions it returns.
    ///
    /// The machine guarantees that an attempt ends in exactly one terminal state: the first
    /// event that ends it wins, and every later event is ignored.
    struct StateMachine {
        enum State: Equatable {
            /// Started; no text yet. Only the total deadline applies (a local server may queue us),
            /// or, with a head limit, the head limit until the response head and then the total.
            case waiting
            /// Text arrived; the idle limit applies from the last chunk.
            case streaming(lastChunkAt: Duration)
            case finished(Outcome)
        }

        /// How an attempt ended.
        struct Outcome: Equatable {
            var status: AttemptStatus
            var error: String?
            var endedAt: Duration
        }

        let startedAt: Duration
        let timeout: Duration
        let idleTimeout: Duration
        /// The longest wait for the response head; nil: `timeout` alone, from the start.
        let headTimeout: Duration?
        /// The worker's token limit, named in the reason of an answer it cut.
        let maxTokens: Int?
        /// With `--schema`: the schema a finished answer must validate against.
        let schema: StructuredSchema?
        /// The answer's validated object (with a schema, once the stream finished and it validated).
        private(set) var object: JSONValue?
        /// The finished answer failed the schema (`AttemptRecord.schemaInvalid`).
        private(set) var schemaInvalid = false
        private(set) var state: State = .waiting
        private(set) var text = ""
        private(set) var chunks = 0
        private(set) var firstChunkAt: Duration?
        /// The model's reasoning, kept apart from `text`.
        private(set) var reasoning = ""
        private(set) var reasoningChunks = 0
        private(set) var firstReasoningAt: Duration?
        /// The provider's stop reason, as it was sent (the last one wins).
        private(set) var stopReason: String?
        /// Settings the server refused and the request went without ("temperature: ...").
        private(set) var notApplied: [String] = []
        private(set) var usage: TokenUsage?
        private(set) var providerRetries: [String] = []
        /// While the client holds the request back (`ChatChunk.held`), when the hold began.
        private(set) var heldSince: Duration?
        /// Time spent held so far, not counted against `timeout`.
        private(set) var heldTotal: Duration = .zero
        /// When the response head came (`ChatChunk.responseStarted`), or the first chunk for a
        /// model that sends no head.
        private(set) var headAt: Duration?
        /// The limit that timed the attempt out, for the record (`AttemptRecord.timeoutLimit`).
        private(set) var firedLimit: TimeoutLimit?

        init(
            startedAt: Duration, timeout: Duration, idleTimeout: Duration, headTimeout: Duration? = nil, maxTokens: Int? = nil,
            schema: StructuredSchema? = nil
        ) {
            self.schema = schema
            self.startedAt = startedAt
            self.timeout = timeout
            self.idleTimeout = idleTimeout
            self.headTimeout = headTimeout
            self.maxTokens = maxTokens
        }

        /// The deadline now in force, moved later by every hold that has ended (while a hold
        /// lasts, the watchdog never times the attempt out; see `watchdogWoke`).
        ///
        /// Without a head limit: `timeout` from the start, as it always was. With one: the head
        /// limit from the start until the head arrives, then `timeout` from the head: a request
        /// a proxy held for a minute still gets its whole `timeout` to answer.
        var deadline: Duration {
            guard let headTimeout else { return startedAt + timeout + heldTotal }
            if let headAt { return headAt + timeout }
            return startedAt + headTimeout + heldTotal
        }

        /// Whether the attempt waits for its response head under its own limit.
        var awaitingHead: Bool {
            guard headTimeout != nil, headAt == nil, case .waiting = state else { return false }
            return true
        }
        var outcome: Outcome? {
            if case .finished(let o) = state { return o }
            return nil
        }

        // MARK: Stream events

        enum ChunkAction: Equatable {
            /// Pass the text on to observers.
            case forward
            /// The attempt already ended (e.g. timed out); drop the late text.
            case drop
        }

        mutating func receivedText(_ piece: String, at now: Duration) -> ChunkAction {
            received(piece, at: now) { machine in
                if machine.firstChunkAt == nil { machine.firstChunkAt = now }
                machine.text += piece
                machine.chunks += 1
            }
        }

        /// A piece of reasoning: shown and recorded apart from the text. It counts as a sign of
        /// life, so a model that thinks for a minute is not cut off as stalled.
        mutating func receivedReasoning(_ piece: String, at now: Duration) -> ChunkAction {
            received(piece, at: now) { machine in
                if machine.firstReasoningAt == nil { machine.firstReasoningAt = now }
                machine.reasoning += piece
                machine.reasoningChunks += 1
            }
        }

        /// What every streamed piece does, text or reasoning: dropped once the attempt ended (or
        /// when empty), else it implies the head, keeps the attempt alive and is stored by `store`.
        private mutating func received(_ piece: String, at now: Duration, store: (inout Self) -> Void) -> ChunkAction {
            switch state {
            case .finished:
                return .drop
            case .waiting, .streaming:
                if piece.isEmpty { return .drop }
                if headAt == nil { headAt = now }
                store(&self)
                state = .streaming(lastChunkAt: now)
                return .forward
            }
        }

        mutating func receivedStop(_ reason: String) -> ChunkAction {
            if case .finished = state { return .drop }
            stopReason = reason
            return .forward
        }

        mutating func receivedNotApplied(_ setting: String, reason: String) -> ChunkAction {
            if case .finished = state { return .drop }
            notApplied.append("\(setting): \(reason)")
            return .forward
        }

        mutating func receivedUsage(_ newUsage: TokenUsage) -> ChunkAction {
            if case .finished = state { return .drop }
            usage = newUsage
            return .forward
        }

        mutating func receivedRetry(_ reason: String, at now: Duration) -> ChunkAction {
            guard case .waiting = state else { return .drop }
            providerRetries.append(reason)
            return .forward
        }

        /// The server sent its response head: the request is no longer queued. Only the first
        /// head counts (a provider's retry after a broken stream sends another).
        mutating func responseStarted(at now: Duration) -> ChunkAction {
            guard case .waiting = state, headAt == nil else { return .drop }
            if heldSince != nil { _ = released(at: now) }
            headAt = now
            return .forward
        }

        /// The client holds the request back before sending it: the clock stops until `released`.
        /// Ignored once text arrived (a hold only makes sense before the request is sent).
        mutating func held(at now: Duration) -> ChunkAction {
            guard case .waiting = state, heldSince == nil else { return .drop }
            heldSince = now
            return .forward
        }

        /// The hold is over: its length moves the deadline later.
        mutating func released(at now: Duration) -> ChunkAction {
            guard let since = heldSince else { return .drop }
            heldTotal += max(.zero, now - since)
            heldSince = nil
            return .forward
        }

        /// The model's stream ended normally: it succeeded if it wrote an answer and its stop
        /// reason lets the answer count (see `StopReason`).
        mutating func streamFinished(at now: Duration) -> Outcome? {
            if reasoning.isEmpty, let split = InlineReasoning.splitAtLoneClosingTag(text) {
                reasoning = split.reasoning
                text = split.answer
            }
            var problem = Self.problem(text: text, reasoning: reasoning, stop: stopReason.map(StopReason.init), maxTokens: maxTokens)
            // With a schema, an answer counts only when its object validates; the first violation
            // is the attempt's error, and the worker can be retried like any failed one.
            if problem == nil, let schema {
                do { object = try schema.validatedObject(in: text) } catch {
                    schemaInvalid = true
                    // A cut answer is the usual reason for broken JSON: say what to raise.
                    let cut = stopReason.map(StopReason.init)?.kind == .length
                    let limit = maxTokens.map { "max tokens (\($0))" } ?? "the provider's token limit"
                    problem = "\(error)" + (cut ? "; the answer was cut at \(limit): raise --max-tokens" : "")
                }
            }
            return finish(problem == nil ? .succeeded : .failed, problem, at: now)
        }

        /// Why a finished stream does not count as an answer, or nil when it does.
        static func problem(text: String, reasoning: String, stop: StopReason?, maxTokens: Int?) -> String? {
            let said = stop.map { " (stop reason \($0.raw))" } ?? ""
            switch stop?.kind {
            case .contentFilter?:
                return "stopped by the provider's content filter\(said); the text so far is kept in the record but not merged"
            case .refusal?:
                return "the model refused to answer\(said)"
            default:
                break
            }
            guard text.allSatisfy(\.isWhitespace) else { return nil }
            if !reasoning.allSatisfy(\.isWhitespace) {
                if stop?.kind == .length {
                    let limit = maxTokens.map { "max tokens (\($0))" } ?? "the provider's token limit"
                    return "only reasoning, no answer: stopped at \(limit)\(said) while thinking; raise --max-tokens"
                        + (maxTokens == nil ? " (set one above the model's default)" : "") + " or lower --reasoning-effort"
                }
                return "only reasoning, no answer\(said); retry, or raise --max-tokens"
            }
            if stop?.kind == .toolCalls {
                return "the model asked to call a tool\(said) and wrote no answer; Chorus offers no tools"
            }
            return "the model returned an empty answer" + (stop?.isWhole == false ? said : "")
        }

        /// The model's stream threw.
        mutating func streamFailed(_ error: any Error, at now: Duration) -> Outcome? {
            if error is CancellationError { return cancelled(at: now) }
            return finish(.failed, error.oneLineDescription, at: now)
        }

        /// The user (or the run) cancelled this attempt.
        mutating func cancelled(at now: Duration, reason: String = "cancelled") -> Outcome? {
            finish(.cancelled, reason, at: now)
        }

        // MARK: Watchdog

        enum WatchdogAction: Equatable {
            /// Nothing is due; sleep until this offset and ask again.
            case sleep(until: Duration)
            /// The attempt just timed out: cancel its stream.
            case timedOut
            /// The attempt already ended; the watchdog can stop.
            case stop
        }

        /// When the watchdog should next wake: the total deadline, or earlier when the idle limit
        /// after the last chunk comes first.
        var nextWake: Duration? {
            switch state {
            case .finished: nil
            // While waiting, wake at least once per idle period: the first chunk may come any
            // moment, and from then on the idle limit must be checked from that chunk.
            case .waiting: min(deadline, startedAt + waitingStep)
            case .streaming(let last): min(deadline, last + idleTimeout)
            }
        }

        mutating func watchdogWoke(at now: Duration) -> WatchdogAction {
            switch state {
            case .finished:
                return .stop
            case .waiting:
                // Held by our own rate limiter: not the model's time, check again later.
                if heldSince != nil { return .sleep(until: now + idleTimeout) }
                if now >= deadline {
                    firedLimit = headTimeout != nil && headAt == nil ? .head : .total
                    _ = finish(.timedOut, waitingTimeoutReason, at: now)
                    return .timedOut
                }
                return .sleep(until: min(deadline, now + waitingStep))
            case .streaming(let last):
                if now >= deadline {
                    firedLimit = headTimeout != nil && headAt == nil ? .head : .total
                    _ = finish(.timedOut, "timed out after \(timeout.timeoutText) (answer incomplete)", at: now)
                    return .timedOut
                }
                if now >= last + idleTimeout {
                    firedLimit = .idle
                    _ = finish(.timedOut, "stalled: no text for \(idleTimeout.timeoutText)", at: now)
                    return .timedOut
                }
                return .sleep(until: min(deadline, last + idleTimeout))
            }
        }

        /// How often the watchdog looks while no text came: each idle period, and with a head
        /// limit at least every `timeout`, so a head arriving between two looks still has its
        /// `timeout` deadline (head + timeout) met on time.
        private var waitingStep: Duration {
            headTimeout == nil ? idleTimeout : min(idleTimeout, timeout)
        }

        /// Why a waiting attempt timed out: one limit (the total), or which of the two.
        private var waitingTimeoutReason: String {
            guard let headTimeout else { return "timed out after \(timeout.timeoutText) with no answer" }
            guard let headAt else {
                return "no response after \(headTimeout.timeoutText): the server or a proxy held the request; raise --head-timeout"
            }
            return "timed out after \(timeout.timeoutText) with no answer (counted from the response head, which came after "
                + "\((headAt - startedAt).timeoutText))"
        }

        // MARK: Helpers

        private mutating func finish(_ status: AttemptStatus, _ error: String?, at now: Duration) -> Outcome? {
            if case .finished = state { return nil }
            if heldSince != nil { _ = released(at: now) }
            let outcome = Outcome(status: status, error: error, endedAt: now)
            state = .finished(outcome)
            return outcome
        }

        /// The attempt as the record stores it, with times relative to `base` (the run's start).
        func record(number: Int, base: Int64) -> AttemptRecord {
            let outcome = self.outcome
            let status: AttemptStatus = outcome?.status ?? (firstChunkAt == nil && firstReasoningAt == nil ? .waiting : .streaming)
            var record = AttemptRecord(
                number: number, status: status, text: text, error: outcome?.error,
                startedMs: base + startedAt.milliseconds,
                elapsedMs: outcome.map { ($0.endedAt - startedAt).milliseconds },
                firstTokenMs: firstChunkAt.map { ($0 - startedAt).milliseconds },
                usage: TokenUsage.reported(usage, orEstimatedFrom: chunks + reasoningChunks), chunks: chunks,
                providerRetries: providerRetries,
                queuedMs: heldTotal == .zero ? nil : heldTotal.milliseconds)
            record.headMs = headAt.map { ($0 - startedAt).milliseconds }
            record.limits = AttemptLimits(timeout: timeout, idleTimeout: idleTimeout, headTimeout: headTimeout)
            record.reasoning = reasoning.isEmpty ? nil : reasoning
            record.reasoningChunks = reasoningChunks
            record.firstReasoningMs = firstReasoningAt.map { ($0 - startedAt).milliseconds }
            record.stopReason = stopReason
            record.notApplied = notApplied
            record.timeoutLimit = outcome?.status == .timedOut ? firedLimit : nil
            record.object = object
            record.schemaInvalid = schemaInvalid
            return record
        }
    }
}
