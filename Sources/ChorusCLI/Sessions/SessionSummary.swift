import Chorus
import Foundation

/// One saved session as `chorus sessions` lists it: when, what was asked, how it ended, where the
/// file is. A file that cannot be read is a summary too (`problem` set), so it is listed as
/// unreadable, never dropped silently.
struct SessionSummary: Sendable, Encodable, Equatable {
    var path: String
    var startedAt: Date?
    var task: String?
    /// "answered", "failed", "quorum not met", "cancelled", "unfinished", "unreadable".
    var outcome: String
    /// For a failed run, why in a few words ("all 3 workers failed").
    var reason: String?
    var strategy: String?
    /// Whether auto took the vote or synthesized; nil otherwise.
    var took: String?
    var workers: Int?
    var succeeded: Int?
    /// Why the file could not be read (`SessionStore.load`'s line).
    var problem: String?
    /// How many turns the conversation has (issue 17); nil for a one-turn session. The other
    /// fields describe the newest turn, except `task` and `startedAt`: the first turn's.
    var turns: Int?

    enum CodingKeys: String, CodingKey {
        case path, startedAt = "started_at", task, outcome, reason, strategy, took, workers, succeeded, problem, turns
    }

    /// A conversation: the newest turn's outcome, the first turn's task and start, the count.
    init(path: String, conversation: Conversation) {
        self.init(path: path, record: conversation.latest)
        guard conversation.turns.count > 1 else { return }
        task = conversation.turns[0].task
        startedAt = conversation.turns[0].startedAt
        turns = conversation.turns.count
    }

    init(path: String, record: RunRecord) {
        self.path = path
        startedAt = record.startedAt
        task = record.task
        strategy = record.latestAggregation?.strategy.rawValue ?? record.strategy.rawValue
        if let a = record.latestAggregation, let path = a.path, path != a.strategy { took = path.rawValue }
        workers = record.workers.count
        succeeded = record.succeededCount
        switch record.status {
        case .succeeded:
            if let a = record.latestAggregation, a.cancelled {
                // The user stopped the merge: the answer is the workers' answers concatenated.
                outcome = "merge cancelled"
                reason = "answers concatenated, not merged"
            } else if let a = record.latestAggregation, a.fallbackUsed {
                outcome = "answered (fallback)"
                reason = a.judgeNamedNone ? AggregationRecord.judgeNamedNoAnswer : "\(a.strategy.rawValue) failed; answers concatenated"
            } else {
                outcome = "answered"
            }
        case .running: outcome = "unfinished"
        case .failed:
            switch record.failure {
            case .quorumNotMet?:
                outcome = "quorum not met"
                reason = "\(record.succeededCount) of \(record.workers.count) succeeded, \(record.quorum) needed"
            case .allFailed?:
                outcome = "failed"
                reason = "all \(record.workers.count) worker\(record.workers.count == 1 ? "" : "s") failed"
            case .cancelled?: outcome = "cancelled"
            case nil:
                outcome = "failed"
                reason = record.error.map { String($0.prefix(60)) }
            }
        }
    }

    init(path: String, problem: String) {
        self.path = path
        outcome = "unreadable"
        self.problem = problem
    }

    /// Reads `path`; a file that is not a session becomes an unreadable summary.
    static func read(_ path: String) -> SessionSummary {
        do { return SessionSummary(path: path, conversation: try SessionStore.loadConversation(path)) } catch {
            // The load error starts with the path; the list shows the path already.
            let message = error.message.hasPrefix(path + ": ") ? String(error.message.dropFirst(path.count + 2)) : error.message
            return SessionSummary(path: path, problem: message)
        }
    }

    /// "2026-11-29 13:12  answered · vote · 3/3 ok  What is the capital…": at most `width`
    /// columns, the task last and cut with "…" (its text on one line, made terminal-safe).
    func line(width: Int, timeZone: TimeZone = .current) -> String {
        let date = startedAt.map { Self.dateText($0, timeZone: timeZone) } ?? "????-??-?? ??:??"
        guard problem == nil else { return "\(date)  unreadable: \(TerminalSafeText.oneLine(problem ?? ""))" }
        var parts = [outcome + (reason.map { ": \($0)" } ?? "")]
        if let strategy { parts.append(strategy + (took.map { " → \($0)" } ?? "")) }
        if let workers, let succeeded { parts.append("\(succeeded)/\(workers) ok") }
        if let turns { parts.append("\(turns) turns") }
        let head = "\(date)  \(parts.joined(separator: " · "))  "
        let room = max(10, width - head.count)
        let task = TerminalSafeText.oneLine(self.task ?? "")
            .split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        return head + (task.count > room ? String(task.prefix(room - 1)) + "…" : task)
    }

    static func dateText(_ date: Date, timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}
