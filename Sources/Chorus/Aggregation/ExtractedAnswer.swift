/// One answer as the tally reads it: its final answer, the key it is counted by, and whether it
/// is counted exactly at all (issue 15).
public struct ExtractedAnswer: Sendable, Hashable {
    /// The final answer as shown (reading form): "389" for "17 * 23 = 389", "Canberra" for
    /// "The capital of Australia is Canberra.".
    public var final: String
    /// What two answers are compared by (`AnswerExtraction.key`): "389", "canberra",
    /// "1776-07-04", "option b", "12 or 13".
    public var key: String
    /// The answer names two candidates ("Paris or Lyon", "either 12 or 13"): its key matches
    /// neither single answer, and the tally marks its group, since it is a vote for neither.
    public var hedged: Bool
    /// Counted exactly by `key`: the final answer is short (at most
    /// `AggregationInput.shortKeyWords` words) and was found for sure: after "the answer is",
    /// or it is a number, a date, yes/no or an option; or, in an answer that is not an essay,
    /// in bold, in a sentence that plainly answers ("X is Y" with X repeating the question, a
    /// yes or no, a bare answer), or the answer is one sentence (at most
    /// `AnswerExtraction.sentenceAnswerWords` words). The rest (paragraphs, essays) are grouped
    /// by shared key words (`Agreement.mixedTally`).
    public var isShort: Bool
    /// More than `AnswerExtraction.essayWords` words: an answer where merging is the point.
    public var isEssay: Bool

    public init(final: String, key: String, hedged: Bool = false, isShort: Bool = true, isEssay: Bool = false) {
        self.final = final
        self.key = key
        self.hedged = hedged
        self.isShort = isShort
        self.isEssay = isEssay
    }
}
