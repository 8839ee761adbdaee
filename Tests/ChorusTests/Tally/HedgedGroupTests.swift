import Chorus
import ChorusTestSupport
import Testing

/// Issue 15, found by a trial: with "Paris or Lyon" twice and "Paris" once, auto's reason was
/// right ("a vote for neither") but the majority check warned the merge "differs from the
/// majority: 2 of 3 workers say Paris or Lyon", and the Markdown agreement said "Majority: 2 of 3
/// answers agree" without the group's marker. A group that names two candidates is never a
/// majority, a winner or an early quorum, and is always shown with its marker.
@Suite("A hedged group is never a majority")
struct HedgedGroupTests {
    static let task = "Which city hosts the summit?"
    static let texts = ["Paris or Lyon", "Paris or Lyon", "Paris"]

    static func answers(_ texts: [String]) -> [Answer] {
        texts.enumerated().map { Answer(worker: $0.offset, label: String($0.offset + 1), text: $0.element) }
    }

    static func run(_ texts: [String] = texts, strategy: StrategyName, merged: String = "Paris") async -> RunRecord {
        let clock = ManualClock()
        let models = TestModels(clock: clock, workers: texts.map { [.text($0)] }, aggregator: [.text(merged)])
        return await makeController(testPlan(workers: texts.count, strategy: strategy, task: task), models, clock).start()
    }

    @Test func theTallyHasNoMajorityNoWinnerAndNamesTheHedgedLead() throws {
        let tally = Vote.tally(Self.answers(Self.texts), task: Self.task)
        #expect(tally.groups.map(\.workers) == [[0, 1], [2]])
        #expect(tally.groups[0].hedged)
        #expect(tally.strictMajority == nil)
        #expect(tally.winner == nil)
        #expect(tally.hedgedLead == tally.groups[0])
        #expect(tally.largestAgreeing == 1, "two workers who hedge agree on neither answer")
        #expect(tally.groups[0].named == "Paris or Lyon [names two answers: a vote for neither]")
        #expect(tally.groups[0].shown("x") == "x " + Tally.Group.hedgedMarker)
        #expect(tally.groups[1].shown("Paris") == "Paris")
        // The same sizes without the hedge: a majority, a winner, no hedged lead.
        let plain = Vote.tally(Self.answers(["Lyon", "Lyon", "Paris"]), task: Self.task)
        #expect(plain.strictMajority == plain.groups[0])
        #expect(plain.winner == plain.groups[0])
        #expect(plain.hedgedLead == nil)
        #expect(plain.largestAgreeing == 2)
    }

    @Test func aMergeIsNotFlaggedAgainstAHedgedGroup() async throws {
        let record = await Self.run(strategy: .synthesize)
        let a = try #require(record.latestAggregation)
        #expect(record.output == "Paris")
        #expect(!a.disagreesWithMajority)
        #expect(!a.warnings.contains { $0.contains("differs from the majority") })
        // A real majority still flags a merge that leaves it.
        let flagged = await Self.run(["Lyon", "Lyon", "Paris"], strategy: .synthesize)
        #expect(flagged.latestAggregation?.disagreesWithMajority == true)
    }

    @Test func theVoteListsEveryGroupAndSaysWhy() async throws {
        let record = await Self.run(strategy: .vote)
        let a = try #require(record.latestAggregation)
        #expect(a.chosenWorker == nil)
        let output = try #require(record.output)
        #expect(output.hasPrefix("No majority: the largest group (2 of 3) names two answers, a vote for neither."))
        #expect(output.contains("## Paris or Lyon [names two answers: a vote for neither]: workers 1, 2"))
        #expect(output.contains("## Paris: worker 3"))
        #expect(a.reason == "the largest group (Paris or Lyon) names two answers, a vote for neither: "
            + "Paris or Lyon [names two answers: a vote for neither] (workers 1, 2) vs Paris (worker 3)")
    }

    @Test func theMarkdownAgreementSaysNoMajorityAndMarksTheGroup() async throws {
        let markdown = MarkdownReport.render(await Self.run(strategy: .synthesize))
        #expect(!markdown.contains("Majority: 2 of 3"))
        #expect(markdown.contains("No majority: the largest group (2 of 3 answers) names two answers, a vote for neither"))
        #expect(markdown.contains("- 2 of 3: `Paris or Lyon` [names two answers: a vote for neither] (workers 1, 2)"))
        #expect(markdown.contains("- 1 of 3: `Paris` (worker 3)"))
    }

    /// Early quorum counts workers that agree on one answer: two who both hedge do not.
    @Test func aHedgedGroupIsNoEarlyQuorum() async {
        let clock = ManualClock()
        let scripts: [[ScriptedModel.Step]] = [
            [.wait(.seconds(1)), .text("Paris or Lyon")], [.wait(.seconds(1)), .text("either Paris or Lyon")],
            [.wait(.seconds(2)), .text("Paris")],
        ]
        let models = TestModels(clock: clock, workers: scripts)
        let plan = testPlan(workers: 3, strategy: .vote, task: Self.task, earlyQuorum: 2)
        let controller = makeController(plan, models, clock)
        let run = Task { await controller.start() }
        #expect(await clock.waitForSleepers(3))
        // Workers 1 and 2 finish first; the controller handles them before worker 3, so an early
        // quorum counted from the hedged pair would be reached (and recorded) here.
        await clock.advance(by: .seconds(2))
        let record = await run.value
        #expect(record.workers.map(\.status) == [.succeeded, .succeeded, .succeeded])
        #expect(record.earlyQuorum?.reachedMs == nil)
        #expect(models["w2"].cancellations == 0)
    }
}
