import Chorus
import Foundation
import Testing

/// The conversation record (issue 17): a one-turn conversation is today's record byte for byte,
/// a session file saved by the main branch before turns existed opens as one turn, unchanged, and
/// a multi-turn file keeps its turns in order with the newest at the top level.
@Suite("The conversation record")
struct ConversationRecordTests {
    /// `chorus run ... --save FILE` by the main branch's binary (before follow-ups), against the
    /// fake server: Tests/Fixtures/main-single-turn-session.json.
    static let oldFile: Data = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return FileManager.default.contents(atPath: root.appendingPathComponent("Fixtures/main-single-turn-session.json").path) ?? Data()
    }()

    @Test("a session file saved before follow-ups opens as one turn, and writes back the same JSON")
    func oldFileOpensUnchanged() throws {
        #expect(!Self.oldFile.isEmpty, "the fixture is readable")
        let conversation = try RunRecord.makeDecoder().decode(Conversation.self, from: Self.oldFile)
        #expect(conversation.turns.count == 1)
        #expect(conversation.latest.task == "What is the capital of France?")
        #expect(conversation.latest.output == "Paris is the capital.")
        #expect(conversation.latest.history.isEmpty)
        #expect(conversation.latest.followUp == nil)
        let record = try RunRecord.makeDecoder().decode(RunRecord.self, from: Self.oldFile)
        #expect(conversation.latest == record)
        // Written back, the keys and values are the old file's (no `turn`, no `earlier_turns`).
        let rewritten = try JSONSerialization.jsonObject(with: conversation.jsonData()) as? NSDictionary
        let original = try JSONSerialization.jsonObject(with: Self.oldFile) as? NSDictionary
        #expect(rewritten == original)
        #expect(try conversation.jsonData() == record.jsonData())
    }

    func turn(_ task: String, output: String, history: [PriorTurn] = [], mode: FollowUpMode? = nil) -> RunRecord {
        var plan = Plan(task: task, model: ModelChoice(provider: "local", model: "m"))
        plan.history = history
        plan.followUp = mode
        var record = RunRecord(plan: plan, startedAt: Date(timeIntervalSince1970: 1_800_000_000))
        for i in record.workers.indices {
            record.workers[i].attempts = [AttemptRecord(number: 1, status: .succeeded, startedMs: 0)]
            record.workers[i].attempts[0].text = "\(output)-w\(i)"
        }
        record.aggregations = [
            AggregationRecord(
                strategy: .concatenate, status: .succeeded, output: output, inputs: [0, 1, 2],
                tally: Vote.tally(record.answers, task: task), startedMs: 0)
        ]
        record.status = .succeeded
        return record
    }

    @Test("several turns: the newest at the top level, the earlier ones in order under earlier_turns")
    func multiTurnShape() throws {
        let first = turn("Q1", output: "M1")
        let second = turn("Q2", output: "M2", history: [PriorTurn(message: "Q1", replies: ["a", "b", "c"])], mode: .shared)
        let conversation = Conversation(turns: [first, second])
        let json = try #require(try JSONSerialization.jsonObject(with: conversation.jsonData()) as? [String: Any])
        #expect(json["task"] as? String == "Q2")
        #expect(json["output"] as? String == "M2")
        #expect(json["turn"] as? Int == 2)
        #expect(json["follow_up"] as? String == "shared")
        let history = try #require(json["history"] as? [[String: Any]])
        #expect(history.first?["message"] as? String == "Q1")
        #expect(history.first?["replies"] as? [String] == ["a", "b", "c"])
        let earlier = try #require(json["earlier_turns"] as? [[String: Any]])
        #expect(earlier.map { $0["task"] as? String } == ["Q1"])
        #expect(earlier[0]["earlier_turns"] == nil)
        let decoded = try RunRecord.makeDecoder().decode(Conversation.self, from: conversation.jsonData())
        #expect(decoded == conversation)
        #expect(decoded.turns.map(\.turn) == [1, 2])
    }

    @Test("the next plan: same workers, the message as the task, each mode's assistant turns")
    func nextPlan() throws {
        let conversation = Conversation(turn("Q1", output: "M1"))
        let own = try #require(conversation.nextPlan(message: "Q2", mode: .own))
        #expect(own.task == "Q2")
        #expect(own.workers == conversation.latest.plan.workers)
        #expect(own.history == [PriorTurn(message: "Q1", replies: ["M1-w0", "M1-w1", "M1-w2"])])
        let shared = try #require(conversation.nextPlan(message: "Q2", mode: .shared))
        #expect(shared.history == [PriorTurn(message: "Q1", replies: ["M1", "M1", "M1"])])
        #expect(shared.followUp == .shared)
        let messages = own.workers[1].messages(task: own.task, history: own.history)
        #expect(messages == [.user("Q1"), .assistant("M1-w1"), .user("Q2")])
    }

    @Test("the Markdown report of a conversation lists the turns and renders each in order")
    func markdownInOrder() {
        let first = turn("Q1 first question", output: "M1")
        let second = turn("Q2 second", output: "M2", history: [PriorTurn(message: "Q1", replies: ["x"])], mode: .own)
        let report = MarkdownReport.render(Conversation(turns: [first, second]))
        #expect(report.hasPrefix("# Chorus conversation"))
        #expect(report.contains("1. `Q1 first question`\n2. `Q2 second`"))
        let one = report.range(of: "# Turn 1 of 2")?.lowerBound
        let two = report.range(of: "# Turn 2 of 2")?.lowerBound
        #expect(one != nil && two != nil)
        if let one, let two { #expect(one < two) }
        #expect(report.contains("each worker was sent its own earlier answers"))
        // A one-turn conversation is the single-run report, unchanged.
        #expect(MarkdownReport.render(Conversation(first)) == MarkdownReport.render(first))
    }
}
