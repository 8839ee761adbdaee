import Chorus
@testable import ChorusTUI

/// A reasoning model's life in a pane, on the UI's clock: it thinks (reasoning chunks), then
/// answers (text chunks), then its record arrives with the reasoning kept apart from the text.
enum ReasoningFixtures {
    /// Reasoning about `Fixtures.plan`'s task, one per worker.
    static let reasoning = [
        "The team has five people. Each service needs its own deploy, monitoring and on-call rota; that is a tax paid every day. A split pays off when teams block each other, which five people do not.",
        "Risk first: every network call can time out and every deploy must be coordinated. What fails in a monolith fails loudly and in one place.",
        "Speed: one repository, one build, one deploy. Five people can change anything in one commit.",
    ]

    /// Events at UI times: `play` sends them in time order, ticking the clock to each.
    typealias Timeline = [(at: Int64, event: RunEvent)]

    static func play(_ state: inout UIState, _ timelines: Timeline...) {
        let events = timelines.flatMap { $0 }.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
        for (_, item) in events {
            state.update(.tick(now: item.at))
            state.update(.run(item.event))
        }
    }

    /// `worker` starts at `start` (unless `started`) and reasons in word chunks, the first
    /// `firstAfterMs` later, then one every `everyMs`.
    static func thinking(worker: Int, reasoning: String, start: Int64, started: Bool = false, firstAfterMs: Int64 = 300, everyMs: Int64 = 100) -> Timeline {
        var timeline: Timeline = started ? [] : [(start, .workerStarted(worker: worker, attempt: 1))]
        for (i, word) in reasoning.split(separator: " ").enumerated() {
            timeline.append((start + firstAfterMs + Int64(i) * everyMs, .workerReasoning(worker: worker, attempt: 1, text: (i == 0 ? "" : " ") + word)))
        }
        return timeline
    }

    /// `worker`'s answer in word chunks from `start`, one every `everyMs`.
    static func answering(worker: Int, text: String, start: Int64, everyMs: Int64 = 50) -> Timeline {
        text.split(separator: " ").enumerated().map { i, word in
            (start + Int64(i) * everyMs, .workerChunk(worker: worker, attempt: 1, text: (i == 0 ? "" : " ") + word))
        }
    }

    /// Starts `worker` at `now` and sends its reasoning (see `thinking`).
    static func think(_ state: inout UIState, worker: Int, reasoning: String, startAt now: Int64, firstAfterMs: Int64 = 300, everyMs: Int64 = 100) {
        play(&state, thinking(worker: worker, reasoning: reasoning, start: now, firstAfterMs: firstAfterMs, everyMs: everyMs))
    }

    /// Sends the answer's words, all at `now`.
    static func answer(_ state: inout UIState, worker: Int, text: String, at now: Int64) {
        play(&state, answering(worker: worker, text: text, start: now, everyMs: 0))
    }

    /// The attempt's record as the engine writes it for a reasoning model.
    static func record(
        _ status: AttemptStatus = .succeeded, text: String, reasoning: String?, error: String? = nil, firstReasoningMs: Int64? = 300,
        firstTokenMs: Int64? = 4400, elapsedMs: Int64 = 5200, tokens: Int? = 230, reasoningTokens: Int? = nil, stopReason: String? = "stop",
        notApplied: [String] = []
    ) -> AttemptRecord {
        var record = AttemptRecord(
            number: 1, status: status, text: text, error: error, startedMs: 0, elapsedMs: elapsedMs,
            firstTokenMs: text.isEmpty ? nil : firstTokenMs,
            usage: tokens.map { TokenUsage(completionTokens: $0, reasoningTokens: reasoningTokens) },
            chunks: text.split(separator: " ").count)
        record.reasoning = reasoning
        record.reasoningChunks = reasoning?.split(separator: " ").count ?? 0
        record.firstReasoningMs = reasoning == nil ? nil : firstReasoningMs
        record.stopReason = stopReason
        record.notApplied = notApplied
        return record
    }
}
