import ChorusEvalKit

/// A small seeded random number generator (SplitMix64), so a property test or an evaluation
/// that draws random numbers gives the same draws again for the same seed. One implementation:
/// the eval kit's (`ChorusEvalKit` depends on no target, so it holds it and this names it).
public typealias SplitMix64 = Bootstrap.Generator
