import Chorus
import ChorusTestSupport
import Foundation
import Testing

/// Variant reruns (README "Variant reruns"): a worker rerun with other settings is kept next to
/// the original; the chosen variant is what the merge, the quorum and `RunRecord.answers` use.
@Suite("Variant reruns")
struct VariantRerunTests {
    /// Workers w0, w1 answer; "other" is the model a variant switches to; "agg" merges.
    func models(_ clock: ManualClock, other: [ScriptedModel.Step] = [.text("Lyon")]) -> TestModels {
        TestModels([
            "w0": ScriptedModel(clock: clock, steps: [.text("Paris")]),
            "w1": ScriptedModel(clock: clock, steps: [.text("Paris too")]),
            "other": ScriptedModel(clock: clock, steps: other),
            "agg": ScriptedModel(clock: clock, steps: [.text("merged")]),
        ])
    }

    func variantSpec(of record: RunRecord, worker: Int, model: String = "other", temperature: Double = 0) -> WorkerSpec {
        var spec = record.workers[worker].spec
        spec.model = ModelChoice(provider: "test", model: model)
        spec.temperature = temperature
        return spec
    }

    @Test("a rerun keeps the original next to the new variant, both with their settings, and merges the new one")
    func rerunKeepsBoth() async {
        let clock = ManualClock()
        let models = models(clock)
        let controller = makeController(testPlan(workers: 2), models, clock)
        let first = await controller.start()
        let record = await controller.rerun(worker: 1, with: variantSpec(of: first, worker: 1))
        let worker = record.workers[1]
        #expect(worker.variants.count == 2)
        #expect(worker.variants[0].spec.model.model == "w1")
        #expect(worker.variants[0].text == "Paris too")
        #expect(worker.variants[1].spec.model.model == "other")
        #expect(worker.variants[1].spec.temperature == 0)
        #expect(worker.variants[1].text == "Lyon")
        #expect(worker.chosen == 1)
        // The merge takes the chosen variant's answer.
        #expect(record.answers.map(\.text) == ["Paris", "Lyon"])
        #expect(record.output?.contains("Lyon") == true)
        #expect(record.output?.contains("Paris too") == false)
        #expect(record.aggregations.count == 2)
        #expect(models["w1"].calls == 1)
        #expect(models["other"].calls == 1)
        // A variant is the same worker: its index and label stay.
        #expect(worker.variants[1].spec.index == 1)
        #expect(worker.variants[1].spec.label == worker.variants[0].spec.label)
    }

    @Test("choosing the original back re-merges with its answer and calls no model")
    func chooseOriginal() async {
        let clock = ManualClock()
        let models = models(clock)
        let controller = makeController(testPlan(workers: 2), models, clock)
        let first = await controller.start()
        _ = await controller.rerun(worker: 1, with: variantSpec(of: first, worker: 1))
        let record = await controller.choose(worker: 1, variant: 0)
        #expect(record.workers[1].chosen == 0)
        #expect(record.answers.map(\.text) == ["Paris", "Paris too"])
        #expect(record.output?.contains("Paris too") == true)
        #expect(record.aggregations.count == 3)
        #expect(models["w1"].calls == 1)
        #expect(models["other"].calls == 1)
    }

    @Test("a failed rerun keeps the original chosen and the merge as it was; a retry inside the variant then chooses it")
    func failedRerunThenRetryInsideVariant() async {
        let clock = ManualClock()
        let flaky: @Sendable (ChatRequest, Int) -> [ScriptedModel.Step] = { _, call in
            call == 0 ? [.fail(.init("HTTP 502"))] : [.text("Lyon")]
        }
        let models = TestModels([
            "w0": ScriptedModel(clock: clock, steps: [.text("Paris")]),
            "w1": ScriptedModel(clock: clock, steps: [.text("Paris too")]),
            "other": ScriptedModel(clock: clock, script: flaky),
            "agg": ScriptedModel(clock: clock, steps: [.text("merged")]),
        ])
        let controller = makeController(testPlan(workers: 2), models, clock)
        let first = await controller.start()
        let failed = await controller.rerun(worker: 1, with: variantSpec(of: first, worker: 1))
        #expect(failed.workers[1].variants[1].status == .failed)
        #expect(failed.workers[1].chosen == 0)
        #expect(failed.aggregations.count == 1)  // nothing re-merged
        #expect(failed.output == first.output)
        // `retry(worker:)` retries the chosen variant, which succeeded: nothing runs.
        #expect(await controller.retry(worker: 1) == failed)
        // Choosing a variant with no answer is refused.
        #expect(await controller.choose(worker: 1, variant: 1) == failed)
        let retried = await controller.retry(worker: 1, variant: 1)
        #expect(retried.workers[1].variants[1].attempts.map(\.status) == [.failed, .succeeded])
        #expect(retried.workers[1].variants[1].attempts.map(\.number) == [1, 2])
        #expect(retried.workers[1].variants[0].attempts.count == 1)
        #expect(retried.workers[1].chosen == 1)
        #expect(retried.answers.map(\.text) == ["Paris", "Lyon"])
        #expect(models["other"].calls == 2)
    }

    @Test("retrying a variant whose latest attempt succeeded makes no call (idempotent per attempt)")
    func retrySucceededVariantIsNoOp() async {
        let clock = ManualClock()
        let models = models(clock)
        let controller = makeController(testPlan(workers: 2), models, clock)
        let first = await controller.start()
        let rerun = await controller.rerun(worker: 0, with: variantSpec(of: first, worker: 0))
        #expect(await controller.retry(worker: 0, variant: 0) == rerun)
        #expect(await controller.retry(worker: 0, variant: 1) == rerun)
        #expect(await controller.retry(worker: 0, variant: 7) == rerun)
        #expect(models["w0"].calls == 1)
        #expect(models["other"].calls == 1)
    }

    @Test("the events of a rerun: the record with the new variant first, then its attempt's events, then the merge")
    func rerunEvents() async {
        let clock = ManualClock()
        let log = EventLog()
        let controller = makeController(testPlan(workers: 2), models(clock), clock, events: log.sink)
        let first = await controller.start()
        let before = log.all.count
        _ = await controller.rerun(worker: 1, with: variantSpec(of: first, worker: 1))
        let events = Array(log.all.dropFirst(before))
        guard case .runUpdated(let announced) = events.first else {
            Issue.record("the first event was not runUpdated: \(String(describing: events.first))")
            return
        }
        #expect(announced.workers[1].variants.count == 2)
        #expect(events.contains(.workerStarted(worker: 1, attempt: 1)))
        #expect(events.contains { if case .aggregationFinished = $0 { true } else { false } })
    }

    @Test("both variants survive the JSON round trip with their settings and the choice; the flat keys are the chosen one's")
    func recordRoundTrip() async throws {
        let clock = ManualClock()
        let controller = makeController(testPlan(workers: 2), models(clock), clock)
        let first = await controller.start()
        let record = await controller.rerun(worker: 1, with: variantSpec(of: first, worker: 1))
        let data = try record.jsonData()
        let decoded = try RunRecord.makeDecoder().decode(RunRecord.self, from: data)
        #expect(decoded == record)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let workers = try #require(json["workers"] as? [[String: Any]])
        #expect(workers[0]["variants"] == nil)  // one variant: the record is as before
        #expect(workers[1]["chosen_variant"] as? Int == 1)
        #expect(workers[1]["model"] as? String == "other")
        #expect(workers[1]["text"] as? String == "Lyon")
        let variants = try #require(workers[1]["variants"] as? [[String: Any]])
        #expect(variants.count == 2)
        #expect((variants[0]["spec"] as? [String: Any])?["temperature"] as? Double == record.workers[1].variants[0].spec.temperature)
    }

    @Test("a record naming a variant it does not have is refused with a line naming the key")
    func badChosenVariant() async throws {
        let clock = ManualClock()
        let controller = makeController(testPlan(workers: 2), models(clock), clock)
        let first = await controller.start()
        let record = await controller.rerun(worker: 1, with: variantSpec(of: first, worker: 1))
        let text = try #require(String(data: try record.jsonData(), encoding: .utf8))
            .replacingOccurrences(of: "\"chosen_variant\" : 1", with: "\"chosen_variant\" : 5")
        #expect(throws: DecodingError.self) { try RunRecord.makeDecoder().decode(RunRecord.self, from: Data(text.utf8)) }
    }

    @Test("usage and cost count every variant's attempts")
    func totalsCountEveryVariant() async {
        let clock = ManualClock()
        let controller = makeController(testPlan(workers: 2), models(clock), clock)
        let first = await controller.start()
        let record = await controller.rerun(worker: 1, with: variantSpec(of: first, worker: 1))
        #expect(record.workers[1].allAttempts.count == 2)
        let perAttempt = record.workers.flatMap(\.allAttempts).compactMap(\.usage?.completionTokens).reduce(0, +)
        let aggregations = record.aggregations.compactMap(\.usage?.completionTokens).reduce(0, +)
        #expect(record.totalUsage.completionTokens == perAttempt + aggregations)
    }
}

/// A session file saved by main's `chorus run --save` before variants existed (Tests/Fixtures).
@Suite("Variant reruns: an older record")
struct VariantOldRecordTests {
    static var fixture: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/sessions/main-single-turn.json")
    }

    @Test("an older session decodes as one variant per worker, chosen, and encodes back byte for byte")
    func oldSessionUnchanged() throws {
        let data = try Data(contentsOf: Self.fixture)
        let record = try RunRecord.makeDecoder().decode(RunRecord.self, from: data)
        #expect(record.workers.map(\.variants.count) == [1, 1])
        #expect(record.workers.map(\.chosen) == [0, 0])
        #expect(record.answers.map(\.text) == ["four", "four"])
        let again = try record.jsonData()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        #expect(String(decoding: again, as: UTF8.self) == text)
    }
}

@Suite("Variant reruns: the Markdown report")
struct VariantReportTests {
    @Test("the report says which variant is merged and folds the other one with its settings and text")
    func reportShowsVariants() async {
        let clock = ManualClock()
        let models = TestModels([
            "w0": ScriptedModel(clock: clock, steps: [.text("Paris")]),
            "w1": ScriptedModel(clock: clock, steps: [.text("Paris too")]),
            "other": ScriptedModel(clock: clock, steps: [.text("Lyon")]),
            "agg": ScriptedModel(clock: clock, steps: [.text("merged")]),
        ])
        let controller = makeController(testPlan(workers: 2), models, clock)
        let first = await controller.start()
        var spec = first.workers[1].spec
        spec.model = ModelChoice(provider: "test", model: "other")
        spec.temperature = 0
        let record = await controller.rerun(worker: 1, with: spec)
        let report = MarkdownReport.render(record)
        #expect(report.contains("Variant 2 of 2 is merged."))
        #expect(report.contains("<details><summary>Variant 1 (not merged): succeeded</summary>"))
        #expect(report.contains("- Settings: temperature 1.00 · model test/w1"))
        #expect(report.contains("> Paris too"))
        // One variant: nothing added.
        #expect(!MarkdownReport.render(first).contains("Variant "))
    }
}
