import Chorus
import ChorusTestSupport
import Testing

@Suite("Quorum and aggregation over every number of successes")
struct QuorumTests {
    static let cases: [(Int, Int)] = [1, 2, 3, 4, 5, 8].flatMap { n in (0...n).map { (n, $0) } }

    @Test("the quorum boundary is exact", arguments: cases)
    func boundary(n: Int, successes: Int) async {
        let clock = ManualClock()
        let scripts: [[ScriptedModel.Step]] = (0..<n).map { i in
            i < successes ? [.text("answer \(i)")] : [.fail(.init("HTTP 500 (worker \(i))"))]
        }
        let record = await makeController(testPlan(workers: n), TestModels(clock: clock, workers: scripts), clock).start()
        let required = (n + 1) / 2

        #expect(record.succeededCount == successes)
        if successes == 0 {
            #expect(record.status == .failed)
            #expect(record.failure == .allFailed)
            #expect(record.error?.hasPrefix("All \(n) worker\(n == 1 ? "" : "s") failed: ") == true)
            for i in 0..<n { #expect(record.error?.contains("worker \(i + 1): HTTP 500 (worker \(i))") == true) }
            #expect(record.output == nil)
            #expect(record.aggregations.isEmpty)
        } else if successes < required {
            #expect(record.status == .failed)
            #expect(record.failure == .quorumNotMet)
            #expect(record.error?.hasPrefix("Quorum not met: \(successes) of \(n) workers succeeded, \(required) needed.") == true)
            for i in successes..<n { #expect(record.error?.contains("worker \(i + 1): HTTP 500 (worker \(i))") == true) }
            #expect(record.output == nil)
        } else {
            #expect(record.status == .succeeded)
            #expect(record.failure == nil)
            #expect(record.latestAggregation?.inputs == Array(0..<successes))
            for i in 0..<successes { #expect(record.output?.contains("answer \(i)") == true) }
            #expect(record.output?.contains("HTTP 500") == false)
        }
    }
}
