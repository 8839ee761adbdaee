import Chorus
import ChorusTestSupport
import Testing

/// Random mixes of outcomes and delays: every worker ends in exactly one terminal state, the
/// one its script implies, and the run follows the quorum rule exactly.
@Suite("Property: outcomes and quorum")
struct PropertyTests {
    enum Behaviour: CaseIterable { case answer, fail, hang, stall }

    @Test("random mixes", arguments: 1...40)
    func randomMix(seed: UInt64) async {
        var rng = SplitMix64(seed: seed)  // a failing seed can be replayed
        let n = Int.random(in: 1...8, using: &rng)
        var scripts: [[ScriptedModel.Step]] = []
        var expected: [AttemptStatus] = []
        for _ in 0..<n {
            // Half-second offsets keep every event off the 15 s deadline and the 10 s idle limit.
            let delay = Duration.milliseconds(500 + 1000 * Int.random(in: 0...19, using: &rng))
            switch Behaviour.allCases.randomElement(using: &rng)! {
            case .answer:
                scripts.append([.wait(delay), .text("x")])
                expected.append(delay < .seconds(15) ? .succeeded : .timedOut)
            case .fail:
                scripts.append([.wait(delay), .fail(.init("boom"))])
                expected.append(delay < .seconds(15) ? .failed : .timedOut)
            case .hang:
                scripts.append([.wait(delay), .hang])
                expected.append(.timedOut)
            case .stall:
                scripts.append([.wait(delay), .text("x"), .hang])
                expected.append(.timedOut)
            }
        }
        let clock = ManualClock()
        let models = TestModels(clock: clock, workers: scripts)
        let controller = makeController(testPlan(workers: n), models, clock)
        let run = Task { await controller.start() }
        #expect(await clock.waitForSleepers(2 * n))
        for _ in 0..<(2 * 30) { await clock.advance(by: .milliseconds(500)) }
        let record = await run.value

        #expect(record.workers.map(\.status) == expected, "seed \(seed)")
        for w in record.workers {
            #expect(w.attempts.count == 1)
            #expect(w.status?.isTerminal == true)
        }
        let succeeded = expected.filter { $0 == .succeeded }.count
        if succeeded == 0 {
            #expect(record.failure == .allFailed)
        } else if succeeded * 2 < n {
            #expect(record.failure == .quorumNotMet)
        } else {
            #expect(record.status == .succeeded)
            #expect(record.latestAggregation?.inputs.count == succeeded)
        }
    }
}
