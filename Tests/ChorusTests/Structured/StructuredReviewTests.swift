@testable import Chorus
import ChorusTestSupport
import Foundation
import Testing

/// Issue 18 (a new user's findings): a schema run counts only validated objects. An answer that
/// finished and failed the schema is a failure (retried with `r`), never a partial answer; a
/// partial answer cannot be accepted into a schema run; and a merge over fewer objects than the
/// quorum is never trusted without review.
@Suite("Structured runs: failures, partials, quorum")
struct StructuredReviewTests {
    static let schema = try! StructuredSchema(concise: "label: positive|negative|neutral")

    func plan(workers: Int, strategy: StrategyName = .vote) -> Plan {
        var plan = testPlan(workers: workers, strategy: strategy, task: "Classify: fine.")
        for i in plan.workers.indices { plan.workers[i].schema = Self.schema }
        return plan
    }

    @Test("an answer that finished but failed the schema is a failure, not partial, and cannot be accepted")
    func schemaFailureIsNotPartial() async {
        let clock = ManualClock()
        let bad = ScriptedModel.Step.text(#"{"label":"happy"}"#)
        let models = TestModels(
            clock: clock, workers: [[.text(#"{"label":"positive"}"#)], [bad], [bad], [bad], [bad]])
        let controller = makeController(plan(workers: 5), models, clock)
        let record = await controller.start()
        for i in 1...4 {
            let attempt = record.workers[i].latest!
            #expect(attempt.status == .failed)
            #expect(attempt.schemaInvalid)
            #expect(!attempt.isPartial)
            #expect(attempt.status.isRetryable)
        }
        #expect(!record.workers[0].latest!.schemaInvalid)
        // 1 validated object of 5: the quorum (3) is not met, so there is no answer to trust.
        #expect(record.status == .failed)
        #expect(record.failure == .quorumNotMet)
        for i in 1...3 { _ = await controller.acceptPartial(worker: i) }
        let after = await controller.record
        #expect(after.status == .failed)
        #expect(after.answeredCount == 1)
        #expect(after.workers.allSatisfy { !($0.latest?.acceptedPartial ?? false) })
        // The flag is in the record, written only when set; older records decode without it.
        let json = String(decoding: try! after.jsonData(pretty: false), as: UTF8.self)
        #expect(json.contains(#""schema_invalid":true"#))
        let decoded = try! RunRecord.makeDecoder().decode(RunRecord.self, from: after.jsonData())
        #expect(decoded.workers[1].latest?.schemaInvalid == true)
        #expect(decoded.workers[0].latest?.schemaInvalid == false)
    }

    @Test("a schema run's partial answer (stalled mid-stream) is partial but cannot be accepted")
    func partialCannotBeAccepted() async {
        let clock = ManualClock()
        let models = TestModels(
            clock: clock,
            workers: [[.text(#"{"label":"positive"}"#)], [.text(#"{"label":"pos"#), .hang], [.fail(ScriptedModel.ScriptedError("HTTP 500"))]])
        let log = EventLog()
        let controller = makeController(plan(workers: 3), models, clock, events: log.sink)
        let run = Task { await controller.start() }
        #expect(await log.waitFor { if case .workerChunk(1, 1, _) = $0 { true } else { false } })
        await clock.advance(by: .seconds(10))
        _ = await run.value
        let record = await controller.acceptPartial(worker: 1)
        #expect(record.workers[1].latest?.isPartial == true)
        #expect(record.workers[1].latest?.acceptedPartial == false)
        #expect(record.status == .failed)
        #expect(record.answeredCount == 1)
    }

    @Test("a saved schema run whose partials were accepted (before the rule) counts only validated objects")
    func olderRecordAcceptedPartials() async throws {
        let clock = ManualClock()
        let bad = ScriptedModel.Step.text(#"{"label":"happy"}"#)
        let models = TestModels(clock: clock, workers: [[.text(#"{"label":"positive"}"#)], [bad], [bad], [bad], [bad]])
        var record = await makeController(plan(workers: 5), models, clock).start()
        // What the old `p` wrote: accepted_partial on failed answers.
        for i in 1...3 { record.workers[i].attempts[0].acceptedPartial = true; record.workers[i].attempts[0].schemaInvalid = false }
        #expect(record.answeredCount == 1)
        #expect(record.quorumFailure()?.kind == .quorumNotMet)
        #expect(record.answers.map(\.worker) == [0])
    }

    @Test("a per-field merge over fewer objects than the quorum is flagged needs_review, named")
    func underQuorumNeedsReview() async {
        // One object of three workers (two left out): each field reads 1/1, yet that is one
        // worker of three, under the quorum of 2.
        let answer = Answer(worker: 0, label: "1", text: #"{"label":"positive"}"#, object: .object(["label": .string("positive")]))
        let dropped = [1, 2].map { AggregationRecord.DroppedWorker(index: $0, status: .failed, reason: "schema") }
        var input = AggregationInput(task: "t", answers: [answer], dropped: dropped, strategy: .vote)
        input.schema = Self.schema
        let call = AggregatorFallback(chain: [], spec: plan(workers: 1).aggregator, events: nil)
        let result = await StructuredMerge(schema: Self.schema, strategy: .vote).run(input, call: call)
        #expect(result.outcome.field("label")?.agreementText == "1/1")
        #expect(result.outcome.needsReview)
        #expect(result.outcome.reviewReason == "only 1 of 3 workers gave a valid object; the quorum is 2")
        #expect(result.outcome.reviewFields == ["label"])
        #expect(result.outcome.reviewLine == "needs review: only 1 of 3 workers gave a valid object; the quorum is 2")
        #expect(result.reason.hasSuffix("; needs review: only 1 of 3 workers gave a valid object; the quorum is 2"))

        // At the quorum (2 of 3) the flag is the fields' alone.
        let two = [0, 1].map { Answer(worker: $0, label: "\($0 + 1)", text: "", object: .object(["label": .string("positive")])) }
        var met = AggregationInput(task: "t", answers: two, dropped: [dropped[1]], strategy: .vote)
        met.schema = Self.schema
        let ok = await StructuredMerge(schema: Self.schema, strategy: .vote).run(met, call: call)
        #expect(!ok.outcome.needsReview)
        #expect(ok.outcome.reviewReason == nil)
    }
}
