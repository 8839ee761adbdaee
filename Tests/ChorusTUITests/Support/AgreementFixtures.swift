import Chorus
@testable import ChorusTUI

/// Runs whose workers disagree, for the agreement view and the answer's marks. The tallies come
/// from the core's own grouping (`Vote.tally`, `Agreement.overlapTally`), so the view is tested
/// on groups the core really makes, not on groups written by hand.
enum AgreementFixtures {
    static let focus = ["cost", "risk", "speed", "hiring", "operations"]
    static let capitalTask = "What is the capital of Australia?"

    /// A state whose workers answered `answers` (nil: that worker timed out), then `record`.
    static func state(
        answers: [String?], width: Int, height: Int, task: String = capitalTask,
        record: (_ tally: Tally, _ dropped: [AggregationRecord.DroppedWorker]) -> AggregationRecord
    ) -> UIState {
        var state = UIState(
            record: RunRecord(plan: Plan(task: task, workerCount: answers.count, focusAreas: focus, model: Fixtures.model), startedAt: Fixtures.startedAt),
            width: width, height: height)
        state.update(.tick(now: 1000))
        var kept: [Answer] = []
        var dropped: [AggregationRecord.DroppedWorker] = []
        for (w, answer) in answers.enumerated() {
            if let answer {
                Fixtures.stream(&state, worker: w, text: answer)
                kept.append(Answer(worker: w, label: state.panes[w].spec.label, text: answer))
            } else {
                Fixtures.stream(&state, worker: w, text: "", finish: .timedOut, error: "timed out after 15.0 s")
                dropped.append(.init(index: w, status: .timedOut, reason: "timed out after 15.0 s"))
            }
        }
        let tally = kept.allSatisfy { Agreement.isShort($0.text) } ? Vote.tally(kept, task: task) : Agreement.overlapTally(kept)
        let aggregation = record(tally, dropped)
        state.update(.run(.aggregationStarted(strategy: aggregation.strategy)))
        state.update(.run(.aggregationFinished(record: aggregation)))
        state.update(.tick(now: 5000))
        return state
    }

    static func droppedWarning(_ dropped: [AggregationRecord.DroppedWorker], of total: Int) -> [String] {
        guard !dropped.isEmpty else { return [] }
        let who = dropped.map { "worker \($0.index + 1) \($0.status.rawValue.replacingOccurrences(of: "_", with: " "))" }
        return ["\(dropped.count) of \(total) workers left out (\(who.joined(separator: ", "))); the slow or failing ones may be the stronger models, so this answer is not a random sample of the workers"]
    }

    /// (a) Short answers, a majority and a minority: auto took the vote; worker 6 timed out.
    static func exactMajority(width: Int, height: Int) -> UIState {
        let answers: [String?] = ["Canberra", "Sydney", "Canberra.", "sydney", "The answer is Canberra", nil]
        return state(answers: answers, width: width, height: height) { tally, dropped in
            AggregationRecord(
                strategy: .auto, status: .succeeded, output: "Canberra", inputs: [0, 1, 2, 3, 4], dropped: dropped, tally: tally,
                path: .vote, chosenWorker: 0, reason: "3 of 5 answers agree (Canberra), a majority: took the vote",
                warnings: droppedWarning(dropped, of: 6), startedMs: 3000, elapsedMs: 2)
        }
    }

    /// (b) A tie: two answers each, the vote shows both sides.
    static func tie(width: Int, height: Int) -> UIState {
        let answers: [String?] = ["12", "14", "12", "14"]
        return state(answers: answers, width: width, height: height, task: "What is 3 * 4?") { tally, dropped in
            AggregationRecord(
                strategy: .vote, status: .succeeded, output: "## 12: workers 1, 3\n\n12\n\n## 14: workers 2, 4\n\n14", inputs: [0, 1, 2, 3],
                dropped: dropped, tally: tally, reason: "tie: 12 (workers 1, 3) vs 14 (workers 2, 4); both shown",
                startedMs: 3000, elapsedMs: 1)
        }
    }

    static let longAnswers = [
        "Keep one deployable service until the team grows; microservices multiply deployment and monitoring costs for small teams.",
        "Split early into microservices so every feature ships independently and scales on demand without coordination.",
        "A small team should keep one deployable service: microservices multiply deployment, monitoring and operational costs.",
    ]

    /// (c) Long answers grouped by shared key words; a judge whose model also answered.
    static func overlap(width: Int, height: Int) -> UIState {
        state(answers: longAnswers, width: width, height: height, task: "Should a five-person startup use microservices?") { tally, dropped in
            AggregationRecord(
                strategy: .judge, status: .succeeded, output: longAnswers[0], inputs: [0, 1, 2], dropped: dropped, tally: tally,
                chosenWorker: 0, reason: "It weighs the daily cost of services against the size of the team.",
                warnings: ["the judge's model (smollm2) also answered as workers 1, 2, 3: judges tend to favour their own answers"],
                model: "smollm2", promptVersion: "judge-v1", startedMs: 3000, elapsedMs: 1800)
        }
    }

    /// A merged answer that says what only the minority said.
    static func disagreeing(width: Int, height: Int) -> UIState {
        let answers: [String?] = ["Canberra", "Sydney", "Canberra", "Sydney", "Canberra"]
        return state(answers: answers, width: width, height: height) { tally, dropped in
            AggregationRecord(
                strategy: .synthesize, status: .succeeded, output: "Sydney", inputs: [0, 1, 2, 3, 4], dropped: dropped, tally: tally,
                disagreesWithMajority: true,
                warnings: ["the merged answer (Sydney) differs from the majority: 3 of 5 workers say Canberra"],
                model: "smollm2", promptVersion: "synthesize-short-v1", startedMs: 3000, elapsedMs: 1500)
        }
    }
}
