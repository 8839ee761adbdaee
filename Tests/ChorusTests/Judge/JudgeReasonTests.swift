@testable import Chorus
import ChorusTestSupport
import Testing

/// The judge's reason as the reader sees it (issue 15, found by a trial: "second is right" for
/// an answer shown second in a shuffled order, which the reader takes for worker 2). The
/// model's words are kept only when they name no position; `how` always says which worker.
@Suite("Judge: the reason the reader sees")
struct JudgeReasonTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var reason: String
        var kept: Bool
        var testDescription: String { "\(kept ? "kept" : "dropped"): \(reason)" }
    }

    @Test(arguments: [
        // Ordinal words.
        Row(reason: "second is right", kept: false),
        Row(reason: "The first answer names the city.", kept: false),
        Row(reason: "The third one multiplies correctly", kept: false),
        Row(reason: "the last answer is the most complete", kept: false),
        Row(reason: "The latter is better supported", kept: false),
        Row(reason: "The 2nd answer is right", kept: false),
        Row(reason: "Firstly, it names the city", kept: false),
        // "answer N", "option N", "#N".
        Row(reason: "answer 3 names the city", kept: false),
        Row(reason: "Answer 4 is wrong; it says 406", kept: false),
        Row(reason: "option 2 is correct", kept: false),
        Row(reason: "Response 1 gives the date", kept: false),
        Row(reason: "answers 2 and 3 agree, 2 is clearer", kept: false),
        Row(reason: "option two is correct", kept: false),
        Row(reason: "#3 names the city", kept: false),
        Row(reason: "candidate # 1 is right", kept: false),
        // Words about the content only.
        Row(reason: "It names the capital correctly.", kept: true),
        Row(reason: "17 * 23 = 391, the only correct product", kept: true),
        Row(reason: "Paris is the capital of France", kept: true),
        Row(reason: "the number one reason: it cites the 1889 treaty", kept: true),
        Row(reason: "no one else gives the date", kept: true),
        Row(reason: "It answers with a number, 8849 m", kept: true),
    ])
    func positionWordsAreDropped(_ row: Row) {
        #expect((Judge.readerReason(row.reason) != nil) == row.kept)
        #expect(Judge.readerReason(nil) == nil)
    }

    /// Through the judge: a positional reason is dropped, `how` stays; a content reason stays.
    @Test func theMergeKeepsHowAndDropsAPositionalReason() async throws {
        let clock = ManualClock()
        for (reason, expected) in [("second is right", nil), ("it names the city", "it names the city")] {
            let model = JudgeTests.picking("Lyon", clock: clock, reason: reason)
            let call = JudgeTests.call(model)
            let result = try await Judge().aggregate(JudgeTests.input(["Paris", "Lyon", "Nice"]), call: call)
            #expect(result.chosenWorker == 1)
            #expect(result.reason == expected, "both orders agreed, so `how` is no news")
            // A disagreement keeps `how` whatever the words.
            let positional = ScriptedModel(clock: clock, steps: [.text(#"{"best": 1, "reason": "\#(reason)"}"#)])
            let split = try await Judge(ordering: .workers([2, 0, 1]))
                .aggregate(JudgeTests.input(["Paris", "Paris", "Lyon"]), call: JudgeTests.call(positional))
            let how = "the orders disagreed (worker 3 shuffled, worker 2 reversed); took worker 2: 2 workers behind its answer vs 1"
            #expect(split.reason == (expected == nil ? how : "\(reason); \(how)"))
        }
    }

    /// The judge's model also answered as a worker: warned when it picked and when it named no
    /// answer (the fallback), not when its call failed.
    @Test(arguments: [
        (#"{"best": 1, "reason": "r"}"#, true),
        ("They are all fine.", true),
        ("FAIL", false),
    ])
    func selfPreferenceIsWarnedWhetherOrNotTheJudgeNamedAnAnswer(reply: String, warned: Bool) async throws {
        let clock = ManualClock()
        let same = ModelChoice(provider: "test", model: "m")
        let plan = Plan(
            task: "q",
            workers: [
                WorkerSpec(index: 0, temperature: 0.2, model: same),
                WorkerSpec(index: 1, temperature: 0.6, model: ModelChoice(provider: "test", model: "other")),
            ],
            aggregator: AggregatorSpec(strategy: .judge, model: same))
        let judgeAndWorker = ScriptedModel(clock: clock) { request, _ in
            guard request.responseSchema != nil else { return [.text("Paris")] }
            return reply == "FAIL" ? [.fail(.init("HTTP 503 overloaded"))] : [.text(reply)]
        }
        let models = TestModels(["m": judgeAndWorker, "other": ScriptedModel(clock: clock, steps: [.text("Lyon")])])
        let record = await makeController(plan, models, clock).start()
        let a = try #require(record.latestAggregation)
        let warning = "the judge's model (m) also answered as worker 1: judges tend to favour their own answers"
        #expect(a.warnings.contains(warning) == warned)
        #expect(a.fallbackUsed == (reply != #"{"best": 1, "reason": "r"}"#))
    }
}
