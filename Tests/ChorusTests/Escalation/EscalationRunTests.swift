import Chorus
import ChorusTestSupport
import Foundation
import Testing

/// The escalation loop in `RunController` (ScriptedModel on a ManualClock): worker i talks to
/// model "w<i>", the reserve's worker N+j to "w<N+j>", so each test scripts every extra answer.
@Suite("Escalation: the run (RunController)")
struct EscalationRunTests {
    /// `testPlan` with K reserve workers named like the planned ones ("w3", "w4", ...).
    func plan(workers n: Int, escalate k: Int, strategy: StrategyName = .vote, earlyQuorum: Int? = nil) -> Plan {
        var plan = testPlan(workers: n, strategy: strategy, task: "What is 17 * 23?", earlyQuorum: earlyQuorum)
        var reserve = EscalationPlan.continuing(plan.workers, budget: k, temperatures: 0.2...1.0)
        for j in reserve.reserve.indices { reserve.reserve[j].model = ModelChoice(provider: "test", model: "w\(n + j)") }
        plan.escalation = reserve
        return plan
    }

    func models(_ clock: ManualClock, _ answers: [String], aggregator: String = "merged") -> TestModels {
        TestModels(clock: clock, workers: answers.map { [.text($0)] }, aggregator: [.text(aggregator)])
    }

    @Test("a 2-2-1 split starts one extra worker; it joins a group, which is then clear, and the run merges once")
    func stopsWhenClear() async throws {
        let clock = ManualClock()
        let models = models(clock, ["389", "389", "380", "380", "406", "389", "380", "406", "1"])
        let log = EventLog()
        let controller = makeController(plan(workers: 5, escalate: 4), models, clock, events: log.sink)
        let record = await controller.start()
        #expect(record.status == .succeeded)
        #expect(record.workers.count == 6)
        #expect(record.workers.map(\.escalated) == [false, false, false, false, false, true])
        #expect(record.workers[5].spec.index == 5)
        #expect(record.workers[5].spec.temperature == 0.3)
        let block = try #require(record.escalation)
        #expect(block.steps.map(\.workers) == [[5]])
        #expect(block.steps.first?.why == "2-2-1: 1 more answer could make a group clear")
        #expect(block.stop == .clear)
        #expect(block.reason == "a group is clear: 3 of 6 say 389")
        #expect(block.summary == "escalated: +1 worker, a group is clear: 3 of 6 say 389")
        #expect(record.output == "389")
        #expect(record.aggregations.count == 1, "merged once, after escalation")
        #expect(record.latestAggregation?.inputs == [0, 1, 2, 3, 4, 5])
        #expect(models["w6"].calls + models["w7"].calls + models["w8"].calls == 0)
        #expect(record.escalationSpend.calls == 1)
        #expect(record.workerCalls == 6)
        // Observers hear of worker 6 (a new pane) before its first event.
        let events = log.all
        let added = try #require(events.firstIndex { if case .runUpdated(let r) = $0 { r.workers.count == 6 } else { false } })
        let firstOfExtra = try #require(events.firstIndex { $0.worker == 5 })
        #expect(added < firstOfExtra)
    }

    @Test("the Markdown report says what escalation did and marks the extra workers")
    func markdownReport() async throws {
        let clock = ManualClock()
        let scripted = models(clock, ["389", "389", "380", "380", "406", "389", "380", "406", "1"])
        let record = await makeController(plan(workers: 5, escalate: 4), scripted, clock).start()
        let text = MarkdownReport.render(record)
        #expect(text.contains("| Escalated | +1 worker (budget 4): a group is clear: 3 of 6 say 389 · 1 call |"), "\(text)")
        #expect(text.contains("### Worker 6 · escalated · "))
        #expect(!text.contains("### Worker 5 · escalated"))
        // A run without --escalate has no such row.
        let other = ManualClock()
        let plain = await makeController(testPlan(workers: 2, strategy: .vote, task: "q"), models(other, ["1", "1"]), other).start()
        #expect(!MarkdownReport.render(plain).contains("Escalated"))
    }

    @Test("answers that keep splitting spend the budget and stop there")
    func respectsBudget() async throws {
        let clock = ManualClock()
        let models = models(clock, ["389", "389", "380", "380", "406", "1", "2", "3", "4"])
        let controller = makeController(plan(workers: 5, escalate: 3), models, clock)
        let record = await controller.start()
        let block = try #require(record.escalation)
        #expect(block.steps.map(\.workers) == [[5], [6], [7]])
        #expect(block.stop == .budgetSpent)
        #expect(record.workers.count == 8)
        #expect(models["w8"].calls == 0)
        #expect(record.escalationSpend.calls == 3)
        #expect(record.status == .succeeded)
        #expect(record.aggregations.count == 1)
    }

    @Test("a clear group from the first N starts nobody; the record says so")
    func notNeeded() async throws {
        let clock = ManualClock()
        let models = models(clock, ["389", "389", "389", "380", "406", "1"])
        let record = await makeController(plan(workers: 5, escalate: 4), models, clock).start()
        #expect(record.workers.count == 5)
        #expect(record.escalation?.steps.isEmpty == true)
        #expect(record.escalation?.stop == .clear)
        #expect(record.escalation?.summary == "escalation not needed, a group is clear: 3 of 5 say 389")
        #expect(models["w5"].calls == 0)
    }

    @Test("the record's JSON carries the block and the extra worker's mark; an older record decodes")
    func recorded() async throws {
        let clock = ManualClock()
        let models = TestModels([
            "w0": ScriptedModel(clock: clock, steps: [.text("389")]),
            "w1": ScriptedModel(clock: clock, steps: [.text("380")]),
            "w2": ScriptedModel(clock: clock, steps: [.text("389"), .usage(TokenUsage(promptTokens: 10, completionTokens: 2))]),
            "agg": ScriptedModel(clock: clock, steps: [.text("m")]),
        ])
        let record = await makeController(plan(workers: 2, escalate: 2), models, clock).start()
        let json = try #require(jsonObject(try record.jsonData()))
        let block = try #require(json["escalation"] as? [String: Any])
        #expect(block["budget"] as? Int == 2)
        #expect(block["started"] as? [Int] == [2])
        #expect(block["stop"] as? String == "clear")
        #expect(block["reason"] as? String == "a group is clear: 2 of 3 say 389")
        #expect(block["calls"] as? Int == 1)
        #expect((block["usage"] as? [String: Any])?["completion_tokens"] as? Int == 2)
        #expect((block["reserve"] as? [Any])?.count == 2)
        let steps = try #require(block["steps"] as? [[String: Any]])
        #expect(steps.first?["workers"] as? [Int] == [2])
        let workers = try #require(json["workers"] as? [[String: Any]])
        #expect(workers.map { $0["escalated"] as? Bool } == [nil, nil, true])
        #expect(json["quorum"] as? Int == 1, "the planned N (2) is the quorum's denominator")

        let decoded = try RunRecord.makeDecoder().decode(RunRecord.self, from: try record.jsonData())
        #expect(decoded == record)
        #expect(decoded.plan.workers.count == 2)
        #expect(decoded.plan.escalation == record.escalation?.plan)

        var old = json
        old.removeValue(forKey: "escalation")
        let oldRecord = try RunRecord.makeDecoder().decode(
            RunRecord.self, from: try JSONSerialization.data(withJSONObject: old.filter { $0.key != "workers" }.merging(
                ["workers": workers.map { $0.filter { $0.key != "escalated" } }], uniquingKeysWith: { a, _ in a })))
        #expect(oldRecord.escalation == nil)
        #expect(oldRecord.workers.allSatisfy { !$0.escalated })
    }

    @Test("a failed extra worker spends its budget, never fails the quorum, and is retried like any worker")
    func failedExtraAndRetry() async throws {
        let clock = ManualClock()
        let flaky: @Sendable (ChatRequest, Int) -> [ScriptedModel.Step] = { _, call in
            call == 0 ? [.fail(.init("HTTP 502"))] : [.text("389")]
        }
        let models = TestModels([
            "w0": ScriptedModel(clock: clock, steps: [.text("389")]),
            "w1": ScriptedModel(clock: clock, steps: [.text("380")]),
            "w2": ScriptedModel(clock: clock, script: flaky),
            "w3": ScriptedModel(clock: clock, steps: [.text("7")]),
            "agg": ScriptedModel(clock: clock, steps: [.text("m")]),
        ])
        let controller = makeController(plan(workers: 2, escalate: 1), models, clock)
        let first = await controller.start()
        #expect(first.status == .succeeded, "1 of 2 planned is the quorum; the extra's failure does not count against it")
        #expect(first.workers[2].status == .failed)
        #expect(first.escalation?.stop == .budgetSpent)
        #expect(first.escalationSpend.calls == 1)

        // Re-aggregating and switching strategy never start more workers.
        let merged = await controller.reaggregate(strategy: .concatenate)
        #expect(merged.workers.count == 3)
        #expect(models["w3"].calls == 0)
        // `escalate` after the budget is spent does nothing.
        let again = await controller.escalate(first.escalation!.plan)
        #expect(again.workers.count == 3)
        #expect(models["w3"].calls == 0)
        #expect(again.aggregations.count == merged.aggregations.count)

        // The extra worker is retried as any worker: attempt 2, then the answer is merged again.
        let retried = await controller.retry(worker: 2)
        #expect(retried.workers[2].attempts.map(\.number) == [1, 2])
        #expect(retried.workers[2].status == .succeeded)
        #expect(retried.workers[2].escalated)
        #expect(retried.workers.count == 3, "a retry starts no new worker")
        #expect(retried.escalationSpend.calls == 2)
        #expect(retried.latestAggregation?.inputs == [0, 1, 2])
        #expect(models["w3"].calls == 0)

        // The block keeps what the loop saw; the views add what changed since (issue 15: "budget
        // spent, no group is clear" stood beside an answer that took the clear group).
        #expect(first.escalationLater == nil)
        #expect(retried.escalation?.stop == .budgetSpent)
        #expect(retried.escalation?.reason == "budget spent, no group is clear")
        #expect(retried.escalationLater == "a group is clear: 2 of 3 say 389")
        #expect(retried.escalationSummary
            == "escalated: +1 worker, budget spent, no group is clear (since then a group is clear: 2 of 3 say 389)")
        let json = try #require(jsonObject(try retried.jsonData()))
        let block = try #require(json["escalation"] as? [String: Any])
        #expect(block["stop"] as? String == "budget_spent")
        #expect(block["later"] as? String == "a group is clear: 2 of 3 say 389")
        #expect((jsonObject(try first.jsonData())?["escalation"] as? [String: Any])?["later"] == nil)
        // A record with `later` decodes (a derived field, ignored on the way in).
        #expect(try RunRecord.makeDecoder().decode(RunRecord.self, from: retried.jsonData()).escalation == retried.escalation)
    }

    @Test("an extra worker's success counts toward the planned quorum")
    func extraSuccessCounts() async throws {
        let clock = ManualClock()
        let models = TestModels([
            "w0": ScriptedModel(clock: clock, steps: [.text("389")]),
            "w1": ScriptedModel(clock: clock, steps: [.fail(.init("HTTP 500"))]),
            "w2": ScriptedModel(clock: clock, steps: [.fail(.init("HTTP 500"))]),
            "w3": ScriptedModel(clock: clock, steps: [.text("389")]),
            "agg": ScriptedModel(clock: clock, steps: [.text("m")]),
        ])
        let record = await makeController(plan(workers: 3, escalate: 2), models, clock).start()
        #expect(record.quorum == 2)
        #expect(record.status == .succeeded)
        #expect(record.escalation?.steps.map(\.workers) == [[3]])
        #expect(record.output == "389")
    }

    @Test("early quorum ends the first N early; a clear group then needs no escalation")
    func earlyQuorumThenClear() async throws {
        let clock = ManualClock()
        let models = TestModels([
            "w0": ScriptedModel(clock: clock, steps: [.text("389")]),
            "w1": ScriptedModel(clock: clock, steps: [.text("389")]),
            "w2": ScriptedModel(clock: clock, steps: [.text("389")]),
            "w3": ScriptedModel(clock: clock, steps: [.hang]),
            "w4": ScriptedModel(clock: clock, steps: [.hang]),
            "w5": ScriptedModel(clock: clock, steps: [.text("380")]),
            "agg": ScriptedModel(clock: clock, steps: [.text("m")]),
        ])
        let record = await makeController(plan(workers: 5, escalate: 2, earlyQuorum: 3), models, clock).start()
        #expect(record.earlyQuorum?.cancelled == [3, 4])
        #expect(record.escalation?.stop == .clear)
        #expect(record.workers.count == 5)
        #expect(models["w5"].calls == 0)
        #expect(record.workerCalls == 5)
    }

    @Test("early quorum not reached (a split): escalation goes on from the answers there are")
    func earlyQuorumNotReachedEscalates() async throws {
        let clock = ManualClock()
        let models = models(clock, ["389", "380", "406", "389"])
        let record = await makeController(plan(workers: 3, escalate: 1, earlyQuorum: 2), models, clock).start()
        #expect(record.earlyQuorum?.reachedMs == nil)
        #expect(record.escalation?.steps.map(\.workers) == [[3]])
        #expect(record.escalation?.stop == .clear)
        #expect(record.output == "389")
    }

    @Test("escalate(_:) on a finished run without escalation starts the computed number, then merges again")
    func escalateAfterwards() async throws {
        let clock = ManualClock()
        let models = models(clock, ["389", "389", "380", "380", "406", "389", "1"])
        let controller = makeController(testPlan(workers: 5, strategy: .vote, task: "What is 17 * 23?"), models, clock)
        let first = await controller.start()
        #expect(first.escalation == nil)
        #expect(first.aggregations.count == 1)
        var extra = EscalationPlan.continuing(first.plan.workers, budget: 4)
        for j in extra.reserve.indices { extra.reserve[j].model = ModelChoice(provider: "test", model: "w\(5 + j)") }
        let record = await controller.escalate(extra)
        #expect(record.workers.count == 6)
        #expect(record.escalation?.steps.map(\.workers) == [[5]])
        #expect(record.aggregations.count == 2, "merged again with the current strategy")
        #expect(record.output == "389")
        #expect(models["w6"].calls == 0)
        // Once clear, asking again starts nobody and does not merge again.
        let again = await controller.escalate(extra)
        #expect(again.workers.count == 6)
        #expect(again.aggregations.count == 2)
    }

    @Test("nothing before the run started, while it runs, or after cancelAll")
    func escalateRefused() async throws {
        let clock = ManualClock()
        let models = models(clock, ["389", "380", "7"])
        let controller = makeController(testPlan(workers: 2, strategy: .vote), models, clock)
        let extra = EscalationPlan.continuing(testPlan(workers: 2).workers, budget: 1)
        #expect(await controller.escalate(extra).escalation == nil)
        _ = await controller.start()
        await controller.cancelAll()
        let after = await controller.escalate(extra)
        #expect(after.workers.count == 2)
        #expect(after.escalation == nil)
    }

    @Test("cancelAll while extra workers run stops the loop: cancelled")
    func cancelledWhileEscalating() async throws {
        let clock = ManualClock()
        let models = TestModels([
            "w0": ScriptedModel(clock: clock, steps: [.text("389")]),
            "w1": ScriptedModel(clock: clock, steps: [.text("380")]),
            "w2": ScriptedModel(clock: clock, steps: [.hang]),
            "w3": ScriptedModel(clock: clock, steps: [.text("389")]),
            "agg": ScriptedModel(clock: clock, steps: [.text("m")]),
        ])
        let log = EventLog()
        let controller = makeController(plan(workers: 2, escalate: 2), models, clock, events: log.sink)
        let run = Task { await controller.start() }
        #expect(await log.waitFor { if case .workerStarted(let w, _) = $0 { w == 2 } else { false } })
        await controller.cancelAll()
        let record = await run.value
        #expect(record.escalation?.stop == .cancelled)
        #expect(record.workers.count == 3)
        #expect(models["w3"].calls == 0)
    }

    @Test("a follow-up turn plans the same N and reserve again")
    func followUpPlansSame() async throws {
        let clock = ManualClock()
        let models = models(clock, ["389", "380", "389", "9"])
        let controller = makeController(plan(workers: 2, escalate: 2), models, clock)
        let first = await controller.start()
        #expect(first.workers.count == 3)
        let next = try #require(Conversation(first).nextPlan(message: "And 17 * 24?", mode: .own))
        #expect(next.workers.count == 2)
        #expect(next.escalation == first.escalation?.plan)
        #expect(next.history.first?.replies.count == 4, "a reply for each planned and reserve worker")
        let second = await controller.startTurn(message: "And 17 * 24?", mode: .own)
        #expect(second.turn == 2)
        #expect(second.escalation?.budget == 2)
        #expect(second.workers.filter { !$0.escalated }.count == 2)
    }
}

/// A JSON object from encoded data, or nil.
private func jsonObject(_ data: Data) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
}
