// chorus-ui-preview: the Chorus UI against FAKE, scripted in-memory models (no server, no
// network), for looking at the UI while developing it. Not a user-facing tool.
//
//   swift run chorus-ui-preview [--workers N] [--theme NAME|PATH] [--speed X] [--hostile] [--disagree]
//
// Every third worker fails its first call (HTTP 500) so `r` can be tried; worker 2 sees one
// provider retry (HTTP 429) before its first token. --hostile mixes escape sequences, bidi
// overrides and wide characters into the text. --disagree asks a one-word question (5 workers
// unless --workers says otherwise): most workers say Canberra, one says Sydney, and the merge
// model says Sydney, so the answer differs from the majority and `a` has a split to show.
import Chorus
import ChorusTUI
import ChorusTestSupport
import Foundation
import Synchronization

struct Settings {
    var workers = 3
    var themeName = "default"
    var speed = 1.0
    var hostile = false
    var disagree = false
    var workersGiven = false
}
var parsed = Settings()
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--workers":
        parsed.workers = Int(arguments.next() ?? "") ?? parsed.workers
        parsed.workersGiven = true
    case "--theme": parsed.themeName = arguments.next() ?? parsed.themeName
    case "--speed": parsed.speed = Double(arguments.next() ?? "") ?? parsed.speed
    case "--hostile": parsed.hostile = true
    case "--disagree": parsed.disagree = true
    default:
        FileHandle.standardError.write(Data("usage: chorus-ui-preview [--workers N] [--theme NAME] [--speed X] [--hostile] [--disagree]\n".utf8))
        exit(2)
    }
}

let settings = parsed
let speed = settings.speed
let hostile = settings.hostile
let disagree = settings.disagree
/// --disagree: short answers with a clear majority (worker 3's first call fails, so it is left out
/// until `r` retries it).
let shortAnswers = ["Canberra", "Sydney", "Canberra", "Canberra.", "canberra"]
let paragraphs = [
    "A five-person startup should keep one deployable until the team or traffic forces a split. Microservices add network calls, deploys and on-call load that a small team pays for every day, while the benefits (independent scaling, independent teams) need a size the company has not reached.\n\nStart with a modular monolith: clear module boundaries, one database schema per module, and an internal API between them. That keeps the option to split later at a low price.",
    "Splitting early multiplies the ways a request can fail: every call is a network call, every deploy a coordination problem, every bug a distributed one. With five people there is nobody to own the platform work (tracing, retries, service discovery) that keeps many services healthy.\n\nThe risk of a monolith is mostly social: boundaries erode without discipline. Code review and a few architecture tests catch most of it.",
    "Speed of iteration matters most at this size. A monolith lets five people change anything in one commit, run the whole system on a laptop, and deploy in minutes. Measure before splitting: if one part needs to scale on its own, extract that part, and only that.",
    "From the hiring side: a new engineer is productive in a monolith within days; in a mesh of services it takes weeks to learn where things live.",
    "Operations: one deployable means one pipeline, one set of dashboards and one on-call rotation. 一人で運用できる規模を保つ 🙂 is worth a lot.",
]
let hostileText = "Hostile output: \u{1B}[31mred?\u{1B}[0m \u{1B}]0;pwned\u{07} title? bidi: \u{202E}txet desrever\u{202C} tab:\there CJK 漢字かな emoji 👩‍👩‍👧 flag 🇫🇷 e\u{301}\n"

let model = ModelChoice(provider: "preview", model: "fake-smollm2")
let mergeModel = ModelChoice(provider: "preview", model: "fake-merge")
let focus = ["cost", "risk", "speed", "hiring", "operations"]
let plan = Plan(
    task: disagree ? "What is the capital of Australia? Answer in one word." : "Should a five-person startup use microservices?",
    workerCount: disagree && !settings.workersGiven ? 5 : settings.workers, focusAreas: focus, model: model,
    timeout: .seconds(30), aggregator: AggregatorSpec(strategy: .synthesize, model: mergeModel))
let temperatures = plan.workers.map(\.temperature)
let attempts = Mutex([Int: Int]())
let clock = ContinuousClock()

func pace(_ ms: Double) -> ScriptedModel.Step { .wait(.milliseconds(Int64(ms / speed))) }

func words(_ text: String, every ms: Double) -> [ScriptedModel.Step] {
    var steps: [ScriptedModel.Step] = []
    var word = ""
    for character in text {
        word.append(character)
        if character == " " || character == "\n" {
            steps += [.text(word), pace(ms)]
            word = ""
        }
    }
    if !word.isEmpty { steps.append(.text(word)) }
    return steps
}

let workerModel = ScriptedModel(clock: clock) { request, _ in
    let index = temperatures.firstIndex(of: request.temperature) ?? 0
    let attempt = attempts.withLock { a -> Int in
        a[index, default: 0] += 1
        return a[index]!
    }
    var steps: [ScriptedModel.Step] = [pace(Double(300 + 250 * (index % 4)))]
    if index % 3 == 2 && attempt == 1 {
        return steps + [pace(900), .fail(.init("HTTP 500: internal server error"))]
    }
    if index == 1 && attempt == 1 { steps += [.retrying("HTTP 429: rate limited"), pace(1200)] }
    var text = disagree ? shortAnswers[index % shortAnswers.count] : paragraphs[index % paragraphs.count]
    if hostile && index % 2 == 0 { text = hostileText + text }
    steps += words(text, every: Double(40 + 15 * (index % 5)))
    steps.append(.usage(TokenUsage(promptTokens: 40, completionTokens: text.split(separator: " ").count + 7)))
    return steps
}

let merged = "Keep one service until the team and the traffic force a split. The cost of many services (network failures, deploy coordination, platform work) is paid every day, and their benefits only arrive at a size a five-person team has not reached. Build a modular monolith with firm internal boundaries, and extract a part only when measurements show it must scale on its own."
let mergeModelImpl = ScriptedModel(clock: clock) { request, _ in
    let prompt = request.messages.map(\.content).joined(separator: "\n")
    if prompt.contains("BEST") {
        return [pace(600)] + words("BEST: 1\nREASON: It weighs the daily cost of services against the size of the team.", every: 60)
    }
    // --disagree: the merge model sides with the minority, as a small aggregator sometimes does.
    return [pace(700)] + words(disagree ? "Sydney" : merged, every: 45)
}

let factory: ModelFactory = { choice in choice.model == mergeModel.model ? mergeModelImpl : workerModel }

do {
    let theme = try Theme.load(nameOrPath: settings.themeName)
    let ui = try TerminalUI(options: .init(theme: theme))
    let controller = RunController(plan: plan, models: factory, events: ui.eventSink)
    let outcome = try await ui.run(controller: controller, startRun: true)
    print("chorus-ui-preview (fake models): run \(outcome.session.record.status.rawValue), quit while running: \(outcome.session.quitWhileRunning)")
    if let path = outcome.session.savedPath { print("saved: \(path)") }
    let s = outcome.statistics
    print("frames \(s.frames), messages \(s.messages), cells written \(s.cellsWritten), UI thread CPU \(String(format: "%.3f", s.uiThreadCPUSeconds)) s over \(String(format: "%.1f", s.wallSeconds)) s")
    if let signal = outcome.session.signal { print("ended by signal \(signal)") }
} catch {
    FileHandle.standardError.write(Data("chorus-ui-preview: \(error)\n".utf8))
    exit(1)
}
