@testable import Chorus
import ChorusTestSupport
import Testing

/// The judge's passes (`Judge`): the shuffled order recorded and undone, the reversed second
/// pass, how two picks are reconciled, and what is recorded when a pass names nothing or fails.
/// The judge model is scripted; `JudgeWireTests` sends the same requests over real HTTP.
@Suite("Judge: shuffled and reversed passes")
struct JudgeTests {
    static let task = "What is the capital of France?"

    static func input(_ texts: [String]) -> AggregationInput {
        AggregationInput(
            task: task, answers: texts.enumerated().map { Answer(worker: $0, label: "\($0 + 1)", text: $1) }, strategy: .judge)
    }

    static func call(_ model: ScriptedModel) -> AggregatorFallback {
        let spec = testPlan(workers: 2, strategy: .judge).aggregator
        return AggregatorFallback(chain: [.init(choice: spec.model, model: model)], spec: spec, events: nil)
    }

    /// A judge that reads the prompt it was sent and names the number shown for `text`: right
    /// whatever the order, so it shows the shuffle is undone.
    static func picking(_ text: String, clock: ManualClock, reason: String = "most complete") -> ScriptedModel {
        ScriptedModel(clock: clock) { request, _ in
            let prompt = request.messages.last?.content ?? ""
            let k = (1...9).first { prompt.contains("Answer \($0):\n\(text)\n") } ?? 0
            return [.text(#"{"best": \#(k), "reason": "\#(reason)"}"#)]
        }
    }

    /// A judge with a position bias: answer 1, whatever the text (measured on SmolLM2-135M).
    static func first(clock: ManualClock) -> ScriptedModel { ScriptedModel(clock: clock, steps: [.text(#"{"best": 1}"#)]) }

    @Test("pick k in the shuffled order maps back to the worker shown k-th", arguments: 1...4)
    func shuffleUndone(k: Int) async throws {
        let clock = ManualClock()
        let model = ScriptedModel(clock: clock, steps: [.text("{\"best\": \(k)}")])
        let call = Self.call(model)
        let order = [2, 0, 3, 1]
        let result = try await Judge(passes: 1, ordering: .workers(order))
            .aggregate(Self.input(["A", "B", "C", "D"]), call: call)
        #expect(result.chosenWorker == order[k - 1])
        #expect(result.output == ["A", "B", "C", "D"][order[k - 1]])
        let judge = try #require(call.judge)
        #expect(judge.passes.map(\.order) == [order])
        #expect(judge.passes.first?.pick == k)
        #expect(judge.passes.first?.worker == order[k - 1])
        #expect(judge.decision == .onePass)
        // The prompt showed the answers in that order.
        let prompt = model.requests[0].messages.last!.content
        #expect(prompt.contains("Answer 1:\nC\n\nAnswer 2:\nA\n\nAnswer 3:\nD\n\nAnswer 4:\nB"))
    }

    @Test func theSeededOrderIsAReproduciblePermutationThatMoves() {
        var orders: Set<[Int]> = []
        for i in 0..<20 {
            let input = AggregationInput(
                task: "question \(i)", answers: (0..<5).map { Answer(worker: $0, label: "\($0 + 1)", text: "answer \($0)") })
            let order = Judge.firstOrder(input, ordering: .seeded)
            #expect(order.sorted() == [0, 1, 2, 3, 4])
            #expect(Judge.firstOrder(input, ordering: .seeded) == order, "the same task and answers: the same order")
            orders.insert(order)
        }
        #expect(orders.count > 10, "different tasks get different orders")
        #expect(!orders.contains([0, 1, 2, 3, 4]) || orders.count > 1)
        // The answers are part of the seed too.
        let a = Self.input(["Paris", "Lyon", "Nice", "Lille", "Metz"])
        let orderA = Judge.firstOrder(a, ordering: .seeded)
        let changed = (0..<10).map { n in
            Judge.firstOrder(Self.input(["Paris \(n)", "Lyon", "Nice", "Lille", "Metz"]), ordering: .seeded)
        }
        #expect(changed.contains { $0 != orderA })
    }

    @Test func bothOrdersPickingTheSameAnswerIsTheJudgesPick() async throws {
        let clock = ManualClock()
        let model = Self.picking("Paris, on the Seine", clock: clock)
        let call = Self.call(model)
        let result = try await Judge().aggregate(Self.input(["Paris", "Paris, on the Seine", "Lyon"]), call: call)
        #expect(model.calls == 2)
        #expect(result.chosenWorker == 1)
        #expect(result.output == "Paris, on the Seine")
        #expect(result.reason == "most complete")
        #expect(result.promptVersion == "judge-v3")
        let judge = try #require(call.judge)
        #expect(judge.decision == .agreed)
        #expect(judge.how == "both orders picked worker 2")
        #expect(judge.passes.count == 2)
        #expect(judge.passes[1].order == judge.passes[0].order.reversed())
        #expect(judge.passes.map(\.worker) == [1, 1])
        #expect(judge.passes.allSatisfy { $0.reply?.hasPrefix("{\"best\"") == true })
    }

    @Test func aPositionalJudgeIsCaughtAndTheTallyDecides() async throws {
        let clock = ManualClock()
        let call = Self.call(Self.first(clock: clock))
        // Shown Lyon, Paris, Paris; then Paris, Paris, Lyon: "1" is Lyon, then a Paris.
        let result = try await Judge(ordering: .workers([2, 0, 1])).aggregate(Self.input(["Paris", "Paris", "Lyon"]), call: call)
        #expect(result.chosenWorker == 1)
        #expect(result.reason == "the orders disagreed (worker 3 shuffled, worker 2 reversed); took worker 2: 2 workers behind its answer vs 1")
        let judge = try #require(call.judge)
        #expect(judge.decision == .tally)
        #expect(judge.passes.map(\.order) == [[2, 0, 1], [1, 0, 2]])
        #expect(judge.passes.map(\.pick) == [1, 1])
        #expect(judge.passes.map(\.worker) == [2, 1])
    }

    @Test func disagreeingPicksWithAsManyBehindEachTakeTheFirstPass() async throws {
        let clock = ManualClock()
        let call = Self.call(Self.first(clock: clock))
        let result = try await Judge(ordering: .workers([1, 0, 2])).aggregate(Self.input(["Paris", "Lyon", "Nice"]), call: call)
        #expect(result.chosenWorker == 1)
        #expect(call.judge?.decision == .firstPass)
        #expect(result.reason?.hasSuffix("as many behind each (1 worker), so the shuffled order's pick") == true)
    }

    @Test func onePassNamingNoAnswerLeavesTheOthersPick() async throws {
        let clock = ManualClock()
        let model = ScriptedModel(clock: clock) { _, call in call == 0 ? [.text("They are all fine.")] : [.text(#"{"best": 3}"#)] }
        let call = Self.call(model)
        let result = try await Judge(ordering: .workers([0, 1, 2])).aggregate(Self.input(["A", "B", "C"]), call: call)
        // Reversed: C, B, A; answer 3 is worker 1 ("A").
        #expect(result.chosenWorker == 0)
        let judge = try #require(call.judge)
        #expect(judge.decision == .onePass)
        #expect(judge.how == "the reversed order picked worker 1; the shuffled order named no answer")
        #expect(judge.passes[0].reply == "They are all fine.")
        #expect(judge.passes[0].pick == nil)
    }

    @Test func aSecondPassThatFailsLeavesTheFirstPassesPick() async throws {
        let clock = ManualClock()
        let model = ScriptedModel(clock: clock) { _, call in
            call == 0 ? [.text(#"{"best": 2}"#)] : [.fail(.init("HTTP 503 overloaded"))]
        }
        let call = Self.call(model)
        let result = try await Judge(ordering: .workers([0, 1, 2])).aggregate(Self.input(["A", "B", "C"]), call: call)
        #expect(result.chosenWorker == 1)
        let judge = try #require(call.judge)
        #expect(judge.decision == .onePass)
        #expect(judge.passes[1].error == "agg: HTTP 503 overloaded")
        #expect(judge.how == "the shuffled order picked worker 2; the reversed order failed (agg: HTTP 503 overloaded)")
    }

    /// Found by a trial against the fake server: the first pass's HTTP 400 from every aggregator
    /// model ended the merge, and the reversed pass, which the server answered, was never sent.
    @Test func aFirstPassThatFailsLeavesTheSecondPassesPick() async throws {
        let clock = ManualClock()
        let model = ScriptedModel(clock: clock) { _, call in
            call == 0 ? [.fail(.init("HTTP 400 bad request"))] : [.text(#"{"best": 3}"#)]
        }
        let call = Self.call(model)
        let result = try await Judge(ordering: .workers([0, 1, 2])).aggregate(Self.input(["A", "B", "C"]), call: call)
        #expect(model.calls == 2)
        // Reversed: C, B, A; answer 3 is worker 1 ("A").
        #expect(result.chosenWorker == 0)
        #expect(result.output == "A")
        let judge = try #require(call.judge)
        #expect(judge.decision == .onePass)
        #expect(judge.worker == 0)
        #expect(judge.passes.map(\.error) == ["agg: HTTP 400 bad request", nil])
        #expect(judge.how == "the reversed order picked worker 1; the shuffled order failed (agg: HTTP 400 bad request)")
        #expect(result.reason == judge.how)
    }

    @Test func everyPassFailingIsTheMergesFailure() async throws {
        let clock = ManualClock()
        let model = ScriptedModel(clock: clock, steps: [.fail(.init("HTTP 503 overloaded"))])
        let call = Self.call(model)
        await #expect(throws: AggregationError.self) {
            try await Judge().aggregate(Self.input(["A", "B", "C"]), call: call)
        }
        #expect(model.calls == 2, "the second pass is sent after the first failed")
        #expect(call.judge?.decision == .failed)
        #expect(call.judge?.passes.map(\.error) == ["agg: HTTP 503 overloaded", "agg: HTTP 503 overloaded"])
    }

    @Test func aFailedPassAndOneNamingNoAnswerIsTheFailure() async throws {
        let clock = ManualClock()
        let model = ScriptedModel(clock: clock) { _, call in
            call == 0 ? [.fail(.init("HTTP 400 bad request"))] : [.text("They are all fine.")]
        }
        let call = Self.call(model)
        await #expect(throws: AggregationError.self) {
            try await Judge().aggregate(Self.input(["A", "B", "C"]), call: call)
        }
        #expect(model.calls == 2)
        #expect(call.judge?.decision == .failed)
        #expect(call.judge?.passes.map(\.reply) == [nil, "They are all fine."])
    }

    @Test func noPassNamingAnAnswerIsNoPickWithEveryReplyRecorded() async throws {
        let clock = ManualClock()
        let model = ScriptedModel(clock: clock) { _, call in [.text(call == 0 ? "They are all fine." : "2 or 3")] }
        let call = Self.call(model)
        do {
            _ = try await Judge().aggregate(Self.input(["A", "B", "C"]), call: call)
            Issue.record("a judge that named no answer must throw")
        } catch let error as AggregationError {
            #expect(error.message == "the judge named no answer between 1 and 3")
            #expect(error.usage != nil, "both calls were made: their usage counts")
        }
        let judge = try #require(call.judge)
        #expect(judge.decision == JudgeRecord.Decision.none)
        #expect(judge.worker == nil)
        #expect(judge.passes.map(\.reply) == ["They are all fine.", "2 or 3"])
    }

    @Test func theRequestAsksForAnIntegerEnumOfTheAnswerNumbers() async throws {
        let clock = ManualClock()
        let model = Self.first(clock: clock)
        _ = try await Judge().aggregate(Self.input(["A", "B", "C"]), call: Self.call(model))
        let schema = try #require(model.requests.first?.responseSchema)
        #expect(schema == Judge.pickSchema(count: 3))
        #expect(schema.name == "judge_pick")
        let best = try #require(schema.schema["properties"]?["best"])
        #expect(best["type"] == .string("integer"))
        #expect(best["enum"] == .array([.number(1), .number(2), .number(3)]))
        #expect(schema.schema["required"] == .array([.string("best")]))
        #expect(schema.schema["properties"]?["reason"]?["maxLength"] == .number(Double(Judge.reasonMaxLength)))
        #expect(model.requests.allSatisfy { $0.responseSchema == schema })
    }

    @Test func theAgreementLinesNameTheAnswersByTheNumbersShown() {
        let input = Self.input(["Paris", "Paris", "Lyon"])
        let block = Judge.answersBlock(input, order: [2, 0, 1])
        #expect(block.contains("Answer 1:\nLyon\n\nAnswer 2:\nParis\n\nAnswer 3:\nParis"))
        #expect(block.contains("2 of 3 answers say: Paris (answers 2, 3)"))
        #expect(block.contains("1 of 3 answers say: Lyon (answer 1)"))
        #expect(!block.contains("worker"))
    }
}
