import Chorus
import ChorusEvalKit
import ChorusProviders
import Foundation

/// `chorus-eval` on short questions (issue 15): how much of what the fan-out finds each merge
/// keeps, graded twice so a bug in the code under test cannot flatter it.
///
/// Each question of the set goes to N workers (default 5, temperatures 0.2...1.0) in each prompt
/// style (`Style`); the same N answers are then merged by every strategy (re-aggregation never
/// re-runs a worker), and finally the run is escalated (`RunController.escalate`, up to
/// `--escalate K` more workers while no group is clear) and merged by `auto`. Every output is
/// graded by two graders:
/// - the eval's own (`Grade`): the final answer as `AnswerExtraction` reads it, which is the
///   code the vote keys answers with;
/// - an independent one (`IndependentGrade`, in `ChorusEvalKit`, which cannot import the code
///   under test): an accepted answer as whole words, a listing of several answers is no answer.
///
/// Reported per style, each with a 95% bootstrap interval over questions: one worker (the mean
/// of the N), the ceiling (some worker was right), each strategy, `auto --escalate K` and its
/// mean calls; each strategy's "no single answer" rate (the independent grader's verdict), the
/// judge's fallback rate, and the run time. The targets of issue 15 are checked at the end.
enum FreeTextEval {
    /// How the question is put to the workers.
    enum Style: String, CaseIterable, Sendable {
        /// The question as it stands.
        case bare
        /// "Answer in one or two words."
        case words
        /// "Answer in a full sentence."
        case sentence

        func task(_ question: String) -> String {
            switch self {
            case .bare: question
            case .words: question + "\nAnswer in one or two words."
            case .sentence: question + "\nAnswer in a full sentence."
            }
        }

        /// A worker's token cap: room for the answer the style asks for, and no essay.
        var maxTokens: Int {
            switch self {
            case .bare: 64
            case .words: 32
            case .sentence: 48
            }
        }
    }

    /// The measures, in print order. `single` and `ceiling` come from the workers' answers.
    static let strategies: [StrategyName] = [.vote, .synthesize, .judge, .auto]
    static let escalated = "auto --escalate"

    /// One question in one style: what each grader said of each measure, and the counts.
    struct Outcome: Sendable {
        var own: [String: Double] = [:]
        var independent: [String: Double] = [:]
        /// 1 when the independent grader found no single answer in the measure's output.
        var noSingle: [String: Double] = [:]
        var judgeFellBack = false
        var autoCalls = 0
        var escalatedCalls = 0
        /// Workers the escalation started (0 when a group was clear after the first N).
        var extraWorkers = 0
        var autoPath: String?
        /// The question's line for `--details`, as JSON (one object).
        var details = Data()
    }

    static func run(_ options: Options, questions: [EvalQuestion]) async {
        let http = ProviderHTTPClient(maxConnectionsPerHost: max(8, (options.workers + options.escalate) * options.parallel + 2))
        let started = ContinuousClock.now
        let details = options.details.flatMap { path -> FileHandle? in
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            return FileHandle(forWritingAtPath: path)
        }
        var report: [String] = []
        var targets: [String] = []
        for style in options.styles {
            let styleStarted = ContinuousClock.now
            var outcomes = [Outcome?](repeating: nil, count: questions.count)
            var done = 0
            await withTaskGroup(of: (Int, Outcome).self) { group in
                var next = 0
                func launch() {
                    guard next < questions.count else { return }
                    let n = next
                    next += 1
                    group.addTask { (n, await ask(questions[n], number: n, style: style, options: options, http: http)) }
                }
                for _ in 0..<max(1, options.parallel) { launch() }
                for await (n, outcome) in group {
                    outcomes[n] = outcome
                    done += 1
                    details?.write(outcome.details + Data("\n".utf8))
                    if done % 10 == 0 || done == questions.count {
                        let elapsed = (ContinuousClock.now - started).seconds
                        FileHandle.standardError.write(
                            Data("chorus-eval: \(style.rawValue) \(done)/\(questions.count) questions, \(Int(elapsed)) s\n".utf8))
                    }
                    launch()
                }
            }
            let results = outcomes.compactMap { $0 }
            let seconds = (ContinuousClock.now - styleStarted).seconds
            let (lines, checks) = table(style: style, results: results, options: options, seconds: seconds)
            report += lines
            targets += checks
            // Printed as each style ends, so a long run shows its first table early.
            FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
        try? await http.shutdown()
        print("\ntargets (issue 15):")
        print(targets.joined(separator: "\n"))
        print(String(format: "time: %.0f s in all", (ContinuousClock.now - started).seconds))
    }

    /// Runs one question in one style and grades every measure.
    /// `number` spreads the load: question n's workers start at server n and its merges go to
    /// server n (one llama-cpp-python server answers one request at a time, and a run's merge
    /// calls are sequential, so with every merge on the first server it was the bottleneck).
    static func ask(_ q: EvalQuestion, number: Int, style: Style, options: Options, http: ProviderHTTPClient) async -> Outcome {
        let task = style.task(q.question)
        let n = options.workers
        func server(_ k: Int) -> String { options.baseURLs[k % options.baseURLs.count] }
        let temperatures = Plan.spread(0.2...1.0, count: n)
        func spec(_ i: Int, temperature: Double) -> WorkerSpec {
            WorkerSpec(
                index: i, temperature: temperature,
                model: ModelChoice(provider: "openai", model: options.model, baseURL: server(number + i)),
                maxTokens: style.maxTokens, timeout: options.timeout, idleTimeout: .seconds(30))
        }
        let plan = Plan(
            task: task, workers: (0..<n).map { spec($0, temperature: temperatures[$0]) },
            aggregator: AggregatorSpec(
                strategy: .vote, model: ModelChoice(provider: "openai", model: options.model, baseURL: server(number)),
                maxTokens: 64, timeout: options.timeout))
        let controller = RunController(plan: plan, models: { choice in
            try makeModel(ProviderSettings(kind: .openai, baseURL: choice.baseURL), http: http)
        })
        var record = await controller.start()
        var out = Outcome()
        var details: [String: Any] = ["style": style.rawValue]
        func grade(_ name: String, _ output: String?) {
            let own = Grade.isCorrect(output, accepted: q.answers, task: q.question)
            let verdict = IndependentGrade.grade(output, accepted: q.answers, choices: q.choices ?? [])
            out.own[name] = own ? 1 : 0
            out.independent[name] = verdict == .correct ? 1 : 0
            out.noSingle[name] = verdict == .noSingleAnswer ? 1 : 0
            details[name] = output ?? NSNull()
            details["\(name)_grades"] = [own ? "correct" : "wrong", verdict.rawValue]
        }
        // The workers: one worker is the mean of the N; the ceiling is "some worker was right".
        let texts = record.workers.map { $0.succeeded ? $0.text : nil }
        let ownRight = texts.map { Grade.isCorrect($0, accepted: q.answers, task: q.question) }
        let independentRight = texts.map { IndependentGrade.grade($0, accepted: q.answers, choices: q.choices ?? []) == .correct }
        out.own["single"] = Double(ownRight.filter { $0 }.count) / Double(max(1, n))
        out.independent["single"] = Double(independentRight.filter { $0 }.count) / Double(max(1, n))
        out.own["ceiling"] = ownRight.contains(true) ? 1 : 0
        out.independent["ceiling"] = independentRight.contains(true) ? 1 : 0
        details["id"] = q.id
        details["kind"] = q.kind ?? NSNull()
        details["workers"] = texts.map { $0 ?? NSNull() as Any }
        details["workers_grades"] = zip(ownRight, independentRight).map { [$0 ? "correct" : "wrong", $1 ? "correct" : "wrong"] }

        for strategy in strategies {
            record = await controller.reaggregate(strategy: strategy)
            grade(strategy.rawValue, record.output)
            if strategy == .judge { out.judgeFellBack = record.latestAggregation?.fallbackUsed ?? true }
            if strategy == .auto {
                out.autoCalls = calls(record)
                out.autoPath = record.latestAggregation?.path?.rawValue
                details["auto_reason"] = record.latestAggregation?.reason ?? NSNull()
            }
        }
        // Escalation continues the same run: its first N answers are the ones just merged, so
        // the comparison is paired. The extras are planned as `chorus run --escalate` plans them
        // (`EscalationPlan.continuing`: new temperatures between the first N's, never a copy).
        if options.escalate > 0 {
            let escalation = EscalationPlan.continuing(plan.workers, budget: options.escalate)
            record = await controller.escalate(escalation)
            grade(escalated, record.output)
            out.escalatedCalls = calls(record)
            out.extraWorkers = record.workers.count - n
            details["escalation"] = record.escalation?.reason ?? NSNull()
            let extra = record.workers.dropFirst(n).map { $0.succeeded ? $0.text : nil }
            details["extra_workers"] = extra.map { $0 ?? NSNull() as Any }
            details["extra_workers_grades"] = extra.map {
                [Grade.isCorrect($0, accepted: q.answers, task: q.question) ? "correct" : "wrong",
                 IndependentGrade.grade($0, accepted: q.answers, choices: q.choices ?? []).rawValue]
            }
            details["escalated_reason"] = record.latestAggregation?.reason ?? NSNull()
            // `--sample-reserve`: the reserve workers the loop did not start, run apart (their
            // answers touch no figure above), so `--rescore` can replay any stopping rule over
            // the whole budget instead of running out where this run's rule stopped.
            if options.sampleReserve, out.extraWorkers < escalation.reserve.count {
                let unused = escalation.reserve.dropFirst(out.extraWorkers).enumerated().map { j, spec -> WorkerSpec in
                    var spec = spec
                    spec.index = j
                    spec.model.baseURL = server(number + n + out.extraWorkers + j)
                    return spec
                }
                let sampler = RunController(
                    plan: Plan(task: task, workers: unused, aggregator: AggregatorSpec(strategy: .concatenate, model: plan.aggregator.model)),
                    models: { choice in try makeModel(ProviderSettings(kind: .openai, baseURL: choice.baseURL), http: http) })
                let sampled = await sampler.start().workers.map { $0.succeeded ? $0.text : nil }
                details["unused_reserve"] = sampled.map { $0 ?? NSNull() as Any }
            }
        }
        out.details = (try? JSONSerialization.data(withJSONObject: details, options: [.sortedKeys])) ?? Data()
        return out
    }

    /// Model calls the run made for its answer: every worker attempt, plus the merge's calls when
    /// the latest aggregation called a model (`AggregationRecord.modelCalls`).
    static func calls(_ record: RunRecord) -> Int {
        record.workers.reduce(0) { $0 + $1.allAttempts.count } + (record.latestAggregation?.modelCalls ?? 0)
    }

    /// The style's table and its target lines.
    static func table(style: Style, results: [Outcome], options: Options, seconds: Double) -> (lines: [String], targets: [String]) {
        let k = options.escalate
        var names = ["single", "ceiling"] + strategies.map(\.rawValue)
        if k > 0 { names.append(escalated) }
        func label(_ name: String) -> String {
            switch name {
            case "single": "one worker (mean of \(options.workers))"
            case "ceiling": "some worker right (ceiling)"
            case escalated: "auto --escalate \(k)"
            default: name
            }
        }
        func cell(_ scores: [Double]) -> String {
            let r = Bootstrap.interval(scores)
            return String(format: "%5.1f%% [%4.1f, %4.1f]", r.mean * 100, r.low * 100, r.high * 100)
        }
        var lines = [
            "",
            "style: \(style.rawValue) (\(results.count) questions × \(options.workers) workers, \(String(format: "%.0f", seconds)) s)",
            "measure                      eval's grader          independent grader     no single answer",
        ]
        var means: [String: (own: Double, independent: Double)] = [:]
        for name in names {
            let own = results.map { $0.own[name] ?? 0 }
            let independent = results.map { $0.independent[name] ?? 0 }
            means[name] = (Bootstrap.interval(own).mean * 100, Bootstrap.interval(independent).mean * 100)
            let noSingle = (name == "single" || name == "ceiling") ? "" : cell(results.map { $0.noSingle[name] ?? 0 })
            lines.append(label(name).padding(toLength: 28, withPad: " ", startingAt: 0) + " " + cell(own) + "   " + cell(independent) + "   " + noSingle)
        }
        let fellBack = results.map { $0.judgeFellBack ? 1.0 : 0 }
        lines.append("judge fell back to concatenation: " + cell(fellBack))
        var paths: [String: Int] = [:]
        for r in results { paths[r.autoPath ?? "none", default: 0] += 1 }
        lines.append("auto took: " + paths.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        let autoCalls = Double(results.map(\.autoCalls).reduce(0, +)) / Double(max(1, results.count))
        lines.append(String(format: "mean calls per question: auto %.2f", autoCalls))
        var checks: [String] = []
        for (grader, pick) in [("eval's grader", { (m: (own: Double, independent: Double)) in m.own }), ("independent", { $0.independent })] {
            let auto = pick(means["auto"]!), vote = pick(means["vote"]!), synth = pick(means["synthesize"]!)
            let judge = pick(means["judge"]!), single = pick(means["single"]!), ceiling = pick(means["ceiling"]!)
            checks.append(String(
                format: "%@ · %@: auto ≥ max(vote, synthesize) − 2: %@ (%.1f vs %.1f); judge ≥ one worker: %@ (%.1f vs %.1f)",
                style.rawValue, grader, auto >= max(vote, synth) - 2 ? "met" : "MISSED", auto, max(vote, synth),
                judge >= single ? "met" : "MISSED", judge, single))
            if k > 0 {
                let escalated = pick(means[escalated]!)
                let recovered = ceiling > single ? (escalated - single) / (ceiling - single) : 0
                let escalatedCalls = Double(results.map(\.escalatedCalls).reduce(0, +)) / Double(max(1, results.count))
                let ratio = escalatedCalls / max(1, autoCalls)
                checks.append(String(
                    format: "%@ · %@: auto --escalate %d recovers ≥ half the gap: %@ (%.0f%% of %.1f points) at ≤ 1.6× calls: %@ (%.2f calls, %.2f×)",
                    style.rawValue, grader, k, recovered >= 0.5 ? "met" : "MISSED", recovered * 100, ceiling - single,
                    ratio <= 1.6 ? "met" : "MISSED", escalatedCalls, ratio))
            }
        }
        let fallback = fellBack.reduce(0, +) / Double(max(1, fellBack.count))
        checks.append(String(format: "%@: judge fallback < 5%%: %@ (%.1f%%)", style.rawValue, fallback < 0.05 ? "met" : "MISSED", fallback * 100))
        if k > 0 {
            let escalatedCalls = Double(results.map(\.escalatedCalls).reduce(0, +)) / Double(max(1, results.count))
            let escalatedRuns = results.filter { $0.extraWorkers > 0 }.count
            lines.append(String(format: "mean calls per question: auto --escalate %d %.2f (escalated on %d of %d)", k, escalatedCalls, escalatedRuns, results.count))
        }
        return (lines, checks)
    }
}
