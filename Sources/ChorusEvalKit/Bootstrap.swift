/// Accuracy with a 95% bootstrap interval over questions, and the interval of the difference
/// between two strategies graded on the same questions.
///
/// The percentile bootstrap (Efron & Tibshirani, "An Introduction to the Bootstrap", ch. 13):
/// resample the questions with replacement 2,000 times, take the mean of each resample, and
/// report the 2.5th and 97.5th percentiles of those means. Seeded (`Generator`), so a rerun
/// prints the same interval for the same scores.
public enum Bootstrap {
    /// A mean and its 95% interval, each a fraction (0...1 for accuracy, -1...1 for a difference).
    public struct Interval: Sendable, Hashable, Codable {
        public var mean: Double
        public var low: Double
        public var high: Double

        public init(mean: Double, low: Double, high: Double) {
            self.mean = mean
            self.low = low
            self.high = high
        }
    }

    /// Mean of `scores` (each usually 0 or 1) and the 2.5th and 97.5th percentiles of
    /// `resamples` resampled means. No scores: all zero.
    public static func interval(_ scores: [Double], resamples: Int = 2000, seed: UInt64 = 7) -> Interval {
        guard !scores.isEmpty, resamples > 0 else { return Interval(mean: 0, low: 0, high: 0) }
        var rng = Generator(seed: seed)
        let means = (0..<resamples).map { _ in
            var total = 0.0
            for _ in scores.indices { total += scores[Int.random(in: 0..<scores.count, using: &rng)] }
            return total / Double(scores.count)
        }
        return Interval(mean: scores.reduce(0, +) / Double(scores.count), means: means)
    }

    /// The difference `a - b` of two strategies scored on the same questions (`a[i]` and
    /// `b[i]` are question i), with a paired interval: each resample draws question indices
    /// once and uses them for both, so the questions both get right or both get wrong cancel
    /// out. That interval is much narrower than two separate intervals suggest, and it is the
    /// one to read for "is auto better than the vote". Nil when the two lists differ in length
    /// (they do not score the same questions); no questions: all zero.
    public static func pairedDifference(_ a: [Double], _ b: [Double], resamples: Int = 2000, seed: UInt64 = 7) -> Interval? {
        guard a.count == b.count else { return nil }
        let differences = zip(a, b).map { $0 - $1 }
        return interval(differences, resamples: resamples, seed: seed)
    }
}

extension Bootstrap.Interval {
    /// The interval from the sorted resampled means: the 2.5th and 97.5th percentiles, indexed
    /// as the eval always has (`means[n * 0.025]`, `means[n * 0.975 - 1]`).
    init(mean: Double, means: [Double]) {
        let sorted = means.sorted()
        let n = Double(sorted.count)
        self.init(
            mean: mean, low: sorted[min(sorted.count - 1, Int(n * 0.025))],
            high: sorted[max(0, Int(n * 0.975) - 1)])
    }
}
