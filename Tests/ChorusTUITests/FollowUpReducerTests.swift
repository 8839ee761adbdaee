import Chorus
import Foundation
import Testing
@testable import ChorusTUI

/// The follow-up prompt (`f`) and the turn display (`[`/`]`, "turn 2") of issue 17: reducer rows
/// and text snapshots (`__Snapshots__/follow-up-*.txt`).
@Suite struct FollowUpReducerTests {
    /// A finished turn: every worker answered `texts[i]`, merged into `output`.
    static func finished(_ plan: Plan, texts: [String], output: String) -> RunRecord {
        var record = RunRecord(plan: plan, startedAt: Fixtures.startedAt)
        for i in record.workers.indices {
            record.workers[i].attempts = [Fixtures.attempt(.succeeded, text: texts[i])]
        }
        record.aggregations = [Fixtures.aggregation(output: output, inputs: Array(record.workers.indices))]
        record.status = .succeeded
        return record
    }

    static let turnOne = finished(
        Fixtures.plan(workers: 3), texts: Fixtures.answers, output: "Keep one deployable until the team or traffic forces a split.")

    /// Turn 1 shown as finished (as after the run), `f` pressed and `text` typed.
    static func typing(_ text: String, width: Int = 80, height: Int = 24) -> UIState {
        var state = UIState(record: turnOne, width: width, height: height, reopened: true)
        #expect(state.update(.key(.character("f"))) == [])
        for c in text { state.update(.key(.character(c))) }
        return state
    }

    /// Turn 2 asked ("And when should it split?"), streamed and merged.
    static func secondTurn(width: Int = 80, height: Int = 24) -> (UIState, RunRecord) {
        var state = typing("And when should it split?", width: width, height: height)
        let commands = state.update(.key(.enter))
        #expect(commands == [.followUp(message: "And when should it split?", mode: .own)])
        let plan = Conversation(turnOne).nextPlan(message: "And when should it split?", mode: .own)!
        let texts = ["Split when a team owns a part end to end.", "When deploys block each other daily.", "When one part needs its own scaling."]
        let record = finished(plan, texts: texts, output: "Split when teams or load force it.")
        for (i, text) in texts.enumerated() { Fixtures.stream(&state, worker: i, text: text) }
        state.update(.run(.aggregationStarted(strategy: .synthesize)))
        state.update(.run(.aggregationFinished(record: record.aggregations[0])))
        state.update(.controllerReturned(record, after: .followUp(message: "And when should it split?", mode: .own)))
        return (state, record)
    }

    @Test func fOpensThePromptAndKeysEditIt() {
        var state = Self.typing("Whyy")
        state.update(.key(.backspace))
        state.update(.key(.paste("\nreally?")))
        #expect(state.followUp?.text == "Why\nreally?")
        // Keys that act elsewhere are text here: q does not quit, r does not retry.
        #expect(state.update(.key(.character("q"))) == [])
        #expect(!state.hasQuit)
        #expect(state.followUp?.text == "Why\nreally?q")
        state.update(.key(.escape))
        #expect(state.followUp == nil)
        #expect(state.message?.text == "follow-up closed; nothing sent")
        #expect(state.liveTurn == 1)
    }

    @Test func anEmptyFollowUpIsNotSent() {
        var state = Self.typing("   ")
        #expect(state.update(.key(.enter)) == [])
        #expect(state.liveTurn == 1)
    }

    @Test func fWaitsForAnAnswer() {
        var state = Fixtures.state(workers: 3)
        state.update(.run(.workerStarted(worker: 0, attempt: 1)))
        state.update(.key(.character("f")))
        #expect(state.followUp == nil)
        #expect(state.message?.text == "turn 1 is still running; f asks a follow-up once it has an answer")
    }

    @Test func enterSendsTheFollowUpAndFreshPanesWaitForTurnTwo() {
        var state = Self.typing("And when should it split?")
        let commands = state.update(.key(.enter))
        #expect(commands == [.followUp(message: "And when should it split?", mode: .own)])
        #expect(state.followUp == nil)
        #expect(state.liveTurn == 2)
        #expect(state.earlierTurns == [Self.turnOne])
        #expect(state.task == "And when should it split?")
        #expect(state.panes.allSatisfy { $0.text.isEmpty && ($0.status == nil || $0.status == .waiting) && $0.attempt <= 1 })
        #expect(!state.answer.isVisible)
        #expect(state.isWorking)
    }

    @Test func sharedModeIsWhatTheCommandCarries() {
        var state = UIState(record: Self.turnOne, width: 80, height: 24, reopened: true)
        state.followUpMode = .shared
        state.update(.key(.character("f")))
        state.update(.key(.character("?")))
        #expect(state.update(.key(.enter)) == [.followUp(message: "?", mode: .shared)])
    }

    @Test func bracketsShowTheEarlierTurnReadOnlyAndComeBack() {
        var (state, turnTwo) = Self.secondTurn()
        #expect(state.turnLabel == "turn 2")
        state.update(.key(.character("[")))
        #expect(state.viewedTurn == 1)
        #expect(state.turnLabel == "turn 1")
        #expect(state.task == Self.turnOne.task)
        #expect(state.panes.map(\.text.source) == Fixtures.answers)
        // Acting keys say how to get back; nothing is sent.
        #expect(state.update(.key(.character("r"))) == [])
        #expect(state.update(.key(.character("s"))) == [])
        // The variant keys too: an earlier turn's worker is not rerun or re-chosen from here.
        #expect(state.update(.key(.character("m"))) == [])
        #expect(state.update(.key(.character("v"))) == [])
        #expect(state.variantForm == nil)
        #expect(state.message?.text == "turn 1 is read-only; ] goes back to turn 2, where r, R, s, p, c, v, < > and m act")
        state.update(.key(.character("[")))
        #expect(state.message?.text == "turn 1 is the first turn")
        state.update(.key(.character("]")))
        #expect(state.viewedTurn == nil)
        #expect(state.panes.map(\.text.source) == turnTwo.workers.map(\.text))
        #expect(state.answer.text.source == "Split when teams or load force it.")
        // s on turn 2 acts on turn 2; turn 1 stays as it was.
        #expect(state.update(.key(.character("s"))) == [.reaggregate(StrategyName.synthesize.next)])
        #expect(state.earlierTurns == [Self.turnOne])
    }

    @Test func aTurnedDownFollowUpPutsTheTurnBack() {
        var state = Self.typing("more?")
        _ = state.update(.key(.enter))
        state.update(.controllerReturned(Self.turnOne, after: .followUp(message: "more?", mode: .own)))
        #expect(state.liveTurn == 1)
        #expect(state.earlierTurns.isEmpty)
        #expect(state.task == Self.turnOne.task)
        #expect(state.answer.text.source == Self.turnOne.output)
    }

    @Test(arguments: [(80, 24), (40, 12)])
    func snapshots(width: Int, height: Int) {
        Snapshot.check(Renderer.render(Self.typing("And when should it split?", width: width, height: height)), named: "follow-up-prompt-\(width)x\(height)")
        var (state, _) = Self.secondTurn(width: width, height: height)
        Snapshot.check(Renderer.render(state), named: "follow-up-turn2-\(width)x\(height)")
        state.update(.key(.character("[")))
        Snapshot.check(Renderer.render(state), named: "follow-up-turn1-viewed-\(width)x\(height)")
    }
}
