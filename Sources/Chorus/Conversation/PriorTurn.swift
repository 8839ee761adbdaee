/// One earlier exchange a follow-up carries: the user's message of that turn and, for each
/// worker (by worker index, 0-based), the assistant text its thread holds for it.
///
/// Stored in the follow-up turn's record (`RunRecord.history`, JSON key `history`), so a retry of
/// that turn sends exactly what its first attempts sent, whatever happened to earlier turns since.
public struct PriorTurn: Sendable, Codable, Hashable {
    /// The user's message of that turn (turn 1: the task as sent).
    public var message: String
    /// Worker i's assistant turn at `replies[i]` (see `FollowUpMode` for which text goes there).
    public var replies: [String]

    public init(message: String, replies: [String]) {
        self.message = message
        self.replies = replies
    }

    /// Worker `index`'s assistant text; the last reply when the list is shorter (never empty
    /// for a record made by `Conversation.nextPlan`).
    public func reply(forWorker index: Int) -> String {
        replies.indices.contains(index) ? replies[index] : replies.last ?? ""
    }
}
