import Chorus
import ChorusTestSupport
import Foundation
import Testing
@testable import ChorusTUI

/// Issue 18 (a new user's findings): one structured record, every view. Five answers label
/// positive, positive, negative, negative, neutral (a tie settled by worker order) and agree on
/// confidence 3 of 5. The agreement view, the answer's note line, the Markdown report and the
/// JSON all say the per-field truth; none tallies whole objects ("no two answers agree"), calls
/// the merged object nobody's, or describes a model or a concatenation that never happened.
@Suite struct StructuredTruthTests {
    static let schema = try! StructuredSchema(concise: "label: positive|negative|neutral, confidence float 0..1")
    static let answers = [
        #"{"label":"positive","confidence":0.8}"#, #"{"label":"positive","confidence":0.7}"#,
        #"{"label":"negative","confidence":0.8}"#, #"{"label":"negative","confidence":0.8}"#,
        #"{"label":"neutral","confidence":0.5}"#,
    ]

    /// The run through the real engine (scripted models), merged with `strategy`.
    static func record(strategy: StrategyName, judge: String = "unused") async -> RunRecord {
        let clock = ManualClock()
        var models: [String: ScriptedModel] = ["agg": ScriptedModel(clock: clock, steps: [.text(judge)])]
        var workers: [WorkerSpec] = []
        for (i, answer) in answers.enumerated() {
            models["w\(i)"] = ScriptedModel(clock: clock, steps: [.text(answer)])
            var spec = WorkerSpec(index: i, temperature: 0.5, model: ModelChoice(provider: "test", model: "w\(i)"))
            spec.schema = schema
            workers.append(spec)
        }
        let plan = Plan(
            task: "Classify: fine, I guess.", workers: workers,
            aggregator: AggregatorSpec(strategy: strategy, model: ModelChoice(provider: "test", model: "agg")))
        let all = models
        let factory: ModelFactory = { choice in
            guard let m = all[choice.model] else { throw ScriptedModel.ScriptedError("no model") }
            return m
        }
        return await RunController(plan: plan, models: factory, clock: clock, now: { Date(timeIntervalSince1970: 0) }).start()
    }

    static func plain(_ paragraphs: [StyledText.Paragraph]) -> String {
        paragraphs.map { $0.segments.map(\.text).joined() }.joined(separator: "\n")
    }

    @Test(arguments: [StrategyName.vote, .auto, .synthesize, .concatenate])
    func everyViewSaysThePerFieldTruth(strategy: StrategyName) async throws {
        let record = await Self.record(strategy: strategy)
        let aggregation = try #require(record.latestAggregation)
        let outcome = try #require(record.structured)
        #expect(outcome.field("label")?.agreementText == "2/5")
        #expect(outcome.field("label")?.isTie == true)
        #expect(outcome.field("confidence")?.agreementText == "3/5")
        #expect(outcome.object == .object(["label": .string("positive"), "confidence": .number(0.8)]))

        // The agreement view: per field, the tie noted, the review line; no whole-object tally.
        let view = Self.plain(AgreementReport.paragraphs(.done(aggregation), names: ["1", "2", "3", "4", "5"], task: record.task))
        #expect(view.contains("Per-field agreement over 5 answers"))
        #expect(view.contains("label  2/5"))
        #expect(view.contains("confidence  3/5"))
        #expect(view.contains("note: tie: "))
        #expect(view.contains(try #require(outcome.reviewLine)))
        #expect(!view.contains("No two answers agree"))
        #expect(!view.contains("none of the workers' answers"))
        #expect(!view.contains("a model merged the answers into one"))
        #expect(!view.contains("every answer in full"))
        #expect(view.contains(aggregation.howMade))

        // The note line above the answer: per field, never a whole-object vote.
        let how = AnswerState.howChosen(aggregation)
        #expect(how == aggregation.reason)
        #expect(!(how ?? "").contains("tie: no answer has a majority"))

        // The tie is a warning: the UI's notes, stderr and the report show the record's warnings.
        #expect(aggregation.warnings.contains { $0.hasPrefix("label: tie: ") && $0.hasSuffix("took the first") })
        #expect(Renderer.fieldRows(outcome).first { $0.field == "label" }?.agreement == "2/5 tie")

        // The Markdown report: the field table, the review row, a truthful "how".
        let markdown = MarkdownReport.render(record)
        #expect(markdown.contains("### Agreement per field"))
        #expect(markdown.contains("| label | \"positive\" | 2/5 (under a strict majority) | 3: \"negative\"; 4: \"negative\"; 5: \"neutral\" | tie: "))
        #expect(markdown.contains("| confidence | 0.8 | 3/5 | 2: 0.7; 5: 0.5 |  |"))
        #expect(markdown.contains("| Needs review | yes: needs review: agreement under a strict majority on label (2/5) |"))
        #expect(markdown.contains(aggregation.howMade))
        #expect(aggregation.howMade.hasPrefix("\(strategy.rawValue): per-field merge over 5 answers: label 2/5, confidence 3/5"))
        #expect(!markdown.contains("a model merged the answers into one"))
        #expect(!markdown.contains("not merged"))
        #expect(!markdown.contains("the tied answers are shown side by side"))
        #expect(!markdown.contains("No two answers agree"))
        if strategy != .synthesize { #expect(aggregation.howMade.hasSuffix("(no model called)")) }

        // The JSON: the same outcome, decoded back.
        let decoded = try RunRecord.makeDecoder().decode(RunRecord.self, from: record.jsonData())
        #expect(decoded.structured == outcome)
        #expect(decoded.latestAggregation?.howMade == aggregation.howMade)
    }

    @Test func aJudgeThatNamesNoAnswerIsAFallbackInTheRecordAndEveryView() async throws {
        let record = await Self.record(strategy: .judge, judge: "They are all fine.")
        let aggregation = try #require(record.latestAggregation)
        #expect(aggregation.fallbackUsed)
        #expect(record.fallbackUsed)
        #expect(aggregation.error == "judge failed (the judge named no answer between 1 and 5); the fields were voted on instead")
        #expect(aggregation.usage != nil, "the judge's call was made: its usage counts")
        #expect(aggregation.model == "agg")
        #expect(aggregation.warnings.filter { $0.hasPrefix("fallback: ") }.count == 1)
        #expect(aggregation.howMade == aggregation.error)

        let view = Self.plain(AgreementReport.paragraphs(.done(aggregation), names: ["1", "2", "3", "4", "5"], task: record.task))
        #expect(view.contains("judge failed → per-field vote") || AgreementReport.how(aggregation) == "judge failed → per-field vote")
        #expect(view.contains(try #require(aggregation.error)))
        #expect(!view.contains("concatenate"))

        let markdown = MarkdownReport.render(record)
        #expect(markdown.contains("| judge | succeeded | yes |"))
        #expect(markdown.contains("judge (fell back to a per-field vote)"))
        #expect(!markdown.contains("chose no worker"))
        let json = String(decoding: try record.jsonData(pretty: false), as: UTF8.self)
        #expect(json.contains(#""fallback_used":true"#))
    }
}
