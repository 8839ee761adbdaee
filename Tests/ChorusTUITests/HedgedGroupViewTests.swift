import Chorus
import ChorusTestSupport
import Synchronization
import Testing
@testable import ChorusTUI

/// Issue 15, found by a trial: "Paris or Lyon" twice and "Paris" once, merged to Paris. The
/// answer's title said "≠ majority" and the agreement view "Majority: 2 of 3 answers agree",
/// showing "Paris or Lyon" without its marker. A group that names two candidates is a vote for
/// neither: never the majority, always marked. Through the real engine, as the user saw it.
@Suite struct HedgedGroupViewTests {
    @Test func aHedgedGroupIsNoMajorityAndCarriesItsMarker() async {
        let answers = ["Paris or Lyon", "Paris or Lyon", "Paris"]
        let clock = ManualClock()
        let plan = Plan(
            task: "Which city hosts the summit?", workerCount: 3, focusAreas: AgreementFixtures.focus, model: Fixtures.model,
            aggregator: AggregatorSpec(strategy: .synthesize, model: ModelChoice(provider: "openai", model: "merge")))
        let temperatures = plan.workers.map(\.temperature)
        let workers = ScriptedModel(clock: clock) { request, _ in
            [.text(answers[temperatures.firstIndex(of: request.temperature) ?? 0])]
        }
        let merger = ScriptedModel(clock: clock, steps: [.text("Paris")])
        let events = Mutex<[RunEvent]>([])
        let controller = RunController(
            plan: plan, models: { $0.model == "merge" ? merger : workers }, clock: clock,
            events: { event in events.withLock { $0.append(event) } })
        let record = await controller.start()

        var state = UIState(record: RunRecord(plan: plan, startedAt: Fixtures.startedAt), width: 120, height: 30)
        for event in events.withLock({ $0 }) { state.update(.run(event)) }
        state.update(.controllerReturned(record, after: nil))
        let answer = Renderer.render(state).plainText
        #expect(!answer.contains("≠ majority"))
        #expect(!answer.contains("differs from the majority"))

        state.update(.key(.character("a")))
        let report = AgreementTests.wholeReport(state)
        #expect(!report.contains("Majority:"))
        #expect(report.contains("No majority: the largest group (2 of 3 answers) names two answers, a vote for neither."))
        #expect(report.contains("Paris or Lyon [names two answers: a vote for neither]"))
        #expect(report.contains("2 of 3  ██░  largest, no majority"))
        #expect(!report.contains("Paris [names two answers"), "only the hedged group is marked")
    }
}
