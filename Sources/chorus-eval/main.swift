// chorus-eval: how well each aggregation strategy keeps what the fan-out won, on a real model.
//
//   scripts/local-llm start 3
//   swift run -c release chorus-eval --base-url $(scripts/local-llm urls | paste -sd, -)
//
// Runs each question of eval/questions.jsonl through N workers (default 5, temperatures
// 0.2...1.0) in three prompt styles, merges the same answers with every strategy
// (re-aggregation never re-runs the workers), escalates the run by up to 4 workers and merges
// by auto, and grades every output twice (`FreeTextEval`): with the eval's own grader and an
// independent one that cannot use the code under test. Prints each figure with a 95%
// bootstrap interval, the ceiling, the "no single answer" and judge-fallback rates, and calls.
//
//   swift run -c release chorus-eval --structured classify --base-url ...
//
// Answers held to a schema instead (`StructuredEval`): eval/classify.jsonl or eval/extract.jsonl
// through N workers with `--schema`, merged by the per-field vote; prints single-worker and vote
// accuracy, how often needs_review fires and the accuracy on the items it does not flag.
import Chorus
import ChorusEvalKit
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
    /// `--styles bare,words,sentence`: the prompt styles to run (`FreeTextEval.Style`), all by default.
    var styles = FreeTextEval.Style.allCases
    /// `--escalate K`: after the strategies, escalate each run by up to K workers and merge by
    /// `auto` (0: skip).
    var escalate = 4
    /// `--sample-reserve`: also run the escalation reserve's workers the loop did not start and
    /// save their answers in `--details` (`unused_reserve`), for `--rescore` to replay any
    /// stopping rule; no figure counts them.
    var sampleReserve = false
    /// `--parallel Q`: questions in flight at once (their workers share the servers).
    var parallel = 4
    /// `--rescore FILE`: re-read a `--details` file through the current tally, no model call (`Rescore`).
    var rescore: String?
    var verbose = false

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
            case "--styles":
                o.styles = value().split(separator: ",").map { name in
                    FreeTextEval.Style(rawValue: String(name)) ?? { fail("--styles takes bare, words, sentence (comma-separated), not '\(name)'") }()
                }
            case "--escalate": o.escalate = Int(value()).flatMap { $0 >= 0 ? $0 : nil } ?? { fail("--escalate takes a number of workers, 0 or more") }()
            case "--parallel": o.parallel = Int(value()).flatMap { $0 >= 1 ? $0 : nil } ?? { fail("--parallel takes a number, 1 or more") }()
            case "--rescore": o.rescore = value()
            case "--sample-reserve": o.sampleReserve = true
            case "--verbose": o.verbose = true
            case "--enum-order": o.enumOrder = EnumOrder(rawValue: value()) ?? { fail("--enum-order takes rotate or fixed") }()
            case "-h", "--help":
                print("usage: chorus-eval [--questions FILE] [--base-url URL[,URL...]] [--workers N] [--limit N] [--timeout S] [--details FILE.jsonl] [--styles bare,words,sentence] [--escalate K [--sample-reserve]] [--parallel Q] [--rescore DETAILS.jsonl [--verbose]] [--structured classify|extract [--items FILE.jsonl] [--enum-order rotate|fixed]]")
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

let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
if let set = options.structured {
    await StructuredEval.run(options, setName: set)
    exit(0)
}
guard let text = try? String(contentsOfFile: options.questions, encoding: .utf8) else {
    fail("cannot read \(options.questions); run from the repository root or pass --questions FILE")
}
var questions: [EvalQuestion]
do { questions = try EvalQuestion.decodeLines(text) } catch { fail("\(options.questions): \(error)") }
if let limit = options.limit { questions = Array(questions.prefix(limit)) }
if let path = options.rescore {
    Rescore.run(path, questions: questions, verbose: options.verbose)
    exit(0)
}
await FreeTextEval.run(options, questions: questions)
