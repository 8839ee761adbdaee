import Chorus
import Testing

/// The traits the engine, the aggregator and the UI ask a strategy about, as each strategy states
/// them (the early quorum, the judge's self-preference warning, the "judge's pick" wording).
@Suite("Strategy traits")
struct StrategyTraitsTests {
    @Test("which strategies call a model, count agreement, or let a model pick an answer")
    func traits() {
        let all = StrategyName.allCases
        #expect(all.filter(\.callsModel) == [.auto, .synthesize, .judge])
        #expect(all.filter(\.countsAgreement) == [.auto, .vote])
        #expect(all.filter(\.modelPicksAnswer) == [.judge])
    }
}
