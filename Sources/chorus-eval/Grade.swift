import Chorus
import ChorusTestSupport

/// Whether an answer is right: its final answer, keyed the way the vote keys answers, equals an
/// accepted answer, or contains it as whole words when the final answer is short.
enum Grade {
    static func isCorrect(_ output: String?, accepted: [String], task: String) -> Bool {
        guard let output else { return false }
        let final = AnswerExtraction.finalAnswer(output)
        let key = AnswerExtraction.key(final, task: task)
        let words = AnswerExtraction.normalise(final).split(separator: " ").map(String.init)
        for answer in accepted {
            let target = AnswerExtraction.normalise(answer)
            if key == target { return true }
            let targetWords = target.split(separator: " ").map(String.init)
            if words.count <= 8, contains(words, targetWords) { return true }
        }
        return false
    }

    static func contains(_ words: [String], _ part: [String]) -> Bool {
        guard !part.isEmpty, part.count <= words.count else { return false }
        for start in 0...(words.count - part.count) where Array(words[start..<start + part.count]) == part { return true }
        return false
    }
}

/// Accuracy with a 95% bootstrap interval over questions.
struct Bootstrap {
    /// Mean of `scores` (each in 0...1) and the 2.5th and 97.5th percentiles of 2,000 resampled means.
    static func interval(_ scores: [Double], resamples: Int = 2000, seed: UInt64 = 7) -> (mean: Double, low: Double, high: Double) {
        guard !scores.isEmpty else { return (0, 0, 0) }
        var rng = SplitMix64(seed: seed)  // a rerun prints the same interval
        var means: [Double] = []
        means.reserveCapacity(resamples)
        for _ in 0..<resamples {
            var total = 0.0
            for _ in scores.indices { total += scores[Int.random(in: 0..<scores.count, using: &rng)] }
            means.append(total / Double(scores.count))
        }
        means.sort()
        let mean = scores.reduce(0, +) / Double(scores.count)
        return (mean, means[Int(Double(resamples) * 0.025)], means[Int(Double(resamples) * 0.975) - 1])
    }
}
