/// One part of a batch split across machines or processes: `--shard K/N` runs the items whose
/// id falls in part K of N.
///
/// Membership depends only on the id, never on the item's position or the machine, so N
/// processes given the same input each take a disjoint part and together take every item, and
/// a shard that is re-run takes the same items again.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// K, from 1.
    public let index: Int
    /// N, the number of shards.
    public let count: Int

    public init(index: Int, count: Int) throws(BatchInputError) {
        guard count >= 1 else {
            throw BatchInputError("--shard \(index)/\(count): N must be at least 1, e.g. 1/4")
        }
        guard (1...count).contains(index) else {
            throw BatchInputError("--shard \(index)/\(count): K must be from 1 to N, e.g. 1/4")
        }
        self.index = index
        self.count = count
    }

    /// Reads "K/N", the form `--shard` takes.
    public init(parsing text: String) throws(BatchInputError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Self.number(parts[0]), let n = Self.number(parts[1]) else {
            throw BatchInputError("--shard \(text): expected K/N (this process takes part K of N), e.g. 1/4")
        }
        try self.init(index: k, count: n)
    }

    /// Whether the item with this id belongs to this shard. Uses `StableHash.spread`, not the
    /// bare FNV-1a, so even ids that differ in one letter divide evenly (see there).
    public func contains(_ id: String) -> Bool {
        StableHash.spread(id) % UInt64(count) == UInt64(index - 1)
    }

    public var description: String { "\(index)/\(count)" }

    /// Plain decimal digits only: `Int("+1")` would accept a sign, and a shard number never has one.
    private static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return Int(text)
    }
}
