@testable import Chorus
import ChorusTestSupport
import Foundation
import Testing

@testable import ChorusCLI
@testable import ChorusTUI

/// Issue 14, "one truth in every view": the eight answers, run with `--strategy vote
/// --workers 8` through the real engine; the answer area, the agreement view, the Markdown export
/// (what `y` writes too) and the JSON record must report the same groups.
@Suite struct OneTruthTests {
    static let texts = [
        "17 * 23 = 406", "17 * 23 = 389", "The answer is 380", "17 * 23 = 396.", "405",
        "Multiplying these two numbers in my head is something I would rather check twice before I say it.\nThe answer is just a number.",
        "380.", "17 * 23 = 389",
    ]

    static func record() async throws -> (RunRecord, [String: Any]) {
        var h = Harness()
        var scripts: [Int: [ScriptedModel.Step]] = [:]
        for (i, text) in texts.enumerated() { scripts[i + 1] = [.text(text)] }
        h.models = Scripts.factory(workers: scripts, aggregator: [.text("unused")])
        let focus = (1...8).flatMap { ["--focus", "w\($0)"] }
        let task = "What is 17 * 23? Answer with just the number."
        #expect(await h.run(["run", task, "--json", "--strategy", "vote", "--workers", "8"] + focus) == 0)
        let record = try RunRecord.makeDecoder().decode(RunRecord.self, from: Data(h.out.text.utf8))
        return (record, try #require(decode(h.out.text)))
    }

    @Test func everyViewReportsTheRecordsGroups() async throws {
        let (record, json) = try await Self.record()
        let aggregation = try #require(record.latestAggregation)
        let tally = aggregation.tally

        // The JSON: the same groups as the decoded record, each with what its workers said.
        let jsonGroups = try #require(((json["aggregations"] as? [[String: Any]])?.last?["tally"] as? [String: Any])?["groups"] as? [[String: Any]])
        #expect(jsonGroups.map { $0["workers"] as? [Int] ?? [] } == tally.groups.map(\.workers))
        #expect(tally.groups.map(\.workers) == [[1, 7], [2, 6], [0], [3], [4], [5]])
        #expect(jsonGroups[1]["answers"] as? [String] == ["380", "380"])
        // The vote's reason names the record's tied groups: one computation.
        let tied = tally.tied.map { "\($0.display) (\(Worker.names($0.workers)))" }.joined(separator: " vs ")
        #expect(aggregation.reason == "tie: \(tied)")

        // The answer area: its title and notes say "tie", as the tally does.
        var state = UIState(record: record, width: 160, height: 70, reopened: true)
        let screen = Renderer.render(state).plainText
        #expect(screen.contains("tie: no answer has a majority"))
        #expect(!screen.contains("agree (389)"))

        // The agreement view: the same verdict and every group with all of its answers.
        _ = state.update(.key(.character("a")))
        let view = Renderer.render(state).plainText
        #expect(view.contains("Tie: no majority; 2 groups have 2 of 8 answers each."))
        #expect(!view.contains("e.g."))
        let names = state.panes.map(\.displayName)
        var lastPosition = view.startIndex
        for group in tally.groups {
            let head = try #require(view.range(of: "\(group.count) of \(tally.total)", range: lastPosition..<view.endIndex))
            for said in group.distinctAnswers {
                #expect(view[head.upperBound...].contains(said.text))
            }
            #expect(view[head.upperBound...].contains(group.workers.map { names[$0] }.joined(separator: " · ")))
            lastPosition = head.upperBound
        }

        // The export (and `y`): the same groups in the same order, under their own heading, and
        // what really happened: a tie, no worker chosen.
        let markdown = MarkdownReport.render(record)
        #expect(markdown.contains("## How the answer was made\n\nvote: no answer chosen (tie: \(tied))"))
        #expect(markdown.contains("### Agreement\n\nTie: no majority; 2 groups have 2 of 8 answers each (grouped by final answer)."))
        let lines = tally.groups.map { g in "- \(g.count) of 8: `\(g.distinctAnswers[0].text)` (\(Worker.names(g.workers)))" }
        #expect(markdown.contains(lines.joined(separator: "\n")))
        #expect(!markdown.contains("chose worker"))
        // The vote's own "## 389: workers 2, 8" headings nest under "## Answer" (issue 15: the
        // group shows the final answer read out of "17 * 23 = 389").
        #expect(markdown.contains("\n#### 389: workers 2, 8\n"))
        #expect(!markdown.contains("\n## 389"))
    }
}
