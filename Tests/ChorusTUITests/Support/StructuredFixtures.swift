import Chorus
@testable import ChorusTUI

/// Runs with `--schema`: five workers' objects merged by the core's own per-field vote
/// (`FieldMerge`), so the table and the pane marks are tested on outcomes the core really makes.
enum StructuredFixtures {
    static let schema = try! StructuredSchema(concise: "label: positive|negative|neutral, amount int, weight ~float, reason")

    /// label: 4 of 5 (worker 5 differs); amount: 2 of 5 (under a strict majority: needs review);
    /// weight: a measurement with a spread; reason: long-ish strings.
    static let objects = [
        #"{"label": "positive", "amount": 12, "weight": 3.2, "reason": "clear praise for the food"}"#,
        #"{"label": "positive", "amount": 12, "weight": 3.3, "reason": "praise"}"#,
        #"{"label": "positive", "amount": 15, "weight": 3.2, "reason": "mostly praise"}"#,
        #"{"label": "positive", "amount": 10, "weight": 3.1, "reason": "praise, one complaint"}"#,
        #"{"label": "negative", "amount": 11, "weight": 4.0, "reason": "a complaint about the wait"}"#,
    ]

    static func state(width: Int, height: Int, strategy: StrategyName = .vote) async throws -> UIState {
        var state = UIState(
            record: RunRecord(
                plan: Plan(task: "Label this review: the food was great, the wait was long.", workerCount: objects.count, focusAreas: [], model: Fixtures.model),
                startedAt: Fixtures.startedAt),
            width: width, height: height)
        state.update(.tick(now: 1000))
        var inputs: [FieldMerge.Input] = []
        for (w, text) in objects.enumerated() {
            Fixtures.stream(&state, worker: w, text: text)
            inputs.append(FieldMerge.Input(worker: w, object: try StructuredAnswer.object(in: text)))
        }
        let outcome = await FieldMerge(schema: schema, strategy: strategy).merge(inputs)
        var record = AggregationRecord(
            strategy: strategy, status: .succeeded, output: nil, inputs: Array(objects.indices), tally: Tally(groups: []),
            startedMs: 3000, elapsedMs: 2)
        record.structured = outcome
        state.update(.run(.aggregationStarted(strategy: strategy)))
        state.update(.run(.aggregationFinished(record: record)))
        state.update(.tick(now: 5000))
        return state
    }
}
