import Chorus
import ChorusTestSupport

/// Models for in-process command tests: worker i is told apart by its focus area "wN" (the tests
/// pass `--focus w1 --focus w2 ...`), the aggregator by its model name "agg".
enum Scripts {
    /// Synthesize, so the aggregator model is always called (auto may take the vote instead).
    static let focusFlags = ["--focus", "w1", "--focus", "w2", "--focus", "w3", "--aggregator-model", "agg", "--strategy", "synthesize"]

    static func workerNumber(_ request: ChatRequest) -> Int? {
        guard let system = request.messages.first(where: { $0.role == .system })?.content,
            let range = system.range(of: "Focus on: w")
        else { return nil }
        return Int(system[range.upperBound...].prefix { $0.isNumber })
    }

    static func factory(
        clock: any Clock<Duration> = ContinuousClock(), workers: [Int: [ScriptedModel.Step]], aggregator: [ScriptedModel.Step]
    ) -> ModelFactory {
        let workerModel = ScriptedModel(clock: clock) { request, _ in
            workers[workerNumber(request) ?? 0] ?? [.text("Paris")]
        }
        let aggregatorModel = ScriptedModel(clock: clock, steps: aggregator)
        return { choice in choice.model == "agg" ? aggregatorModel : workerModel }
    }
}
