import Foundation

/// Runs a strategy under the aggregator's deadline and falls back to concatenation when an LLM
/// strategy fails or times out, saying so in the record (`fallback_used`, `error`). It also
/// writes down what a reader should know about the answer: who was left out, whether an
/// LLM-merged answer disagrees with the majority, and whether the judge judged itself.
struct Aggregator: Sendable {
    let clock: RunClock
    let events: EventSink?
    let base: Int64

    /// - Parameter stop: fired when the user cancels the merge: it ends as a failure does (the
    ///   answers concatenated), with `cancelled` set on the record.
    func run(
        strategy name: StrategyName, input: AggregationInput, spec: AggregatorSpec, models: ModelFactory,
        stop: AsyncSignal? = nil
    ) async -> AggregationRecord {
        let start = clock.now()
        events?(.aggregationStarted(strategy: name))
        var record = AggregationRecord(
            strategy: name, status: .running, inputs: input.answers.map(\.worker), dropped: input.dropped,
            tally: input.tally, startedMs: base + start.milliseconds)

        if let schema = input.schema {
            return await runStructured(
                name, schema: schema, input: input, spec: spec, models: models, record: record, start: start, stop: stop)
        }

        // One answer is not merged: any strategy would only restate it (a small aggregator
        // shortens it, a judge "prefers" it, a vote calls it a 1-of-1 majority). It is the answer
        // as its worker wrote it, and the record says why.
        if input.answers.count == 1, let only = input.answers.first {
            record.status = .succeeded
            record.output = only.text
            record.chosenWorker = only.worker
            record.reason = "one answer: nothing to merge, so it is worker \(only.worker + 1)'s answer as written"
            if !input.dropped.isEmpty { record.warnings.append(Self.droppedWarning(input)) }
            record.warnings += Self.cutWarnings(input)
            record.warnings += Self.partialWarnings(input)
            record.partialInputs = input.answers.filter(\.partial).map(\.worker)
            record.elapsedMs = (clock.now() - start).milliseconds
            events?(.aggregationFinished(record: record))
            return record
        }

        let chain = spec.chain.map { choice -> AggregatorFallback.Link in
            do { return .init(choice: choice, model: try models(choice)) } catch {
                return .init(choice: choice, error: error.oneLineDescription)
            }
        }
        let call = AggregatorFallback(chain: chain, spec: spec, events: events)
        let outcome = await withDeadline(start + spec.timeout, stop: stop) {
            try await name.strategy.aggregate(input, call: call)
        }
        record.modelErrors = call.errors
        record.modelCalls = call.requests
        record.model = call.answeredBy?.model
        record.judge = call.judge
        switch outcome {
        case .success(let result):
            record.status = .succeeded
            record.output = result.output
            record.chosenWorker = result.chosenWorker
            record.reason = result.reason
            record.usage = result.usage
            record.pricing = call.answeredBy?.pricing
            record.cost = record.pricing?.cost(of: result.usage)
            record.path = result.path
            record.promptVersion = result.promptVersion
            if result.promptVersion != nil { checkMajority(&record, input: input) }
        case .failure(let error):
            // The answers are still good: concatenate them and say why.
            record.status = .succeeded
            record.fallbackUsed = true
            record.output = Concatenate.join(input.answers)
            if case .cancelledByUser = error {
                record.cancelled = true
                record.error = "\(name.rawValue) cancelled by the user; showing the answers concatenated (s merges again)"
            } else if case .failed = error, record.judgeNamedNone, let judge = record.judge {
                record.error = Self.judgeNamedNoAnswer(judge)
            } else {
                record.error = "\(name.rawValue) failed (\(error)); showing the answers concatenated"
            }
            record.warnings.append("fallback: \(record.error!)")
            // Calls that answered before the fallback (a judge's passes that named no answer)
            // were made and paid for: the record counts them.
            if let spent = call.usage {
                record.usage = spent
                record.pricing = call.answeredBy?.pricing
                record.cost = record.pricing?.cost(of: spent)
            }
        }
        if !input.dropped.isEmpty { record.warnings.append(Self.droppedWarning(input)) }
        record.warnings += Self.cutWarnings(input)
        record.warnings += Self.partialWarnings(input)
        record.partialInputs = input.answers.filter(\.partial).map(\.worker)
        if let warning = Self.selfPreference(strategy: name, record: record, input: input, spec: spec) {
            record.warnings.append(warning)
        }
        record.elapsedMs = (clock.now() - start).milliseconds
        // A cancelled task was superseded by a newer merge (or the run was stopped): its
        // "cancelled" fallback is not an answer, so observers never see it as one; the
        // controller files the record (`RunController.conclude`).
        if !Task.isCancelled { events?(.aggregationFinished(record: record)) }
        return record
    }

    /// A run with `--schema`: the per-field merge (`StructuredMerge`) under the aggregator's
    /// deadline; when the model calls it makes time out, the fields are voted on without them.
    private func runStructured(
        _ name: StrategyName, schema: StructuredSchema, input: AggregationInput, spec: AggregatorSpec, models: ModelFactory,
        record: AggregationRecord, start: Duration, stop: AsyncSignal?
    ) async -> AggregationRecord {
        var record = record
        let chain = spec.chain.map { choice -> AggregatorFallback.Link in
            do { return .init(choice: choice, model: try models(choice)) } catch {
                return .init(choice: choice, error: error.oneLineDescription)
            }
        }
        let call = AggregatorFallback(chain: chain, spec: spec, events: events)
        let merge = StructuredMerge(schema: schema, strategy: name)
        let outcome = await withDeadline(start + spec.timeout, stop: stop) { await merge.run(input, call: call) }
        let result: StructuredMerge.Result
        switch outcome {
        case .success(let r):
            result = r
            // The strategy's model step failed inside the merge (a judge that named no answer):
            // the same record as a failure outside it, so every view says the fallback was used.
            if let error = r.fallbackError {
                record.fallbackUsed = true
                record.error = error
                record.warnings.append("fallback: \(error)")
            }
        case .failure(let error):
            result = await StructuredMerge(schema: schema, strategy: .vote).run(input, call: call)
            record.fallbackUsed = true
            if case .cancelledByUser = error {
                record.cancelled = true
                record.error = "\(name.rawValue) cancelled by the user; the fields were voted on (s merges again)"
            } else {
                record.error = "\(name.rawValue) failed (\(error)); the fields were voted on"
            }
            record.warnings.append("fallback: \(record.error!)")
        }
        record.status = .succeeded
        record.structured = result.outcome
        record.tally = Self.objectTally(result.outcome)
        record.output = result.output
        record.reason = result.reason
        record.chosenWorker = result.chosenWorker ?? (input.answers.count == 1 ? input.answers.first?.worker : nil)
        record.usage = result.usage
        record.modelErrors = call.errors
        record.modelCalls = call.requests
        record.model = call.answeredBy?.model
        record.judge = call.judge
        record.pricing = call.answeredBy?.pricing
        record.cost = record.pricing?.cost(of: result.usage)
        record.promptVersion = result.promptVersion
        record.warnings += result.warnings
        if !input.dropped.isEmpty { record.warnings.append(Self.droppedWarning(input)) }
        record.warnings += Self.partialWarnings(input)
        record.partialInputs = input.answers.filter(\.partial).map(\.worker)
        record.elapsedMs = (clock.now() - start).milliseconds
        if !Task.isCancelled { events?(.aggregationFinished(record: record)) }  // as above: superseded or stopped
        return record
    }

    /// Who gave the same whole object (values compared as the per-field vote compares them), so
    /// the tally every view shows means the same with a schema as without.
    static func objectTally(_ outcome: StructuredOutcome) -> Tally {
        var order: [String] = []
        var groups: [String: Tally.Group] = [:]
        for worker in outcome.workers {
            let object = JSONValue.object(outcome.fields.reduce(into: [String: JSONValue]()) { members, field in
                if !field.path.contains("."), let v = field.values[worker] { members[field.path] = v }
            })
            let key = FieldMerge.key(object)
            if groups[key] == nil {
                order.append(key)
                groups[key] = Tally.Group(answer: key, display: object.description, workers: [])
            }
            groups[key]!.workers.append(worker)
        }
        return Tally(groups: order.map { groups[$0]! })
    }

    /// An LLM-merged answer whose final answer is not the strict majority's is flagged: on a small
    /// model that is more often the aggregator's mistake than the majority's.
    private func checkMajority(_ record: inout AggregationRecord, input: AggregationInput) {
        guard input.allShort, let majority = input.exactTally.strictMajority, let output = record.output else { return }
        let key = AnswerExtraction.key(AnswerExtraction.finalAnswer(output), task: input.task)
        if key != majority.answer {
            record.disagreesWithMajority = true
            record.warnings.append(
                "the merged answer (\(AnswerExtraction.finalAnswer(output))) differs from the majority: \(majority.count) of \(input.exactTally.total) workers say \(majority.named)")
        }
    }

    /// "the judge named no answer: concatenated (2 passes replied: "They are all fine." / "I
    /// cannot tell.")": the fallback's error, with each reply cut to one short line so a reader
    /// sees why without opening the record (the whole replies are in `judge`).
    static func judgeNamedNoAnswer(_ judge: JudgeRecord) -> String {
        let replies = judge.passes.compactMap(\.reply).map { reply -> String in
            let line = TerminalSafeText.oneLine(reply).trimmingCharacters(in: .whitespaces)
            return "\"" + (line.count > 60 ? String(line.prefix(57)) + "..." : line) + "\""
        }
        let passes = judge.passes.count == 1 ? "the judge replied" : "\(judge.passes.count) passes replied"
        return AggregationRecord.judgeNamedNoAnswer + " (\(passes): \(replies.joined(separator: " / ")))"
    }

    static func droppedWarning(_ input: AggregationInput) -> String {
        let total = input.answers.count + input.dropped.count
        let who = input.dropped.map { d in
            "worker \(d.index + 1) \(d.status.words)"
        }.joined(separator: ", ")
        return "\(input.dropped.count) of \(total) workers left out (\(who)); the slow or failing ones may be the "
            + "stronger models, so this answer is not a random sample of the workers"
    }

    /// One warning per input that is not a whole answer: it was merged (voted on, judged) as it
    /// was, so a reader should know it may end mid-sentence. How each stop reason counts is
    /// `StopReason`'s table; the ones that fail (content filter, refusal) are never inputs.
    static func cutWarnings(_ input: AggregationInput) -> [String] {
        input.answers.compactMap { answer in
            guard let stop = answer.cut else { return nil }
            let what =
                switch stop.kind {
                case .length: "was cut at max tokens"
                case .toolCalls: "stopped to call a tool"
                default: "stopped before its end"
                }
            return "worker \(answer.worker + 1)'s answer \(what) (stop reason \(stop.raw)); the merge used it as it was"
        }
    }

    /// One warning per accepted partial answer: the worker did not finish, the user took what it
    /// had streamed (`AttemptRecord.acceptedPartial`), and the merge used it as it was.
    static func partialWarnings(_ input: AggregationInput) -> [String] {
        input.answers.filter(\.partial).map { answer in
            "worker \(answer.worker + 1)'s answer is partial (it did not finish; accepted by the user); the merge used it as it was"
        }
    }

    /// The judge's model also answered as a worker: warned whether the judge picked or named
    /// no answer (its replies are in the record either way, and a reader weighing them should
    /// know); not when no judge call answered (a failed or cancelled merge judged nothing).
    static func selfPreference(strategy: StrategyName, record: AggregationRecord, input: AggregationInput, spec: AggregatorSpec) -> String? {
        guard strategy.modelPicksAnswer, !record.fallbackUsed || record.judgeNamedNone else { return nil }
        let judge = record.model.flatMap { m in spec.chain.first { $0.model == m } } ?? spec.model
        let same = input.answers.map(\.worker).filter { w in
            guard let m = input.workerModels[w] else { return false }
            return m.provider == judge.provider && m.model == judge.model
        }
        guard !same.isEmpty else { return nil }
        return "the judge's model (\(judge.model)) also answered as \(Worker.names(same)): judges tend to favour their own answers"
    }

    enum Failure: Error, CustomStringConvertible {
        case timedOut(Duration)
        case failed(String)
        case cancelled
        /// The user cancelled the merge (`RunController.cancelAggregation`).
        case cancelledByUser

        var description: String {
            switch self {
            case .timedOut(let d): "timed out after \(d.timeoutText)"
            case .failed(let message): message
            case .cancelled: "cancelled"
            case .cancelledByUser: "cancelled by the user"
            }
        }
    }

    /// Runs `body` until it returns or the clock reaches `deadline`, whichever comes first.
    private func withDeadline<Value: Sendable>(
        _ deadline: Duration, stop: AsyncSignal? = nil, _ body: @escaping @Sendable () async throws -> Value
    ) async -> Result<Value, Failure> {
        let clock = self.clock
        let start = clock.now()
        return await withTaskGroup(of: Result<Value, Failure>?.self) { group in
            group.addTask {
                do { return .success(try await body()) } catch is CancellationError {
                    return Task.isCancelled ? nil : .failure(.cancelled)
                } catch { return .failure(.failed(error.oneLineDescription)) }
            }
            group.addTask {
                do { try await clock.sleepUntil(deadline) } catch { return nil }
                return .failure(.timedOut(deadline - start))
            }
            if let stop {
                group.addTask {
                    await stop.wait()
                    // Woken by the group's cancellation (another task ended it first): no result.
                    return Task.isCancelled ? nil : .failure(.cancelledByUser)
                }
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? .failure(.cancelled)
        }
    }
}
