/// Runs a strategy under the aggregator's deadline and falls back to concatenation when an LLM
/// strategy fails or times out, saying so in the record (`fallback_used`, `error`).
struct Aggregator: Sendable {
    let clock: RunClock
    let events: EventSink?
    let base: Int64

    func run(
        strategy name: StrategyName, input: AggregationInput, spec: AggregatorSpec, models: ModelFactory
    ) async -> AggregationRecord {
        let start = clock.now()
        events?(.aggregationStarted(strategy: name))
        var record = AggregationRecord(
            strategy: name, status: .running, inputs: input.answers.map(\.worker), tally: input.tally,
            model: name.callsModel ? spec.model.model : nil, startedMs: base + start.milliseconds)

        var model: (any ChatModel)?
        var modelError: String?
        if name.callsModel {
            do { model = try models(spec.model) } catch { modelError = Worker.StateMachine.describe(error) }
        }
        let events = self.events
        let call = AggregatorCall(model: model, modelError: modelError, spec: spec) { events?(.aggregationChunk(text: $0)) }

        let outcome = await withDeadline(start + spec.timeout) {
            try await name.strategy.aggregate(input, call: call)
        }
        switch outcome {
        case .success(let result):
            record.status = .succeeded
            record.output = result.output
            record.chosenWorker = result.chosenWorker
            record.reason = result.reason
            record.usage = result.usage
        case .failure(let error):
            // The answers are still good: concatenate them and say why.
            record.status = .succeeded
            record.fallbackUsed = true
            record.output = Concatenate.join(input.answers)
            record.error = "\(name.rawValue) failed (\(error)); showing the answers concatenated"
        }
        record.elapsedMs = (clock.now() - start).milliseconds
        events?(.aggregationFinished(record: record))
        return record
    }

    enum Failure: Error, CustomStringConvertible {
        case timedOut(Duration)
        case failed(String)
        case cancelled

        var description: String {
            switch self {
            case .timedOut(let d): "timed out after \(Worker.StateMachine.format(d))"
            case .failed(let message): message
            case .cancelled: "cancelled"
            }
        }
    }

    /// Runs `body` until it returns or the clock reaches `deadline`, whichever comes first.
    private func withDeadline(
        _ deadline: Duration, _ body: @escaping @Sendable () async throws -> AggregationResult
    ) async -> Result<AggregationResult, Failure> {
        let clock = self.clock
        let start = clock.now()
        return await withTaskGroup(of: Result<AggregationResult, Failure>?.self) { group in
            group.addTask {
                do { return .success(try await body()) } catch is CancellationError {
                    return Task.isCancelled ? nil : .failure(.cancelled)
                } catch { return .failure(.failed(Worker.StateMachine.describe(error))) }
            }
            group.addTask {
                do { try await clock.sleepUntil(deadline) } catch { return nil }
                return .failure(.timedOut(deadline - start))
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? .failure(.cancelled)
        }
    }
}
