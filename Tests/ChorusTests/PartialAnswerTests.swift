import Chorus
import ChorusTestSupport
import Foundation
import Testing

/// Issue 14: text a person saw is never thrown away. A worker that stops mid-answer keeps its
/// text in the record; the user may accept it into the merge (`acceptPartial`), which merges
/// again without re-running, and the record says so.
@Suite("Partial answers")
struct PartialAnswerTests {
    /// Worker 1 streams two pieces, then stalls past its idle limit: a partial answer.
    func stalledRun(workers: Int = 3) async -> (RunController, ManualClock, TestModels) {
        let clock = ManualClock()
        var scripts: [[ScriptedModel.Step]] = [[.text("Paris")], [.text("The capital "), .text("is Par"), .hang]]
        if workers > 2 { scripts.append([.fail(ScriptedModel.ScriptedError("HTTP 500"))]) }
        let models = TestModels(clock: clock, workers: scripts, aggregator: [.text("merged")])
        let log = EventLog()
        let controller = makeController(testPlan(workers: workers, strategy: .synthesize), models, clock, events: log.sink)
        let run = Task { await controller.start() }
        // Both pieces arrived (at time zero) before the clock moves: the idle limit counts from there.
        #expect(await log.waitFor { if case .workerChunk(1, 1, "is Par") = $0 { true } else { false } })
        await clock.advance(by: .seconds(10))
        _ = await run.value
        return (controller, clock, models)
    }

    @Test("a stalled worker's text is kept in the record, with the limit that fired")
    func textIsKept() async {
        let (controller, _, _) = await stalledRun()
        let attempt = await controller.record.workers[1].latest!
        #expect(attempt.status == .timedOut)
        #expect(attempt.text == "The capital is Par")
        #expect(attempt.isPartial)
        #expect(!attempt.acceptedPartial)
        #expect(attempt.timeoutLimit == .idle)
        #expect(attempt.timeoutSummary == "idle timeout 10 s (stalled)")
        // Not accepted: 1 of 3 answered, the quorum (2) is not met, and the partial is no input.
        #expect(await controller.record.status == .failed)
    }

    @Test("accepting a partial answer merges it without re-running, and the quorum counts it")
    func acceptMerges() async {
        let (controller, _, models) = await stalledRun()
        let record = await controller.acceptPartial(worker: 1)
        #expect(record.workers[1].attempts.count == 1)  // nothing re-ran
        #expect(record.workers[1].latest?.acceptedPartial == true)
        #expect(record.status == .succeeded)
        #expect(record.answeredCount == 2)
        #expect(record.succeededCount == 1)
        let aggregation = record.latestAggregation!
        #expect(aggregation.inputs == [0, 1])
        #expect(aggregation.partialInputs == [1])
        #expect(aggregation.warnings.contains { $0.hasPrefix("worker 2's answer is partial") })
        #expect(aggregation.dropped.map(\.index) == [2])
        #expect(models["w1"].requests.count == 1)
        // The aggregator saw the partial text as it was.
        #expect(models["agg"].requests.last!.messages.last!.content.contains("The capital is Par"))
        // Accepting again changes nothing.
        let again = await controller.acceptPartial(worker: 1)
        #expect(again.aggregations.count == record.aggregations.count)
    }

    @Test("a worker with nothing partial cannot be accepted: a success, or a failure with no text")
    func nothingToAccept() async {
        let (controller, _, _) = await stalledRun()
        let before = await controller.record
        #expect(await controller.acceptPartial(worker: 0) == before)
        #expect(await controller.acceptPartial(worker: 2) == before)
        #expect(await controller.acceptPartial(worker: 7) == before)
    }

    @Test("the new fields round-trip, and an older record without them decodes")
    func recordFields() throws {
        var attempt = AttemptRecord(number: 1, status: .timedOut, text: "half", error: "stalled: no text for 10s", startedMs: 0)
        #expect(attempt.firedLimit == .idle)  // read from the error: an older record
        attempt.timeoutLimit = .total
        attempt.acceptedPartial = true
        let data = try JSONEncoder().encode(attempt)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains(#""accepted_partial":true"#))
        #expect(json.contains(#""timeout_limit":"total""#))
        let back = try JSONDecoder().decode(AttemptRecord.self, from: data)
        #expect(back == attempt)
        let old = #"{"attempt":1,"status":"timed_out","text":"x","error":"no response after 2m: the server","started_ms":0,"chunks":1,"provider_retries":[]}"#
        let decoded = try JSONDecoder().decode(AttemptRecord.self, from: Data(old.utf8))
        #expect(!decoded.acceptedPartial)
        #expect(decoded.timeoutLimit == nil)
        #expect(decoded.firedLimit == .head)
        let plain = String(decoding: try JSONEncoder().encode(AttemptRecord(number: 1, status: .succeeded, startedMs: 0)), as: UTF8.self)
        #expect(!plain.contains("accepted_partial"))
        #expect(!plain.contains("timeout_limit"))
    }
}

@Suite("Cancelling the merge")
struct MergeCancelTests {
    @Test("a cancelled merge falls back as a failed one does, says so, and a later merge runs again")
    func cancelFallsBack() async {
        let clock = ManualClock()
        let models = TestModels(clock: clock, workers: [[.text("Paris")], [.text("Lyon")]], aggregator: [.hang])
        let log = EventLog()
        let controller = makeController(testPlan(workers: 2, strategy: .synthesize), models, clock, events: log.sink)
        let run = Task { await controller.start() }
        #expect(await log.waitFor { if case .aggregationStarted = $0 { true } else { false } })
        #expect(await eventually { models["agg"].requests.count == 1 })
        await controller.cancelAggregation()
        let record = await run.value
        let aggregation = record.latestAggregation!
        #expect(aggregation.cancelled)
        #expect(aggregation.fallbackUsed)
        #expect(aggregation.output == Concatenate.join(record.answers))
        #expect(aggregation.error?.contains("cancelled by the user") == true)
        #expect(aggregation.warnings.first?.hasPrefix("fallback: synthesize cancelled by the user") == true)
        #expect(record.status == .succeeded)
        // `s` later merges again (a vote calls no model).
        let again = await controller.reaggregate(strategy: .vote)
        #expect(again.aggregations.count == 2)
        #expect(!again.latestAggregation!.cancelled)
    }

    @Test("cancelling when no merge runs does nothing")
    func cancelIdle() async {
        let clock = ManualClock()
        let models = TestModels(clock: clock, workers: [[.text("Paris")], [.text("Paris")]])
        let controller = makeController(testPlan(workers: 2), models, clock)
        await controller.cancelAggregation()
        let record = await controller.start()
        #expect(record.latestAggregation?.cancelled == false)
    }
}
