import Chorus
import Foundation
@testable import ChorusTUI

/// Plans, records and states for the tests, in one place so each test says only what differs.
enum Fixtures {
    static let model = ModelChoice(provider: "openai", model: "smollm2")
    static let startedAt = Date(timeIntervalSince1970: 1_800_000_000)

    static func plan(workers: Int, focus: [String] = ["cost", "risk", "speed"], task: String = "Should a five-person startup use microservices?") -> Plan {
        Plan(task: task, workerCount: workers, focusAreas: focus, model: model)
    }

    static func record(workers: Int, focus: [String] = ["cost", "risk", "speed"]) -> RunRecord {
        RunRecord(plan: plan(workers: workers, focus: focus), startedAt: startedAt)
    }

    static func state(workers: Int = 3, width: Int = 120, height: Int = 24, focus: [String] = ["cost", "risk", "speed"]) -> UIState {
        UIState(record: record(workers: workers, focus: focus), width: width, height: height)
    }

    static func attempt(
        _ status: AttemptStatus, number: Int = 1, text: String = "", error: String? = nil, elapsedMs: Int64 = 2400,
        firstTokenMs: Int64? = 300, tokens: Int? = nil
    ) -> AttemptRecord {
        AttemptRecord(
            number: number, status: status, text: text, error: error, startedMs: 0, elapsedMs: elapsedMs,
            firstTokenMs: status == .succeeded || !text.isEmpty ? firstTokenMs : nil,
            usage: tokens.map { TokenUsage(completionTokens: $0) }, chunks: text.isEmpty ? 0 : text.split(separator: " ").count)
    }

    static func aggregation(
        _ strategy: StrategyName = .synthesize, output: String, inputs: [Int], fallback: Bool = false, error: String? = nil
    ) -> AggregationRecord {
        AggregationRecord(
            strategy: strategy, status: .succeeded, output: output, fallbackUsed: fallback, error: error, inputs: inputs,
            tally: Tally(groups: []), model: strategy.callsModel ? "smollm2" : nil, startedMs: 3000, elapsedMs: 1500)
    }

    static let answers = [
        "A five-person startup should keep one deployable until the team or traffic forces a split. Microservices add network calls, deploys and on-call load that a small team pays for every day.",
        "Splitting early multiplies the ways a request can fail: every call is a network call, every deploy a coordination problem, every bug a distributed one.",
        "Speed of iteration matters most at this size; a monolith lets five people change anything in one commit.",
    ]

    /// Sends a worker's whole life: started, its text in word chunks, finished.
    static func stream(_ state: inout UIState, worker: Int, text: String, attempt: Int = 1, finish: AttemptStatus? = .succeeded, error: String? = nil) {
        state.update(.run(.workerStarted(worker: worker, attempt: attempt)))
        var chunks = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            state.update(.run(.workerChunk(worker: worker, attempt: attempt, text: (chunks == 0 ? "" : " ") + word)))
            chunks += 1
        }
        if let finish {
            let record = AttemptRecord(
                number: attempt, status: finish, text: text, error: error, startedMs: 0, elapsedMs: 2400,
                firstTokenMs: text.isEmpty ? nil : 300, usage: finish == .succeeded ? TokenUsage(completionTokens: 96) : nil,
                chunks: chunks)
            state.update(.run(.workerFinished(worker: worker, record: record)))
        }
    }
}
