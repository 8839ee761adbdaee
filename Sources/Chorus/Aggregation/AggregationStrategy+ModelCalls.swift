// `AggregationStrategy.mostModelCalls`, stated by each strategy in one place so the cost
// estimate (`RunEstimate`) asks the strategy, never its name, how many aggregator calls to count.

extension Auto {
    /// Votes (no call) or synthesizes (one call).
    public var mostModelCalls: Int { 1 }
}

extension Synthesize {
    /// One call that merges every answer.
    public var mostModelCalls: Int { 1 }
}

extension Concatenate {
    public var mostModelCalls: Int { 0 }
}

extension Vote {
    public var mostModelCalls: Int { 0 }
}

extension Judge {
    /// One call per pass: a shuffled order, then its reverse (`passes`, 2 by default).
    public var mostModelCalls: Int { passes }
}
