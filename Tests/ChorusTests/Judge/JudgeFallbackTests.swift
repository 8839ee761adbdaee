import Chorus
import ChorusTestSupport
import Foundation
import Testing

/// A judge that names no answer in any pass: the run falls back to concatenation as before, and
/// the record and every view built from it say "the judge named no answer: concatenated", with
/// the judge's replies kept so a reader sees why (issue 15: it was counted as "judge failed", a
/// quiet concatenation on about half the local model's questions).
@Suite("Judge: no answer named, counted and shown")
struct JudgeFallbackTests {
    static func run(judge: [ScriptedModel.Step]) async -> RunRecord {
        let clock = ManualClock()
        let models = TestModels(clock: clock, workers: [[.text("Paris")], [.text("Lyon")], [.text("Paris")]], aggregator: judge)
        return await makeController(testPlan(workers: 3, strategy: .judge), models, clock).start()
    }

    @Test func theRecordSaysTheJudgeNamedNoAnswerAndKeepsItsReplies() async throws {
        let record = await Self.run(judge: [.text("They are all fine.")])
        let a = try #require(record.latestAggregation)
        #expect(record.status == .succeeded)
        #expect(a.fallbackUsed)
        #expect(record.output == "## Worker 1\n\nParis\n\n## Worker 2\n\nLyon\n\n## Worker 3\n\nParis")
        #expect(a.error == #"the judge named no answer: concatenated (2 passes replied: "They are all fine." / "They are all fine.")"#)
        #expect(a.warnings.first == "fallback: " + a.error!)
        #expect(a.judgeNamedNone)
        #expect(a.fallbackHeadline == "the judge named no answer: concatenated")
        #expect(a.howMade == a.error)
        #expect(a.usage != nil, "both calls were made and count")
        let judge = try #require(a.judge)
        #expect(judge.decision == JudgeRecord.Decision.none)
        #expect(judge.passes.map(\.reply) == ["They are all fine.", "They are all fine."])
        #expect(judge.passes.count == 2 && judge.passes[1].order == judge.passes[0].order.reversed())
        // The Markdown report: the strategy row and the note.
        let markdown = MarkdownReport.render(record)
        #expect(markdown.contains("| Strategy | judge (the judge named no answer: concatenated) |"))
        #expect(markdown.contains("> Note: the judge named no answer: concatenated (2 passes replied:"))
    }

    @Test func theJudgeBlockIsInTheJSONAndReadBack() async throws {
        let record = await Self.run(judge: [.text("They are all fine.")])
        let data = try record.jsonData(pretty: false)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let aggregation = try #require((object["aggregations"] as? [[String: Any]])?.last)
        let judge = try #require(aggregation["judge"] as? [String: Any])
        #expect(judge["decision"] as? String == "none")
        let passes = try #require(judge["passes"] as? [[String: Any]])
        #expect(passes.map { $0["reply"] as? String } == ["They are all fine.", "They are all fine."])
        #expect(passes.allSatisfy { ($0["order"] as? [Int])?.sorted() == [0, 1, 2] })
        #expect(passes.allSatisfy { $0["pick"] == nil && $0["worker"] == nil }, "no pick: the keys are left out")
        let decoded = try RunRecord.makeDecoder().decode(RunRecord.self, from: data)
        #expect(decoded.latestAggregation?.judge == record.latestAggregation?.judge)
    }

    @Test func aPickIsRecordedWithHowItWasMade() async throws {
        let record = await Self.run(judge: [.text(#"{"best": 1, "reason": "r"}"#)])
        let a = try #require(record.latestAggregation)
        #expect(!a.fallbackUsed)
        #expect(a.promptVersion == "judge-v3")
        let judge = try #require(a.judge)
        #expect(judge.passes.map(\.pick) == [1, 1])
        // Answer 1 in each order: the shuffled order's first worker, then the reversed order's.
        #expect(judge.passes.map(\.worker) == [judge.passes[0].order[0], judge.passes[1].order[0]])
        #expect(a.chosenWorker == judge.worker)
        #expect(a.howMade.hasPrefix("judge: the judge (agg) chose worker \(judge.worker! + 1)"))
    }

    @Test func otherStrategiesAndOlderRecordsHaveNoJudgeBlock() async throws {
        let clock = ManualClock()
        let models = TestModels(clock: clock, workers: [[.text("Paris")], [.text("Lyon")]])
        let record = await makeController(testPlan(workers: 2, strategy: .vote), models, clock).start()
        let text = String(decoding: try record.jsonData(pretty: false), as: UTF8.self)
        #expect(!text.contains("\"judge\""))
        #expect(record.latestAggregation?.judge == nil)
        // A judge record saved before issue 15 (no judge block) still reads.
        let old = #"{"strategy":"judge","status":"succeeded","output":"Paris","fallback_used":false,"inputs":[0,1],"chosen_worker":0,"reason":"most complete","prompt_version":"judge-v2","started_ms":0}"#
        let decoded = try JSONDecoder().decode(AggregationRecord.self, from: Data(old.utf8))
        #expect(decoded.judge == nil)
        #expect(decoded.howMade == "judge: the judge chose worker 1 (most complete)")
    }

    @Test func aJudgeWhoseModelFailedIsStillAFailureNotANoAnswer() async throws {
        let record = await Self.run(judge: [.fail(.init("HTTP 503 overloaded"))])
        let a = try #require(record.latestAggregation)
        #expect(a.fallbackUsed)
        #expect(a.error == "judge failed (agg: HTTP 503 overloaded); showing the answers concatenated")
        #expect(!a.judgeNamedNone)
        #expect(a.fallbackHeadline == "judge failed: fallback to concatenate")
        #expect(a.judge?.decision == .failed)
    }
}
