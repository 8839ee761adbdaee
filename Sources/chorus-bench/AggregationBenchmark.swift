import Chorus
import ChorusTestSupport
import Foundation

/// Merging long answers (issue 16): the agreement tallies (exact and by overlap) and a strategy
/// that calls no model, timed in this process. Targets: 64 answers of 100 KB merged, tally
/// included, in under 100 ms; one 4 MiB answer in under 200 ms.
///
///   .build/release/chorus-bench aggregation [--runs 5]
///
/// The answers are generated prose: sentences of words drawn from a 6,000-word vocabulary
/// (frequent words more often), with numbers, bold spans, typographic quotes and accented words,
/// so every special case of the extraction is exercised. Each figure is the median of the runs.
enum AggregationBenchmark {
    static func run(arguments: [String]) async {
        var runs = 5
        if let i = arguments.firstIndex(of: "--runs"), i + 1 < arguments.count, let n = Int(arguments[i + 1]) { runs = max(1, n) }
        print("aggregation: median of \(runs) runs (the tallies and the strategy's merge, no model call)")
        let many = (0..<64).map { Answer(worker: $0, label: "\($0 + 1)", text: prose(bytes: 100_000, seed: UInt64($0) + 1)) }
        let one = [Answer(worker: 0, label: "1", text: prose(bytes: 4 * 1024 * 1024, seed: 99))]
        for (name, answers, limit) in [("64 answers x 100 KB", many, 100.0), ("1 answer x 4 MiB", one, 200.0)] {
            for strategy in [StrategyName.vote, .concatenate] {
                var times: [Double] = []
                for _ in 0..<runs { times.append(merge(answers, strategy: strategy)) }
                let median = Measure.percentile(times, 0.5)
                print("  \(name), \(strategy.rawValue): \(Measure.format(median, 1)) ms (limit \(Measure.format(limit, 0)) ms)\(median <= limit ? "" : "  OVER")")
            }
        }
    }

    /// Milliseconds to build the aggregation input (both tallies as the strategy needs them) and
    /// run the strategy.
    static func merge(_ answers: [Answer], strategy: StrategyName) -> Double {
        let start = ContinuousClock.now
        let input = AggregationInput(task: "Explain how to design a resilient service.", answers: answers, strategy: strategy)
        // What the two strategies do after the tallies: vote picks the winner's answer (trimmed
        // as it is shown), concatenate joins them all.
        let output = strategy == .vote
            ? (input.exactTally.winner.map { w in answers.first { $0.worker == w.workers[0] }!.text } ?? "")
            : Concatenate.join(answers)
        blackHole(output.utf8.count + input.tally.groups.count)
        let (s, atto) = (ContinuousClock.now - start).components
        return Double(s) * 1000 + Double(atto) / 1e15
    }

    @inline(never)
    static func blackHole(_ value: Int) { if value == -1 { print(value) } }

    static func prose(bytes: Int, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed)
        let syllables = ["ka", "lo", "mi", "ren", "to", "sa", "vel", "dor", "in", "qua", "ber", "ni", "ox", "tal", "um", "zer"]
        let vocabulary: [String] = (0..<6000).map { i in
            var w = ""
            var k = i
            repeat { w += syllables[k % syllables.count]; k /= syllables.count } while k > 0
            return w + (i % 7 == 0 ? "ing" : i % 5 == 0 ? "s" : "")
        } + ["café", "naïve", "’s", "“quoted”", "1,000", "3.50", "twelve", "**key point**", "résumé"]
        var text = ""
        text.reserveCapacity(bytes + 200)
        var sentence = 0
        while text.utf8.count < bytes {
            let words = Int.random(in: 6...24, using: &rng)
            for w in 0..<words {
                // Frequent words more often: the square of a uniform draw leans to the start.
                let u = Double.random(in: 0..<1, using: &rng)
                var word = vocabulary[Int(u * u * Double(vocabulary.count))]
                if w == 0 { word = word.prefix(1).uppercased() + word.dropFirst() }
                text += word
                text += w + 1 == words ? "" : (Int.random(in: 0..<10, using: &rng) == 0 ? ", " : " ")
            }
            sentence += 1
            text += sentence % 6 == 0 ? ".\n\n" : ". "
        }
        return text
    }
}
