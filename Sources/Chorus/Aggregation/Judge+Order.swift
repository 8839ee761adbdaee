/// The order the judge is shown the answers in.
///
/// Why shuffled: a small judge picks by position (measured on SmolLM2-135M: the first enum
/// member whatever the text), and worker order is not random (worker 1 has the lowest
/// temperature, the first focus area). A shuffled first pass and a reversed second pass make a
/// positional pick show as a disagreement instead of passing for a judgement.
///
/// Why seeded from the task and the answers: a rerun of the same merge (`s`, a resumed batch, the
/// eval) shows the judge the same order, so its pick is reproducible; `StableHash` is the same on
/// every machine, unlike Swift's `hashValue`.
extension Judge {
    /// How the first pass orders the answers; the second pass is its reverse.
    public enum Ordering: Sendable, Hashable {
        /// Shuffled, seeded from the task and the answers (the default).
        case seeded
        /// Worker order, as the answers came.
        case asGiven
        /// These workers (indices from 0) in this order, for tests; workers not named follow in
        /// worker order, and named workers without an answer are skipped.
        case workers([Int])
    }

    /// The first pass's order as positions into `input.answers`.
    static func firstOrder(_ input: AggregationInput, ordering: Ordering) -> [Int] {
        let positions = Array(input.answers.indices)
        switch ordering {
        case .asGiven:
            return positions
        case .workers(let workers):
            let named = workers.compactMap { w in input.answers.firstIndex { $0.worker == w } }
            return named + positions.filter { !named.contains($0) }
        case .seeded:
            var generator = ShuffleGenerator(seed: seed(input))
            var order = positions
            // Fisher-Yates, drawing from the seeded generator (never the system's).
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                let j = Int(generator.next() % UInt64(i + 1))
                order.swapAt(i, j)
            }
            return order
        }
    }

    /// The shuffle's seed: the task and every answer with its worker, hashed stably.
    static func seed(_ input: AggregationInput) -> UInt64 {
        var text = input.task
        for answer in input.answers { text += "\u{1F}\(answer.worker)\u{1E}\(answer.text)" }
        return StableHash.spread(text)
    }
}

/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014):
/// a tiny generator whose sequence is fixed by its seed, so a shuffle drawn from it is the same
/// on every run.
struct ShuffleGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
