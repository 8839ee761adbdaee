@testable import ChorusEvalKit
import Testing

@Suite("Bootstrap intervals")
struct BootstrapTests {
    @Test("the generator is SplitMix64: its published first outputs for seed 0")
    func generator() {
        var g = Bootstrap.Generator(seed: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
        #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test("the mean, and an interval around it that narrows with more questions")
    func interval() {
        let small = Array(repeating: [1.0, 0.0], count: 10).flatMap { $0 }  // 20 questions, 50%
        let large = Array(repeating: [1.0, 0.0], count: 200).flatMap { $0 }  // 400 questions, 50%
        let a = Bootstrap.interval(small), b = Bootstrap.interval(large)
        #expect(a.mean == 0.5 && b.mean == 0.5)
        #expect(a.low < 0.5 && a.high > 0.5)
        #expect(b.low > a.low && b.high < a.high)
        // Binomial standard error at n = 400 is 2.5 points: the 95% interval is about ±4.9.
        #expect(abs((b.high - b.low) - 0.098) < 0.02)
    }

    @Test("the same seed gives the same interval; the seed is used")
    func seeded() {
        let scores = (0..<50).map { Double($0 % 3 == 0 ? 1 : 0) }
        #expect(Bootstrap.interval(scores) == Bootstrap.interval(scores))
        // With 10 resamples the percentiles are single draws, so two seeds tell apart.
        let seeds = (1...5).map { Bootstrap.interval(scores, resamples: 10, seed: $0) }
        #expect(Set(seeds).count > 1)
    }

    @Test("all right or all wrong: no spread; no questions: zero")
    func degenerate() {
        #expect(Bootstrap.interval([1, 1, 1]) == .init(mean: 1, low: 1, high: 1))
        #expect(Bootstrap.interval([0, 0]) == .init(mean: 0, low: 0, high: 0))
        #expect(Bootstrap.interval([]) == .init(mean: 0, low: 0, high: 0))
    }

    @Test("paired difference: same indices for both, so shared questions cancel")
    func paired() throws {
        // a is right on 60 of 100 questions; b on the same 60 minus 5: a is better by 5 points
        // on exactly 5 questions and never worse. Paired, the interval is above zero; two
        // independent intervals (about ±10 points each) would overlap completely.
        let a = (0..<100).map { $0 < 60 ? 1.0 : 0.0 }
        let b = (0..<100).map { $0 < 55 ? 1.0 : 0.0 }
        let d = try #require(Bootstrap.pairedDifference(a, b))
        #expect(abs(d.mean - 0.05) < 1e-9)
        #expect(d.low > 0)
        #expect(d.high <= 0.11)
        let ia = Bootstrap.interval(a), ib = Bootstrap.interval(b)
        #expect(ia.low < ib.high)  // the separate intervals overlap
    }

    @Test("paired difference: identical strategies differ by exactly zero; lists of different lengths are refused")
    func pairedEdges() {
        let a = (0..<40).map { Double($0 % 2) }
        #expect(Bootstrap.pairedDifference(a, a) == .init(mean: 0, low: 0, high: 0))
        #expect(Bootstrap.pairedDifference(a, Array(a.dropLast())) == nil)
        #expect(Bootstrap.pairedDifference([], []) == .init(mean: 0, low: 0, high: 0))
    }
}
