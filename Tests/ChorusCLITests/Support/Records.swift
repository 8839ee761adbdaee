import Chorus
import Foundation

/// Hand-made run records for export, outcome and warning tests.
enum Records {
    static let model = ModelChoice(provider: "local", model: "smollm2", baseURL: "http://127.0.0.1:8080/v1")

    static func plan(workers: Int = 3) -> Plan {
        Plan(task: "What is the capital of France?", workerCount: workers, focusAreas: ["cost", "risk", "speed"], model: model)
    }

    /// Worker statuses in order; succeeded workers answer "Paris (n)".
    static func record(_ statuses: [AttemptStatus], fallback: Bool = false) -> RunRecord {
        var record = RunRecord(plan: plan(workers: statuses.count), startedAt: Date(timeIntervalSince1970: 1_800_000_000))
        for (i, status) in statuses.enumerated() {
            record.workers[i].attempts = [
                AttemptRecord(
                    number: 1, status: status, text: status == .succeeded ? "Paris (\(i + 1))" : "",
                    error: status == .succeeded ? nil : (status == .timedOut ? "timed out after 15 s" : "HTTP 500: boom"),
                    startedMs: 0, elapsedMs: 1200 + Int64(i) * 100, firstTokenMs: 300,
                    usage: TokenUsage(completionTokens: 12, approximate: true), chunks: 12)
            ]
        }
        if let failure = record.quorumFailure() {
            record.status = .failed
            record.failure = failure.kind
            record.error = failure.message
        } else {
            record.status = .succeeded
            record.aggregations = [
                AggregationRecord(
                    strategy: .synthesize, status: .succeeded, output: fallback ? "Paris (1)\n\nParis (2)" : "Paris.",
                    fallbackUsed: fallback, error: fallback ? "synthesize failed (HTTP 500); showing the answers concatenated" : nil,
                    inputs: record.workers.filter(\.succeeded).map(\.index),
                    tally: Tally(groups: [.init(answer: "paris", display: "Paris", workers: record.workers.filter(\.succeeded).map(\.index))]),
                    warnings: fallback ? ["fallback: synthesize failed (HTTP 500); showing the answers concatenated"] : [],
                    model: "smollm2", startedMs: 1500, elapsedMs: 800)
            ]
        }
        record.elapsedMs = 2300
        return record
    }
}
