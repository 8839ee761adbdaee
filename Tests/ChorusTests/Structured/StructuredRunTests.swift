import Chorus
import ChorusTestSupport
import Foundation
import Testing

/// Runs with a schema through the real engine (scripted models): workers validated as they
/// finish, failures retried, the per-field merge in the record.
@Suite("Structured runs")
struct StructuredRunTests {
    static let schema = try! StructuredSchema(concise: "label: positive|negative|neutral, confidence float 0..1")

    func plan(workers: Int, strategy: StrategyName = .auto, min: MinAgreement? = nil) -> Plan {
        var plan = testPlan(workers: workers, strategy: strategy, task: "Classify: I love it.")
        for i in plan.workers.indices { plan.workers[i].schema = Self.schema }
        plan.aggregator.minAgreement = min
        return plan
    }

    @Test("each worker's request carries the schema as the JSON Schema sent to providers")
    func requestCarriesSchema() {
        let request = plan(workers: 1).workers[0].request(task: "t")
        #expect(request.responseSchema == Self.schema.responseSchema)
        #expect(testPlan(workers: 1).workers[0].request(task: "t").responseSchema == nil)
    }

    @Test("a worker whose answer does not validate fails with the first violation, and a retry can succeed")
    func invalidThenRetried() async {
        let clock = ManualClock()
        let models = TestModels([
            "w0": ScriptedModel(clock: clock, steps: [.text(#"{"label":"positive","confidence":0.9}"#)]),
            "w1": ScriptedModel(clock: clock) { _, call in
                [.text(call == 0 ? #"{"label":"happy","confidence":0.9}"# : #"{"label":"positive","confidence":0.8}"#)]
            },
            "w2": ScriptedModel(clock: clock, steps: [.text("```json\n{\"label\":\"negative\",\"confidence\":0.6}\n```")]),
            "agg": ScriptedModel(clock: clock, steps: [.text("unused")]),
        ])
        let controller = makeController(plan(workers: 3), models, clock)
        let first = await controller.start()
        #expect(first.workers[1].status == .failed)
        #expect(first.workers[1].error == #"schema: label: "happy" is not one of positive|negative|neutral"#)
        #expect(first.workers[1].latest?.object == nil)
        #expect(first.workers[2].latest?.object == .object(["label": .string("negative"), "confidence": .number(0.6)]))
        // Two valid answers split 1-1: a tie, flagged.
        #expect(first.status == .succeeded)
        #expect(first.structured?.field("label")?.agreeing == 1)
        #expect(first.needsReview)
        #expect(first.structured?.reviewFields == ["label", "confidence"])

        let second = await controller.retry(worker: 1)
        #expect(second.workers[1].attempts.map(\.status) == [.failed, .succeeded])
        let outcome = second.structured
        #expect(outcome?.object == .object(["label": .string("positive"), "confidence": .number(0.9)]))
        #expect(outcome?.field("label")?.agreeing == 2)
        #expect(outcome?.field("label")?.dissenters == [2])
        #expect(second.latestAggregation?.output == "{\n  \"label\": \"positive\",\n  \"confidence\": 0.9\n}")
        #expect(models["agg"].calls == 0)  // enums and numbers are counted, never written by a model
    }

    @Test("an answer that is not JSON fails, named; the others are merged and the record says who")
    func notJSON() async {
        let clock = ManualClock()
        let ok = ScriptedModel.Step.text(#"{"label":"neutral","confidence":0.5}"#)
        let models = TestModels(clock: clock, workers: [[ok], [.text("It is neutral, I think.")], [ok]])
        let record = await makeController(plan(workers: 3, strategy: .vote), models, clock).start()
        #expect(record.workers[1].error?.hasPrefix("schema: the answer is not a JSON object") == true)
        #expect(record.structured?.field("label")?.agreementText == "2/2")
        #expect(record.structured?.workers == [0, 2])
        #expect(!record.needsReview)
        #expect(record.latestAggregation?.warnings.contains { $0.contains("1 of 3 workers left out") } == true)
    }

    @Test("JSON cut at max tokens fails naming the cut and what to raise")
    func cutJSON() async {
        let clock = ManualClock()
        let ok = ScriptedModel.Step.text(#"{"label":"neutral","confidence":0.5}"#)
        var plan = plan(workers: 2, strategy: .vote)
        plan.workers[1].maxTokens = 8
        let factory: ModelFactory = { choice in
            choice.model == "w1" ? CutModel(text: #"{"label":"neutral","confid"#) : ScriptedModel(clock: clock, steps: [ok])
        }
        let record = await RunController(plan: plan, models: factory, clock: clock, now: { fixedDate }).start()
        #expect(
            record.workers[1].error
                == "schema: the answer is not a JSON object (invalid JSON): {\"label\":\"neutral\",\"confid; the answer was cut at max tokens (8): raise --max-tokens")
        #expect(record.status == .succeeded)
    }

    @Test("--min-agreement 3 flags a 2-of-3 answer; the answer is kept all the same")
    func minAgreementCount() async {
        let clock = ManualClock()
        let models = TestModels(
            clock: clock,
            workers: [
                [.text(#"{"label":"positive","confidence":0.9}"#)], [.text(#"{"label":"positive","confidence":0.9}"#)],
                [.text(#"{"label":"negative","confidence":0.9}"#)],
            ])
        let record = await makeController(plan(workers: 3, strategy: .vote, min: .count(3)), models, clock).start()
        #expect(record.needsReview)
        #expect(record.structured?.reviewFields == ["label"])
        #expect(record.structured?.object["label"] == .string("positive"))
        #expect(record.structured?.reviewLine == "needs review: agreement under at least 3 answers on label (2/3)")
    }

    @Test("switching strategy re-merges per field: judge takes the judge's pick for every field")
    func reaggregateJudge() async {
        let clock = ManualClock()
        var models = TestModels(
            clock: clock,
            workers: [
                [.text(#"{"label":"positive","confidence":0.9}"#)], [.text(#"{"label":"positive","confidence":0.9}"#)],
                [.text(#"{"label":"negative","confidence":0.4}"#)],
            ])
        models.byName["agg"] = judgePicking("negative", reason: "it reads the irony", clock: clock)
        let controller = makeController(plan(workers: 3, strategy: .vote), models, clock)
        _ = await controller.start()
        let record = await controller.reaggregate(strategy: .judge)
        #expect(record.latestAggregation?.strategy == .judge)
        #expect(record.structured?.object["label"] == .string("negative"))
        #expect(record.structured?.field("label")?.method == .judged)
        #expect(record.latestAggregation?.chosenWorker == 2)
        #expect(record.needsReview)
    }

    @Test("a saved run reopened keeps its schema: switching strategy still merges per field")
    func reopened() async throws {
        let clock = ManualClock()
        let models = TestModels(
            clock: clock,
            workers: [
                [.text(#"{"label":"positive","confidence":0.9}"#)], [.text(#"{"label":"negative","confidence":0.9}"#)],
                [.text(#"{"label":"negative","confidence":0.9}"#)],
            ])
        let saved = await makeController(plan(workers: 3, strategy: .vote), models, clock).start()
        let data = try saved.jsonData(pretty: false)
        let loaded = try RunRecord.makeDecoder().decode(RunRecord.self, from: data)
        let reopened = RunController(record: loaded, models: models.factory, clock: clock, now: { fixedDate })
        let record = await reopened.reaggregate(strategy: .concatenate)
        #expect(record.latestAggregation?.strategy == .concatenate)
        #expect(record.structured?.object["label"] == .string("negative"))
        #expect(record.structured?.field("label")?.agreementText == "2/3")
        let calls: [Int] = [models["w0"].calls, models["w1"].calls, models["w2"].calls]
        #expect(calls == [1, 1, 1])  // the kept answers are re-merged, no worker is called again
    }

    @Test("one answer is its own object, 1 of 1")
    func oneAnswer() async {
        let clock = ManualClock()
        let models = TestModels(clock: clock, workers: [[.text(#"{"label":"positive","confidence":1}"#)]])
        let record = await makeController(plan(workers: 1), models, clock).start()
        #expect(record.structured?.field("label")?.method == .single)
        #expect(record.structured?.object["confidence"] == .number(1))
        #expect(record.latestAggregation?.chosenWorker == 0)
    }

    @Test("the record round-trips with its structured outcome, the worker's object and the schema")
    func recordRoundTrip() async throws {
        let clock = ManualClock()
        let models = TestModels(
            clock: clock, workers: [[.text(#"{"label":"positive","confidence":0.9}"#)], [.text(#"{"label":"positive","confidence":0.7}"#)]])
        let record = await makeController(plan(workers: 2, strategy: .vote, min: .fraction(0.6)), models, clock).start()
        let data = try record.jsonData(pretty: false)
        let text = String(decoding: data, as: UTF8.self)
        // confidence is not a measurement: 0.9 and 0.7 are a 1-1 tie, under 60%.
        #expect(text.contains(#""needs_review":true"#))
        #expect(text.contains(#""review_fields":["confidence"]"#))
        #expect(record.latestAggregation?.tally.groups.count == 2)
        #expect(text.contains(#""min_agreement":"0.6""#))
        let back = try RunRecord.makeDecoder().decode(RunRecord.self, from: data)
        #expect(back == record)
        #expect(back.schema == Self.schema)
    }

    @Test("older records decode: no structured, object, schema or min_agreement keys; free-text runs write none")
    func oldRecords() async throws {
        let old = #"{"strategy":"vote","status":"succeeded","output":"Paris","inputs":[0,1],"tally":{"groups":[]},"started_ms":0}"#
        let aggregation = try JSONDecoder().decode(AggregationRecord.self, from: Data(old.utf8))
        #expect(aggregation.structured == nil)
        let spec = #"{"strategy":"auto","model":{"provider":"p","model":"m"},"temperature":0.2,"timeout_ms":45000}"#
        #expect(try JSONDecoder().decode(AggregatorSpec.self, from: Data(spec.utf8)).minAgreement == nil)

        let clock = ManualClock()
        let models = TestModels(clock: clock, workers: [[.text("Paris")], [.text("Paris")]])
        let record = await makeController(testPlan(workers: 2, strategy: .vote), models, clock).start()
        let text = String(decoding: try record.jsonData(pretty: false), as: UTF8.self)
        for key in ["structured", "\"object\"", "\"schema\"", "min_agreement"] { #expect(!text.contains(key)) }
        #expect(record.structured == nil)
        #expect(!record.needsReview)
    }
}

/// A model whose answer stops at its token limit (stop reason `length`), as a provider reports it.
struct CutModel: ChatModel {
    var text: String
    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatChunk, any Error> {
        AsyncThrowingStream { continuation in
            continuation.yield(.text(text))
            continuation.yield(.stop(reason: "length"))
            continuation.finish()
        }
    }
}
