/// How a merge that fell back is named, from the record alone, so the answer's title, the
/// headless note, the session list and the Markdown report say the same thing.
extension AggregationRecord {
    /// The words for a judge whose passes all replied without naming an answer (issue 15: it
    /// was shown as "judge failed", which reads as a broken server, not a judge that did not pick).
    public static let judgeNamedNoAnswer = "the judge named no answer: concatenated"

    /// True when the judge replied but named no answer, so the answers were concatenated.
    /// With `--schema` the fields are voted on instead, and the record's error says so.
    public var judgeNamedNone: Bool {
        fallbackUsed && !cancelled && structured == nil && judge?.decision == JudgeRecord.Decision.none
    }

    /// A short name for the fallback ("the judge named no answer: concatenated", "synthesize
    /// failed: fallback to concatenate"); nil when the merge did not fall back.
    public var fallbackHeadline: String? {
        guard fallbackUsed else { return nil }
        if cancelled { return "\(strategy.rawValue) merge cancelled: answers concatenated" }
        if judgeNamedNone { return Self.judgeNamedNoAnswer }
        return "\(strategy.rawValue) failed: fallback to concatenate"
    }
}
