/// Durations as the run record stores them: whole milliseconds.
///
/// Every duration in the record (a worker's `timeout_ms`, the aggregator's `timeout_ms`, ...) is
/// written and read through these helpers, so the unit and the rounding are decided once.
extension Duration {
    /// Whole milliseconds, rounded down; what the record stores.
    public var milliseconds: Int64 {
        let (s, atto) = components
        return s * 1000 + atto / 1_000_000_000_000_000
    }

    /// Seconds as a Double, for display and ratios.
    public var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}

extension KeyedEncodingContainer {
    /// Writes `duration` as whole milliseconds (a JSON integer), the record's unit.
    mutating func encodeMilliseconds(_ duration: Duration, forKey key: Key) throws {
        try encode(duration.milliseconds, forKey: key)
    }
}

extension KeyedDecodingContainer {
    /// Reads a duration written by `encodeMilliseconds`.
    func decodeMilliseconds(forKey key: Key) throws -> Duration {
        .milliseconds(try decode(Int64.self, forKey: key))
    }

    /// Reads a duration written by `encodeMilliseconds`, or `nil` when an older record has none.
    func decodeMillisecondsIfPresent(forKey key: Key) throws -> Duration? {
        try decodeIfPresent(Int64.self, forKey: key).map { .milliseconds($0) }
    }
}
