/// What each worker's thread holds as the assistant turn of an earlier exchange, when a follow-up
/// is asked (issue 17; setting `follow_up`, flag `--follow-up`).
///
/// - `own` (the default): each worker continues its own thread, its own earlier answer as the
///   assistant turn, so the perspectives stay distinct. A worker with no answer in that turn
///   (failed, timed out, cancelled, not accepted) gets the merged answer instead, so its thread
///   still reads as one conversation.
/// - `shared`: every worker sees the merged answer of each earlier turn as the assistant turn.
public enum FollowUpMode: String, Sendable, Codable, Hashable, CaseIterable {
    case own, shared
}
