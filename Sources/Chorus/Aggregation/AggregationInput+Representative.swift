/// A group's best representative (issue 15): the member closest to the group's centre, so
/// `auto` and `vote` output the group's most typical answer, not its first worker's.
extension AggregationInput {
    /// The medoid of `group` by word overlap: the member whose words (normalised, as the vote
    /// reads them) overlap the other members' most, summed Jaccard overlap; ties go to the lower
    /// worker index. A group of one or two is its first member (two members are equally central).
    public func representative(of group: Tally.Group) -> Answer {
        let members = group.workers.compactMap { w in answers.first { $0.worker == w } }
        guard let first = members.first else {
            return answers.first ?? Answer(worker: group.workers.first ?? 0, label: "", text: group.display)
        }
        guard members.count > 2 else { return first }
        let words = members.map { Set(AnswerExtraction.normalisedWords(AnswerExtraction.withoutReasoning($0.text))) }
        var best = 0
        var bestScore = -1.0
        for i in members.indices {
            var score = 0.0
            for j in members.indices where j != i { score += Agreement.jaccard(words[i], words[j]) }
            if score > bestScore + 1e-12 {
                best = i
                bestScore = score
            }
        }
        return members[best]
    }
}
