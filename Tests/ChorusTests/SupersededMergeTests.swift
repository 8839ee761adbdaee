import Chorus
import ChorusTestSupport
import Foundation
import Testing

/// Issue 14 follow-up: a new merge (`p`, `s`, a retried worker finishing) that starts while one
/// runs supersedes it. The superseded one is kept in the record marked `superseded` (not a user
/// cancel, not a failure, no fallback answer), is never the run's answer, and is never reported
/// to observers as a finished merge (which the UI showed as the final answer for 15 s).
@Suite("Superseded merges")
struct SupersededMergeTests {
    @Test("p during a running merge: the first is recorded as superseded, only the second reports and answers")
    func acceptPartialSupersedes() async throws {
        let clock = ManualClock()
        let scripts: [[ScriptedModel.Step]] = [[.text("Paris")], [.text("The capital "), .text("is Par"), .hang], [.text("Paris.")]]
        let models = TestModels(clock: clock, workers: scripts, aggregator: [.hang])
        let log = EventLog()
        let controller = makeController(testPlan(workers: 3, strategy: .synthesize), models, clock, events: log.sink)
        let run = Task { await controller.start() }
        #expect(await log.waitFor { if case .workerChunk(1, 1, "is Par") = $0 { true } else { false } })
        await clock.advance(by: .seconds(10))  // worker 2 stalls past its idle limit: partial
        #expect(await log.waitFor { if case .aggregationStarted = $0 { true } else { false } })
        #expect(await eventually { models["agg"].requests.count == 1 })

        let accept = Task { await controller.acceptPartial(worker: 1) }
        #expect(await eventually { models["agg"].requests.count == 2 })
        _ = await run.value  // the first merge was superseded: start returns without an answer of its own
        await controller.cancelAggregation()
        let record = await accept.value

        #expect(record.aggregations.count == 2)
        let first = record.aggregations[0]
        #expect(first.superseded)
        #expect(!first.cancelled, "superseded is not a user cancel")
        #expect(!first.fallbackUsed, "and not a failure with a fallback answer")
        #expect(first.output == nil)
        #expect(!first.warnings.contains { $0.hasPrefix("fallback") })
        #expect(first.howMade.contains("superseded"))
        let second = try #require(record.latestAggregation)
        #expect(!second.superseded)
        #expect(second.cancelled)
        #expect(second.inputs == [0, 1, 2])
        #expect(second.partialInputs == [1])
        // Observers saw one finished merge: the second.
        let finished = log.all.compactMap { if case .aggregationFinished(let a) = $0 { a } else { nil } }
        #expect(finished.count == 1)
        #expect(finished.first?.superseded == false)
        #expect(finished.first?.partialInputs == [1])

        // The session JSON keeps it; an older record without the field still decodes.
        let data = try JSONEncoder().encode(record)
        #expect(String(decoding: data, as: UTF8.self).contains(#""superseded":true"#))
        let back = try JSONDecoder().decode(RunRecord.self, from: data)
        #expect(back.aggregations[0].superseded)
        #expect(back.latestAggregation == second)
        let plain = String(decoding: try JSONEncoder().encode(second), as: UTF8.self)
        #expect(!plain.contains("superseded"))
        // The Markdown report lists it as superseded, and the answer as the cancelled merge.
        let markdown = MarkdownReport.render(record)
        #expect(markdown.contains("| 1 | synthesize | superseded |"))
        #expect(markdown.contains("| 2 | synthesize | merge cancelled |"))
    }

    @Test("a superseded record filed after the newer one ended is still not the answer")
    func latestSkipsSuperseded() {
        var record = RunRecord(plan: testPlan(workers: 2), startedAt: fixedDate)
        var newer = AggregationRecord(strategy: .vote, status: .succeeded, output: "Paris", inputs: [0, 1], tally: Tally(groups: []), startedMs: 10)
        newer.reason = "2 of 2 agree"
        var older = AggregationRecord(strategy: .synthesize, status: .succeeded, inputs: [0, 1], tally: Tally(groups: []), startedMs: 5)
        older.superseded = true
        record.aggregations = [newer, older]
        record.status = .succeeded
        #expect(record.latestAggregation == newer)
        #expect(record.output == "Paris")
        #expect(record.strategy == .vote)
    }
}
