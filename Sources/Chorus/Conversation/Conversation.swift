import Foundation

/// A run with follow-ups: a list of turns, each today's run record (`RunRecord`) whose `task` is
/// the turn's user message. Turn 1 is the original run; turn N's record carries the N-1 earlier
/// exchanges it sent (`RunRecord.history`) and its mode (`RunRecord.followUp`).
///
/// JSON (the `--json` output and the session file): the LATEST turn's record, flat, exactly as a
/// single-turn record is written, plus `turn` (its number) and `earlier_turns` (turns 1..N-1,
/// oldest first, each a full record) when there is more than one turn. So a one-turn run is
/// byte-for-byte today's record, an old session file decodes as one turn, and a reader that knows
/// nothing of turns sees the newest answer.
public struct Conversation: Sendable, Hashable {
    /// Oldest first; never empty.
    public private(set) var turns: [RunRecord]

    public init(_ first: RunRecord) { turns = [first] }

    /// - Precondition: `turns` is not empty.
    public init(turns: [RunRecord]) {
        precondition(!turns.isEmpty, "a conversation has at least one turn")
        self.turns = turns
    }

    public var latest: RunRecord {
        get { turns[turns.count - 1] }
        set { turns[turns.count - 1] = newValue }
    }

    /// The 1-based number of the latest turn.
    public var turnCount: Int { turns.count }

    public mutating func append(_ record: RunRecord) { turns.append(record) }

    /// Why the latest turn cannot be followed up, one line with the fix; nil when it can. A turn
    /// without an answer has nothing to put in the assistant turn of a worker that failed too.
    public var followUpProblem: String? {
        let latest = self.latest
        switch latest.status {
        case .running:
            return "turn \(turns.count) is still running; wait for its answer, then ask the follow-up"
        case .failed:
            return "turn \(turns.count) has no answer (\(latest.error ?? "it failed")); retry its workers (r, R or chorus open) first, then ask the follow-up"
        case .succeeded:
            return latest.output == nil ? "turn \(turns.count) has no answer; retry it first" : nil
        }
    }

    /// The plan of the next turn: the latest turn's workers and aggregator, `message` as the task,
    /// and every earlier exchange as history, each worker's assistant turn chosen by `mode`
    /// (see `FollowUpMode`). Nil when `followUpProblem` says why not.
    public func nextPlan(message: String, mode: FollowUpMode) -> Plan? {
        guard followUpProblem == nil, let merged = latest.output else { return nil }
        var plan = latest.plan
        let answers = Dictionary(latest.answers.map { ($0.worker, $0.text) }, uniquingKeysWith: { a, _ in a })
        // One reply per worker index the next turn may run: the planned workers, the extra
        // workers escalation started, and the reserve it did not (they get the merged answer).
        let count = max(latest.workers.count, plan.workers.count + (plan.escalation?.reserve.count ?? 0))
        let replies = (0..<count).map { index -> String in
            switch mode {
            case .shared: return merged
            case .own: return answers[index] ?? merged
            }
        }
        plan.task = message
        // The earlier turn as its workers were asked it: its task with its attached files and
        // piped text (`RunRecord.prompt`), which the follow-up does not attach again.
        plan.context = nil
        plan.history = latest.history + [PriorTurn(message: latest.prompt, replies: replies)]
        plan.followUp = mode
        return plan
    }
}

extension Conversation: Codable {
    enum CodingKeys: String, CodingKey {
        case turn, earlierTurns = "earlier_turns"
    }

    public func encode(to encoder: any Encoder) throws {
        try latest.encode(to: encoder)
        guard turns.count > 1 else { return }
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(turns.count, forKey: .turn)
        try c.encode(Array(turns.dropLast()), forKey: .earlierTurns)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let earlier = try c.decodeIfPresent([RunRecord].self, forKey: .earlierTurns) ?? []
        turns = earlier + [try RunRecord(from: decoder)]
    }

    /// Pretty or compact JSON, written with `RunRecord`'s encoder (ISO 8601 dates, sorted keys).
    public func jsonData(pretty: Bool = true) throws -> Data { try RunRecord.makeEncoder(pretty: pretty).encode(self) }
}
