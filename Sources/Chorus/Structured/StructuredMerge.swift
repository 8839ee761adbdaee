import Synchronization

/// The aggregation step of a run with `--schema`: reads each answer's object, merges them field
/// by field (`FieldMerge`) under the chosen strategy, and writes what the record needs.
///
/// What each strategy means per field (README "Structured answers"):
/// - `vote`: every field by `FieldMerge`'s rules; long strings by the long-answer tally.
/// - `auto` (the default): as `vote`, except a long string field with no strict-majority group
///   is merged by the aggregator model.
/// - `synthesize`: as `vote`, except every long string field is merged by the aggregator model.
/// - `judge`: the aggregator model picks one worker's whole object (shown as JSON); each field's
///   agreement is counted against that pick.
/// - `concatenate`: as `vote`, except long string fields hold every worker's value, labelled.
/// Enums, booleans, numbers and short strings are always counted, never written by a model:
/// the merged object stays valid against the schema whatever the strategy.
struct StructuredMerge: Sendable {
    let schema: StructuredSchema
    let strategy: StrategyName

    struct Result: Sendable {
        var outcome: StructuredOutcome
        var output: String
        var reason: String
        var chosenWorker: Int?
        var usage: TokenUsage?
        var promptVersion: String?
        var warnings: [String]
        /// Set when the strategy's model step failed and the fields were voted on instead
        /// ("judge failed (...); the fields were voted on instead"): the record's `error`, with
        /// `fallback_used`.
        var fallbackError: String?
    }

    func run(_ input: AggregationInput, call: AggregatorFallback) async -> Result {
        var warnings: [String] = []
        var inputs: [FieldMerge.Input] = []
        for answer in input.answers {
            if let object = answer.object {
                inputs.append(.init(worker: answer.worker, object: object))
            } else {
                // A record made before the attempt kept its object, or an answer merged as it was.
                do { inputs.append(.init(worker: answer.worker, object: try schema.validatedObject(in: answer.text))) } catch {
                    warnings.append("worker \(answer.worker + 1)'s answer was left out of the per-field vote: \(error)")
                }
            }
        }
        let spent = Spent()
        var chosen: Int?
        var judgeReason: String?
        var fallbackError: String?
        if strategy == .judge, inputs.count > 1 {
            let shown = inputs.map { Answer(worker: $0.worker, label: "\($0.worker + 1)", text: schema.render($0.object)) }
            do {
                let result = try await Judge().aggregate(
                    AggregationInput(task: input.task, answers: shown, strategy: .judge), call: call)
                spent.add(result.usage, version: result.promptVersion)
                chosen = result.chosenWorker
                judgeReason = result.reason
            } catch {
                // The call was made: its usage counts even though it named no answer.
                spent.add((error as? AggregationError)?.usage, version: Judge.promptVersion)
                fallbackError = "judge failed (\(error.oneLineDescription)); the fields were voted on instead"
            }
        }
        let task = input.task
        let merge = FieldMerge(
            schema: schema, minAgreement: input.minAgreement, strategy: strategy,
            synthesizeLong: { path, answers in
                let fieldTask = "\(task)\n\n(Merge only the field \"\(path)\" of the workers' answers; write its text alone.)"
                let result = try await Synthesize().aggregate(AggregationInput(task: fieldTask, answers: answers), call: call)
                spent.add(result.usage, version: result.promptVersion)
                return result.output
            })
        var outcome: StructuredOutcome
        if inputs.isEmpty {
            outcome = StructuredOutcome(
                object: .object([:]), fields: [], needsReview: true, reviewFields: schema.fields.filter(\.required).map(\.name),
                minAgreement: input.minAgreement, workers: [])
        } else {
            outcome = await merge.merge(inputs, chosen: chosen)
        }
        // A tie settled by worker order is a warning, not only a field's note: every view that
        // shows the record's warnings (the UI's notes, stderr, the Markdown report) says it.
        for field in outcome.fields where field.isTie {
            warnings.append("\(field.path): \(field.note!)")
        }
        // Fewer valid objects than the quorum: each field may read 1/1, but that is one worker of
        // N, so the object is never trusted without a person looking (the quorum rule, `Quorum`).
        let total = input.answers.count + input.dropped.count
        let required = Quorum.required(workerCount: total)
        if inputs.count < required {
            outcome.needsReview = true
            outcome.reviewReason =
                "only \(inputs.count) of \(total) workers gave a valid object; the quorum is \(required)"
            for field in schema.fields where field.required && !outcome.reviewFields.contains(field.name) {
                outcome.reviewFields.append(field.name)
            }
        }
        return Result(
            outcome: outcome, output: schema.render(outcome.object), reason: judgeReason ?? Self.reason(outcome),
            chosenWorker: chosen, usage: spent.usage.withLock { $0 }, promptVersion: spent.version.withLock { $0 }, warnings: warnings,
            fallbackError: fallbackError)
    }

    /// What the model calls of one merge used, summed (the field syntheses may run one by one).
    final class Spent: Sendable {
        let usage = Mutex<TokenUsage?>(nil)
        let version = Mutex<String?>(nil)

        func add(_ u: TokenUsage?, version v: String?) {
            if let v { version.withLock { $0 = v } }
            guard let u else { return }
            usage.withLock { total in
                var t = total ?? TokenUsage()
                t.promptTokens = (t.promptTokens ?? 0) + (u.promptTokens ?? 0)
                t.completionTokens = (t.completionTokens ?? 0) + (u.completionTokens ?? 0)
                t.approximate = t.approximate || u.approximate
                total = t
            }
        }
    }

    /// "per-field vote over 5 answers: label 5/5, amount 3/5; needs review: amount".
    static func reason(_ outcome: StructuredOutcome) -> String {
        let n = outcome.workers.count
        let fields = outcome.fields.filter { $0.method != .object }.map { "\($0.path) \($0.agreementText)" }.joined(separator: ", ")
        var text = "per-field merge over \(n) answer\(n == 1 ? "" : "s"): \(fields)"
        if let why = outcome.reviewReason {
            text += "; needs review: \(why)"
        } else if outcome.needsReview {
            text += "; needs review (under \(outcome.minAgreement.words)): \(outcome.reviewFields.joined(separator: ", "))"
        }
        return text
    }

    /// The one line a headless run prints on standard error when the answer needs review.
    static func reviewLine(_ outcome: StructuredOutcome) -> String? {
        guard outcome.needsReview else { return nil }
        if let why = outcome.reviewReason { return "needs review: \(why)" }
        let fields = outcome.reviewFields.map { path in
            outcome.field(path).map { "\(path) (\($0.agreementText))" } ?? path
        }.joined(separator: ", ")
        return "needs review: agreement under \(outcome.minAgreement.words) on \(fields)"
    }
}

extension StructuredOutcome {
    /// "needs review: agreement under a strict majority on amount (2/5)"; nil when not flagged.
    public var reviewLine: String? { StructuredMerge.reviewLine(self) }
}
