import Chorus
import ChorusTestSupport
import Foundation
import Testing

/// Follow-up turns in the core (issue 17): what each mode sends, what a turn keeps, and that
/// acting on the newest turn leaves the earlier ones as they were.
@Suite("Follow-up turns")
struct FollowUpTurnTests {
    /// Worker i answers "A<i>-<call>"; worker 2 fails its first call when `failFirst2`; the
    /// aggregator answers "M<call>".
    func models(_ clock: ManualClock, failFirst2: Bool = false) -> TestModels {
        func worker(_ i: Int) -> ScriptedModel {
            ScriptedModel(clock: clock) { _, call in
                failFirst2 && i == 2 && call == 0 ? [.fail(.init("HTTP 502"))] : [.text("A\(i)-\(call)")]
            }
        }
        return TestModels([
            "w0": worker(0), "w1": worker(1), "w2": worker(2),
            "agg": ScriptedModel(clock: clock) { _, call in [.text("M\(call)")] },
        ])
    }

    func plan() -> Plan {
        var plan = testPlan(workers: 3, strategy: .synthesize, task: "Q1")
        plan.workers[0].focus = "cost"
        return plan
    }

    @Test("own: each worker's second request carries its own first answer as the assistant turn")
    func ownThreads() async {
        let clock = ManualClock()
        let models = models(clock)
        let controller = makeController(plan(), models, clock)
        _ = await controller.start()
        let second = await controller.startTurn(message: "Q2", mode: .own)
        #expect(second.status == .succeeded)
        #expect(second.turn == 2)
        #expect(second.task == "Q2")
        #expect(second.followUp == .own)
        let sent = models["w0"].requests[1].messages
        #expect(sent == [
            .system("Answer the user's task. Focus on: cost."), .user("Q1"), .assistant("A0-0"), .user("Q2"),
        ])
        #expect(models["w1"].requests[1].messages == [.user("Q1"), .assistant("A1-0"), .user("Q2")])
        #expect(models["w2"].requests[1].messages == [.user("Q1"), .assistant("A2-0"), .user("Q2")])
        // The earlier turn is kept as it ended.
        let conversation = await controller.conversation
        #expect(conversation.turns.map(\.task) == ["Q1", "Q2"])
        #expect(conversation.turns[0].output == "M0")
        #expect(conversation.turns[1].output == "M1")
    }

    @Test("shared: every worker's assistant turn is the merged answer")
    func sharedThreads() async {
        let clock = ManualClock()
        let models = models(clock)
        let controller = makeController(plan(), models, clock)
        _ = await controller.start()
        _ = await controller.startTurn(message: "Q2", mode: .shared)
        let third = await controller.startTurn(message: "Q3", mode: .shared)
        #expect(third.turn == 3)
        for i in 1...2 {
            #expect(models["w\(i)"].requests[2].messages == [
                .user("Q1"), .assistant("M0"), .user("Q2"), .assistant("M1"), .user("Q3"),
            ])
        }
    }

    @Test("own: a worker that failed in an earlier turn gets the merged answer for that turn")
    func failedWorkerGetsTheMergedAnswer() async {
        let clock = ManualClock()
        let models = models(clock, failFirst2: true)
        let controller = makeController(plan(), models, clock)
        let first = await controller.start()
        #expect(first.status == .succeeded)
        #expect(first.workers[2].status == .failed)
        _ = await controller.startTurn(message: "Q2", mode: .own)
        #expect(models["w2"].requests[1].messages == [.user("Q1"), .assistant("M0"), .user("Q2")])
        #expect(models["w1"].requests[1].messages == [.user("Q1"), .assistant("A1-0"), .user("Q2")])
    }

    @Test("a turn without an answer is not followed up: no model call, the reason in one line")
    func failedTurnRefused() async {
        let clock = ManualClock()
        let models = TestModels(clock: clock, workers: [[.fail(.init("HTTP 502"))], [.fail(.init("HTTP 502"))]])
        let controller = makeController(testPlan(workers: 2), models, clock)
        let first = await controller.start()
        #expect(first.status == .failed)
        let after = await controller.startTurn(message: "Q2", mode: .own)
        #expect(after == first)
        #expect(models["w0"].calls == 1)
        let problem = await controller.conversation.followUpProblem
        #expect(problem?.hasPrefix("turn 1 has no answer") == true)
    }

    @Test("retry and s on turn 2 leave turn 1 as it was; the retry resends turn 2's history")
    func actingOnTurnTwo() async {
        let clock = ManualClock()
        let models = TestModels([
            "w0": ScriptedModel(clock: clock) { _, call in [.text("A0-\(call)")] },
            "w1": ScriptedModel(clock: clock) { _, call in call == 1 ? [.fail(.init("HTTP 502"))] : [.text("A1-\(call)")] },
            "w2": ScriptedModel(clock: clock) { _, call in [.text("A2-\(call)")] },
            "agg": ScriptedModel(clock: clock) { _, call in [.text("M\(call)")] },
        ])
        let controller = makeController(plan(), models, clock)
        _ = await controller.start()
        let turnOne = await controller.conversation.turns[0]
        let second = await controller.startTurn(message: "Q2", mode: .own)
        #expect(second.workers[1].status == .failed)
        let retried = await controller.retry(worker: 1)
        #expect(retried.workers[1].attempts.map(\.status) == [.failed, .succeeded])
        #expect(models["w1"].requests[2].messages == [.user("Q1"), .assistant("A1-0"), .user("Q2")])
        let switched = await controller.reaggregate(strategy: .concatenate)
        #expect(switched.strategy == .concatenate)
        let conversation = await controller.conversation
        #expect(conversation.turns[0] == turnOne)
        #expect(conversation.turns.count == 2)
    }

    @Test("a follow-up on a reopened conversation continues from its latest turn")
    func reopenedConversation() async throws {
        let clock = ManualClock()
        let models = models(clock)
        let controller = makeController(plan(), models, clock)
        _ = await controller.start()
        _ = await controller.startTurn(message: "Q2", mode: .own)
        let saved = try await controller.conversation.jsonData()
        let decoded = try RunRecord.makeDecoder().decode(Conversation.self, from: saved)
        #expect(decoded == (await controller.conversation))
        let reopened = RunController(conversation: decoded, models: models.factory, clock: clock, now: { fixedDate })
        let third = await reopened.startTurn(message: "Q3", mode: .own)
        #expect(third.turn == 3)
        #expect(models["w1"].requests[2].messages == [
            .user("Q1"), .assistant("A1-0"), .user("Q2"), .assistant("A1-1"), .user("Q3"),
        ])
        #expect(await reopened.earlierTurns.map(\.task) == ["Q1", "Q2"])
    }
}
