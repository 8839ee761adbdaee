import Chorus
import ChorusTestSupport
import Foundation
import Synchronization
import Testing

/// A plan whose worker i talks to the model named "w<i>", and whose aggregator talks to "agg",
/// so each test scripts every worker on its own.
func testPlan(
    workers n: Int, strategy: StrategyName = .concatenate, timeout: Duration = .seconds(15),
    idle: Duration = .seconds(10), aggregatorTimeout: Duration = .seconds(45), task: String = "What is the capital of France?",
    fallbackAggregators: [String] = [], earlyQuorum: Int? = nil
) -> Plan {
    let temps = Plan.spread(0.2...1.0, count: n)
    let workers = (0..<n).map { i in
        WorkerSpec(
            index: i, temperature: temps[i], model: ModelChoice(provider: "test", model: "w\(i)"),
            timeout: timeout, idleTimeout: idle)
    }
    return Plan(
        task: task, workers: workers,
        aggregator: AggregatorSpec(
            strategy: strategy, model: ModelChoice(provider: "test", model: "agg"),
            fallbackModels: fallbackAggregators.map { ModelChoice(provider: "test", model: $0) }, timeout: aggregatorTimeout),
        earlyQuorum: earlyQuorum)
}

/// The scripted models of one test run, by model name.
struct TestModels: Sendable {
    var byName: [String: ScriptedModel]

    init(clock: ManualClock, workers: [[ScriptedModel.Step]], aggregator: [ScriptedModel.Step] = [.text("merged")]) {
        var models: [String: ScriptedModel] = [:]
        for (i, steps) in workers.enumerated() { models["w\(i)"] = ScriptedModel(clock: clock, steps: steps) }
        models["agg"] = ScriptedModel(clock: clock, steps: aggregator)
        byName = models
    }

    init(_ byName: [String: ScriptedModel]) { self.byName = byName }

    subscript(_ name: String) -> ScriptedModel { byName[name]! }

    var factory: ModelFactory {
        let models = byName
        return { choice in
            guard let m = models[choice.model] else { throw ScriptedModel.ScriptedError("no model \(choice.model)") }
            return m
        }
    }
}

/// Collects events so tests can wait for one and check their order.
final class EventLog: Sendable {
    private let events = Mutex<[RunEvent]>([])
    var sink: EventSink { { event in self.events.withLock { $0.append(event) } } }
    var all: [RunEvent] { events.withLock { $0 } }

    /// Waits (real time, bounded) until an event matching `predicate` was seen.
    @discardableResult
    func waitFor(_ predicate: (RunEvent) -> Bool) async -> Bool {
        await eventually { self.all.contains(where: predicate) }
    }
}

/// Polls `condition` (yielding, at most 60 s of real time: only a failing test waits that long,
/// and a machine busy with other tests may need more than a few seconds) until it holds.
@discardableResult
func eventually(_ condition: () -> Bool) async -> Bool {
    let start = ContinuousClock.now
    while !condition() {
        if ContinuousClock.now - start > .seconds(60) { return false }
        await Task.yield()
        try? await Task.sleep(for: .microseconds(100))
    }
    return true
}

let fixedDate = Date(timeIntervalSince1970: 1_790_000_000)

func makeController(_ plan: Plan, _ models: TestModels, _ clock: ManualClock, events: EventSink? = nil) -> RunController {
    RunController(plan: plan, models: models.factory, clock: clock, now: { fixedDate }, events: events)
}
