import Chorus
import ChorusTestSupport
import Foundation
import Testing

@Suite("Run record JSON")
struct RunRecordTests {
    func sampleRecord() async -> RunRecord {
        let clock = ManualClock()
        let models = TestModels(
            clock: clock, workers: [[.text("Paris")], [.fail(.init("HTTP 500"))], [.text("paris"), .usage(TokenUsage(promptTokens: 5, completionTokens: 1))]],
            aggregator: [.text("Paris.")])
        return await makeController(testPlan(workers: 3, strategy: .synthesize), models, clock).start()
    }

    @Test("the keys DESIGN.md's contract names are there, with their types")
    func contractKeys() async throws {
        let record = await sampleRecord()
        let json = try #require(try JSONSerialization.jsonObject(with: record.jsonData()) as? [String: Any])
        #expect(json["status"] as? String == "succeeded")
        #expect(json["output"] as? String == "Paris.")
        #expect(json["error"] is NSNull)
        #expect(json["strategy"] as? String == "synthesize")
        #expect(json["fallback_used"] as? Bool == false)
        #expect(json["quorum"] as? Int == 2)
        #expect(json["succeeded"] as? Int == 2)
        #expect(json["started_at"] as? String == "2026-09-21T14:13:20Z")
        let workers = try #require(json["workers"] as? [[String: Any]])
        #expect(workers.count == 3)
        for key in ["index", "status", "temperature", "focus", "model", "text", "error", "elapsed_ms", "attempts"] {
            #expect(workers.allSatisfy { $0.keys.contains(key) }, "worker key \(key)")
        }
        #expect(workers.map { $0["index"] as? Int } == [0, 1, 2])
        #expect(workers.map { $0["status"] as? String } == ["succeeded", "failed", "succeeded"])
        #expect(workers[1]["error"] as? String == "HTTP 500")
        #expect(workers[0]["temperature"] as? Double == 0.2)
        let attempts = try #require(workers[0]["attempts"] as? [[String: Any]])
        #expect(attempts.count == 1)
        #expect(attempts[0]["attempt"] as? Int == 1)
        let aggregations = try #require(json["aggregations"] as? [[String: Any]])
        #expect(aggregations.count == 1)
        #expect((aggregations[0]["tally"] as? [String: Any])?["groups"] != nil)
        let usage = try #require(json["usage"] as? [String: Any])
        #expect(usage["prompt_tokens"] as? Int == 5)
    }

    @Test("a failed run has status failed, a null output and the reasons in error")
    func failedRun() async throws {
        let clock = ManualClock()
        let models = TestModels(clock: clock, workers: [[.fail(.init("HTTP 401: check OPENAI_API_KEY"))]])
        let record = await makeController(testPlan(workers: 1), models, clock).start()
        let json = try #require(try JSONSerialization.jsonObject(with: record.jsonData()) as? [String: Any])
        #expect(json["status"] as? String == "failed")
        #expect(json["output"] is NSNull)
        #expect(json["failure"] as? String == "all_failed")
        #expect((json["error"] as? String)?.contains("HTTP 401: check OPENAI_API_KEY") == true)
    }

    @Test("the record round-trips through JSON unchanged")
    func roundTrip() async throws {
        let record = await sampleRecord()
        let decoded = try RunRecord.makeDecoder().decode(RunRecord.self, from: record.jsonData())
        #expect(decoded == record)
        #expect(try decoded.jsonData() == record.jsonData())
    }
}
