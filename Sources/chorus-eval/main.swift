// chorus-eval: how well each aggregation strategy keeps what the fan-out won, on a real model.
//
//   scripts/local-llm start 3
//   swift run -c release chorus-eval --base-url $(scripts/local-llm urls | paste -sd, -)
//
// Runs each question of eval/questions.jsonl through N workers (default 5, temperatures
// 0.2...1.0), then aggregates the same answers with every strategy (re-aggregation never re-runs
// the workers) and prints accuracy with 95% bootstrap intervals.
//
//   swift run -c release chorus-eval --structured classify --base-url ...
//
// Answers held to a schema instead (`StructuredEval`): eval/classify.jsonl or eval/extract.jsonl
// through N workers with `--schema`, merged by the per-field vote; prints single-worker and vote
// accuracy, how often needs_review fires and the accuracy on the items it does not flag.
import Chorus
import ChorusProviders
import Foundation

struct Options {
    var questions = "eval/questions.jsonl"
    var baseURLs: [String] = ["http://127.0.0.1:8080/v1"]
    var workers = 5
    var limit: Int?
    var timeout: Duration = .seconds(120)
    var model = "smollm2"
    var details: String?
    /// `--structured classify|extract`: the structured eval (`StructuredEval`).
    var structured: String?
    /// `--enum-order rotate|fixed`: as `chorus run --enum-order` (default rotate).
    var enumOrder = EnumOrder.rotate
    /// `--items FILE`: the structured eval's set, instead of the set's own file.
    var items: String?

    static func parse(_ args: [String]) -> Options {
        var o = Options()
        var i = 0
        func value() -> String {
            i += 1
            guard i < args.count else { fail("\(args[i - 1]) needs a value") }
            return args[i]
        }
        while i < args.count {
            switch args[i] {
            case "--questions": o.questions = value()
            case "--base-url": o.baseURLs = value().split(separator: ",").map(String.init)
            case "--workers": o.workers = Int(value()) ?? { fail("--workers takes a number") }()
            case "--limit": o.limit = Int(value()) ?? { fail("--limit takes a number") }()
            case "--timeout": o.timeout = .seconds(Double(value()) ?? { fail("--timeout takes seconds") }())
            case "--model": o.model = value()
            case "--details": o.details = value()
            case "--structured": o.structured = value()
            case "--items": o.items = value()
            case "--enum-order": o.enumOrder = EnumOrder(rawValue: value()) ?? { fail("--enum-order takes rotate or fixed") }()
            case "-h", "--help":
                print("usage: chorus-eval [--questions FILE] [--base-url URL[,URL...]] [--workers N] [--limit N] [--timeout S] [--details FILE.jsonl] [--structured classify|extract [--items FILE.jsonl] [--enum-order rotate|fixed]]")
                exit(0)
            default: fail("unknown option \(args[i]); see --help")
            }
            i += 1
        }
        return o
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("chorus-eval: \(message)\n".utf8))
    exit(64)
}

struct Question: Decodable {
    var id: String
    var question: String
    var answers: [String]
}

let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
if let set = options.structured {
    await StructuredEval.run(options, setName: set)
    exit(0)
}
guard let text = try? String(contentsOfFile: options.questions, encoding: .utf8) else {
    fail("cannot read \(options.questions); run from the repository root or pass --questions FILE")
}
var questions = try text.split(separator: "\n").map { try JSONDecoder().decode(Question.self, from: Data($0.utf8)) }
if let limit = options.limit { questions = Array(questions.prefix(limit)) }

let http = ProviderHTTPClient(maxConnectionsPerHost: max(8, options.workers + 2))
let strategies: [StrategyName] = [.vote, .synthesize, .judge, .auto]
var scores: [String: [Double]] = ["single (mean)": []]
for s in strategies { scores[s.rawValue] = [] }
var autoPaths: [String: Int] = [:]
var disagreements = 0
let started = ContinuousClock.now
let details = options.details.flatMap { path -> FileHandle? in
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    return FileHandle(forWritingAtPath: path)
}

for (n, q) in questions.enumerated() {
    let task = q.question + "\nAnswer with just the answer, in a few words."
    let workers = (0..<options.workers).map { i in
        WorkerSpec(
            index: i, temperature: Plan.spread(0.2...1.0, count: options.workers)[i],
            model: ModelChoice(provider: "openai", model: options.model, baseURL: options.baseURLs[i % options.baseURLs.count]),
            maxTokens: 32, timeout: options.timeout, idleTimeout: .seconds(30))
    }
    let plan = Plan(
        task: task, workers: workers,
        aggregator: AggregatorSpec(
            strategy: .vote, model: ModelChoice(provider: "openai", model: options.model, baseURL: options.baseURLs[0]),
            maxTokens: 64, timeout: options.timeout))
    let controller = RunController(plan: plan, models: { choice in
        try makeModel(ProviderSettings(kind: .openai, baseURL: choice.baseURL), http: http)
    })
    var record = await controller.start()
    let answered = record.workers.map { Grade.isCorrect($0.succeeded ? $0.text : nil, accepted: q.answers, task: q.question) }
    scores["single (mean)"]!.append(Double(answered.filter { $0 }.count) / Double(max(1, answered.count)))
    var line: [String: Any] = ["id": q.id, "question": q.question, "workers": record.workers.map(\.text), "workers_correct": answered]
    for s in strategies {
        record = await controller.reaggregate(strategy: s)
        let output = record.output
        let ok = Grade.isCorrect(output, accepted: q.answers, task: q.question)
        scores[s.rawValue]!.append(ok ? 1 : 0)
        line[s.rawValue] = output ?? NSNull()
        line["\(s.rawValue)_correct"] = ok
        if s == .auto, let path = record.latestAggregation?.path { autoPaths[path.rawValue, default: 0] += 1 }
        if record.latestAggregation?.disagreesWithMajority == true { disagreements += 1 }
    }
    if let details, let data = try? JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]) {
        details.write(data + Data("\n".utf8))
    }
    let done = n + 1
    if done % 10 == 0 || done == questions.count {
        let elapsed = (ContinuousClock.now - started).seconds
        FileHandle.standardError.write(Data("chorus-eval: \(done)/\(questions.count) questions, \(Int(elapsed)) s\n".utf8))
    }
}
try? await http.shutdown()

let elapsed = (ContinuousClock.now - started).seconds
print("chorus-eval: \(questions.count) questions × \(options.workers) workers, model \(options.model) at \(options.baseURLs.joined(separator: ", "))")
print("strategy        accuracy   95% bootstrap interval")
var means: [String: Double] = [:]
for name in ["single (mean)"] + strategies.map(\.rawValue) {
    let r = Bootstrap.interval(scores[name]!)
    means[name] = r.mean * 100
    print(
        name.padding(toLength: 15, withPad: " ", startingAt: 0),
        String(format: "%5.1f%%     [%4.1f, %4.1f]", r.mean * 100, r.low * 100, r.high * 100))
}
print("auto took: " + autoPaths.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
print("LLM answers that contradicted a strict majority (flagged in the record): \(disagreements)")
let single = means["single (mean)"]!, vote = means["vote"]!, auto = means["auto"]!, synth = means["synthesize"]!
print(String(format: "targets: vote ≥ single + 8: %@ (%+.1f); auto ≥ vote − 2: %@ (%+.1f); synthesize ≥ single: %@ (%+.1f)",
    vote >= single + 8 ? "met" : "MISSED", vote - single, auto >= vote - 2 ? "met" : "MISSED", auto - vote,
    synth >= single ? "met" : "MISSED", synth - single))
print(String(format: "time: %.0f s", elapsed))
