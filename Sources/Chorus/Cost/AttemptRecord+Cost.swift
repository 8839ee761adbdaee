extension AttemptRecord {
    /// The attempt with its cost at `pricing` (nil pricing or usage: no cost).
    func priced(by pricing: Pricing?) -> AttemptRecord {
        var copy = self
        copy.cost = pricing?.cost(of: usage)
        return copy
    }
}
