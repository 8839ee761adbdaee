import Chorus
import Foundation
import Testing

@testable import ChorusTUI

/// `y` writes the run's self-contained Markdown report (issue 14: it wrote only the answer's
/// body), the same document `chorus export --format markdown` writes: one renderer, in the core.
@Suite struct AnswerFileReportTests {
    /// A known run: three workers with focus areas, two of them say Paris, the vote took worker 1.
    static func record() -> RunRecord {
        var plan = Fixtures.plan(workers: 3)
        plan.aggregator.strategy = .vote
        var record = RunRecord(plan: plan, startedAt: Fixtures.startedAt)
        record.task = "What is the capital of France?\nOne word."
        let texts = ["**Paris**", "The answer is Paris.", "Lyon"]
        for (i, text) in texts.enumerated() {
            record.workers[i].attempts = [Fixtures.attempt(.succeeded, text: text, tokens: 4)]
        }
        let answers = texts.enumerated().map { Answer(worker: $0.offset, label: String($0.offset + 1), text: $0.element) }
        let tally = Vote.tally(answers, task: record.task)
        record.status = .succeeded
        record.aggregations = [
            AggregationRecord(
                strategy: .vote, status: .succeeded, output: "**Paris**", inputs: [0, 1, 2], tally: tally, chosenWorker: 0,
                reason: "2 of 3 answers agree: Paris", startedMs: 3000, elapsedMs: 1)
        ]
        record.elapsedMs = 3001
        return record
    }

    @Test func yWritesTheExportsDocument() async throws {
        let record = Self.record()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-y-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let inbox = try Inbox()
        let controller = FakeController(record: record, events: { _ in })
        let performer = CommandPerformer(controller: controller, inbox: inbox, saveDirectory: dir)
        performer.run(.saveAnswer(text: "**Paris**"))
        var path: String?
        for _ in 0..<500 where path == nil {
            for case .saved(let saved) in inbox.take().messages { path = saved }
            if path == nil { try await Task.sleep(for: .milliseconds(10)) }
        }
        let written = try String(contentsOfFile: try #require(path), encoding: .utf8)
        #expect(written == MarkdownReport.render(record))
    }

    /// The document itself, for a known record: task, date, settings, the answer, how it was made
    /// (what happened, the tally with every group's answers), then the workers.
    @Test func theDocumentOfAKnownRecord() throws {
        let actual = MarkdownReport.render(Self.record()) + "\n"
        let url = Snapshot.directory.appendingPathComponent("answer-file-vote.md")
        if Snapshot.recording {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected)
    }
}
