import Chorus
import Testing

@Suite("Plan")
struct PlanTests {
    @Test("temperatures spread evenly: worker i of N gets min + i*(max-min)/(N-1)")
    func spread() {
        #expect(Plan.spread(0.2...1.0, count: 3) == [0.2, 0.6, 1.0])
        #expect(Plan.spread(0.2...1.0, count: 5) == [0.2, 0.4, 0.6, 0.8, 1.0])
        #expect(Plan.spread(0.5...0.9, count: 1) == [0.5])
        #expect(Plan.spread(0.0...1.0, count: 0) == [])
    }

    @Test("focus areas go to workers in order, cycling when there are fewer areas")
    func focusCycles() {
        let plan = Plan(task: "t", workerCount: 5, focusAreas: ["cost", "risk"], model: ModelChoice(provider: "p", model: "m"))
        #expect(plan.workers.map(\.focus) == ["cost", "risk", "cost", "risk", "cost"])
        #expect(plan.workers.map(\.label) == ["cost", "risk", "cost", "risk", "cost"])
        #expect(plan.workers.map(\.index) == [0, 1, 2, 3, 4])
    }

    @Test("defaults: 3 workers, 15 s timeout, 0.2...1.0, auto")
    func defaults() {
        let plan = Plan(task: "t", model: ModelChoice(provider: "p", model: "m"))
        #expect(plan.workers.count == 3)
        #expect(plan.workers.allSatisfy { $0.timeout == .seconds(15) && $0.focus == nil })
        #expect(plan.workers.map(\.temperature) == [0.2, 0.6, 1.0])
        #expect(plan.workers.map(\.label) == ["1", "2", "3"])
        #expect(plan.aggregator.strategy == .auto)
        #expect(plan.aggregator.timeout > plan.workers[0].timeout)
    }

    @Test("a focus area is sent as a system message before the task")
    func focusIsSystemMessage() {
        let w = WorkerSpec(index: 0, temperature: 0.3, focus: "cost", model: ModelChoice(provider: "p", model: "m"))
        let request = w.request(task: "Should we split the monolith?")
        #expect(request.messages.map(\.role) == [.system, .user])
        #expect(request.messages[0].content.contains("cost"))
        #expect(request.messages[1].content == "Should we split the monolith?")
        #expect(request.temperature == 0.3)
        let plain = WorkerSpec(index: 1, temperature: 0.3, model: ModelChoice(provider: "p", model: "m"))
        #expect(plain.request(task: "x").messages.map(\.role) == [.user])
    }

    @Test("validate names each unusable setting")
    func validate() {
        var plan = Plan(task: " ", workerCount: 0, model: ModelChoice(provider: "p", model: "m"))
        #expect(plan.validate().count == 2)
        plan = Plan(task: "t", workerCount: 2, model: ModelChoice(provider: "p", model: "m"), timeout: .zero)
        #expect(plan.validate() == ["worker 1: timeout must be above 0 s", "worker 2: timeout must be above 0 s"])
        #expect(Plan(task: "t", model: ModelChoice(provider: "p", model: "m")).validate().isEmpty)
        let early = Plan(task: "t", workerCount: 5, model: ModelChoice(provider: "p", model: "m"), earlyQuorum: 2)
        #expect(early.validate() == ["early quorum: 2 is outside 3...5; it must be at least the quorum (ceil(N/2)) and at most the worker count"])
    }

    @Test("quorum is ceil(N/2)", arguments: [(1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (8, 4), (9, 5)])
    func quorum(n: Int, required: Int) {
        #expect(Quorum.required(workerCount: n) == required)
    }
}

@Suite("Plan's spread rule, one worker at a time")
struct PlanSpreadRuleTests {
    @Test("temperature(forWorker:of:in:) is the spread's i-th value")
    func temperatureForWorker() {
        for n in 0...6 {
            #expect((0..<n).map { Plan.temperature(forWorker: $0, of: n, in: 0.2...1.0) } == Plan.spread(0.2...1.0, count: n))
        }
        #expect(Plan.temperature(forWorker: 0, of: 1, in: 0.5...0.9) == 0.5)
    }

    @Test("focus(forWorker:areas:) cycles, and is nil without areas")
    func focusForWorker() {
        #expect((0..<5).map { Plan.focus(forWorker: $0, areas: ["cost", "risk"]) } == ["cost", "risk", "cost", "risk", "cost"])
        #expect(Plan.focus(forWorker: 3, areas: []) == nil)
    }
}
