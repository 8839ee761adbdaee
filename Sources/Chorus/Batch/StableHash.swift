/// A hash that is the same on every run and every machine.
///
/// Generated ids and shard membership are written down and compared later (a resumed batch, four
/// machines each taking a shard), so they cannot use Swift's `hashValue`, which is seeded
/// differently in every process.
public enum StableHash {
    /// 64-bit FNV-1a over the UTF-8 bytes: tiny, fast, and specified to the bit.
    public static func fnv1a64(_ s: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in s.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// `fnv1a64` as 16 lowercase hex digits, zero-padded so every hash has the same length.
    public static func hex(_ s: String) -> String {
        let digits = String(fnv1a64(s), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// `fnv1a64` with its bits mixed (the MurmurHash3 finalizer), for taking a remainder.
    ///
    /// FNV-1a's low bits depend only on the low bits of each byte (the multiply never carries
    /// high bits down), so `fnv1a64 % 2` is just the parity of the bytes: "task-a", "task-e",
    /// "task-i", "task-o", "task-u" all land in the same half. Mixing spreads every input bit
    /// into the low bits, so `% N` divides any set of ids evenly.
    public static func spread(_ s: String) -> UInt64 {
        var h = fnv1a64(s)
        h ^= h >> 33
        h &*= 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h &*= 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }
}
