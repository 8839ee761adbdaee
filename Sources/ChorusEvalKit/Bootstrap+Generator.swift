extension Bootstrap {
    /// SplitMix64 (Steele, Lea & Flood, "Fast Splittable Pseudorandom Number Generators",
    /// OOPSLA 2014; the constants of Java's `SplittableRandom`): small and seeded. The one
    /// implementation in the package: `ChorusTestSupport.SplitMix64` names this type (this target
    /// depends on nothing, so it holds it), so the eval's intervals are the same draws as before.
    public struct Generator: RandomNumberGenerator, Sendable {
        public var state: UInt64

        public init(seed: UInt64) { state = seed }

        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
