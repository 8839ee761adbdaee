import Chorus
import ChorusTestSupport
import Foundation
import Synchronization
import Testing

@testable import ChorusCLI

/// The commands end to end in-process: arguments in, stdout/stderr/exit status out.
@Suite struct CommandTests {
    // MARK: - Help, version, completions

    @Test func helpListsCommandsAndExitCodes() async {
        let h = Harness()
        #expect(await h.run(["--help"]) == 0)
        #expect(h.out.text.contains("chorus run [TASK] [--json] [options]"))
        #expect(h.out.text.contains("Exit codes:"))
        #expect(h.out.text.contains("64   bad usage or config"))
        #expect(h.err.text.isEmpty)
        let ui = Harness()
        #expect(await ui.run(["ui", "--help"]) == 0)
        #expect(ui.out.text.contains("--idle-timeout <seconds>"))
        #expect(!ui.out.text.contains("--json"))
    }

    @Test func runHelpHasJSONAndTheFlags() async {
        let h = Harness()
        #expect(await h.run(["run", "--help"]) == 0)
        #expect(h.out.text.contains("--json"))
        #expect(h.out.text.contains("--aggregator-timeout <seconds>"))
    }

    @Test func versionAndCompletionScript() async {
        let h = Harness()
        #expect(await h.run(["--version"]) == 0)
        #expect(h.out.text == "0.1.0\n")
        let c = Harness()
        #expect(await c.run(["--generate-completion-script", "bash"]) == 0)
        #expect(c.out.text.contains("_chorus"))
    }

    // MARK: - Bad input: one line, usage exit code

    func badInput(_ arguments: [String], config: String? = nil) async -> (Int32, String) {
        let h = Harness()
        if let config { h.writeConfig(config) }
        let code = await h.run(arguments)
        #expect(h.out.text.isEmpty, "nothing on stdout for bad input")
        #expect(h.err.text.filter { $0 == "\n" }.count == 1, "exactly one line: \(h.err.text)")
        return (code, h.err.text)
    }

    @Test func unknownFlag() async {
        let (code, err) = await badInput(["run", "q", "--wrkers", "3"])
        #expect(code == 64)
        #expect(err.hasPrefix("chorus: Unknown option '--wrkers'"))
        #expect(err.hasSuffix("(see chorus --help)\n"))
    }

    @Test func badFlagValues() async {
        #expect(await badInput(["run", "q", "--workers", "0"]) == (64, "chorus: --workers 0: use at least 1 worker (e.g. 3)\n"))
        #expect(await badInput(["run", "q", "--workers", "lots"]) == (64, "chorus: --workers lots: expected a worker count (a whole number)\n"))
        #expect(
            await badInput(["run", "q", "--temperature", "1.0...0.2"])
                == (64, "chorus: --temperature 1.0...0.2: the range is reversed; write MIN...MAX, e.g. 0.2...1.0\n"))
        #expect(await badInput(["run", "q", "--timeout", "0"]) == (64, "chorus: --timeout 0: a timeout must be above 0 seconds (e.g. 15)\n"))
        #expect(
            await badInput(["run", "q", "--strategy", "best"])
                == (64, "chorus: --strategy best: unknown strategy; use one of auto, synthesize, concatenate, vote, judge\n"))
        #expect(
            await badInput(["run", "q", "--provider", "gemini"])
                == (64, "chorus: --provider gemini: no such provider; use one of: anthropic, local, ollama, openai, or define [providers.gemini] in the config file\n"))
        let (code, err) = await badInput(["export", "x.json", "--format", "pdf"])
        #expect(code == 64)
        #expect(err.contains("'pdf'"))
    }

    @Test func badConfigFileNamesFileKeyAndFix() async {
        let h = Harness()
        let (code, err) = await badInput(["run", "q"], config: "[defaults]\nworkers = 0\n")
        #expect(code == 64)
        #expect(err.hasSuffix("/.config/chorus/config.toml: [defaults] workers = 0: use at least 1 worker (e.g. 3)\n"))
        let (syntaxCode, syntax) = await badInput(["run", "q"], config: "[defaults\nworkers = 3\n")
        #expect(syntaxCode == 64)
        #expect(syntax.contains("/.config/chorus/config.toml:1:"))
        #expect(syntax.contains("TOML syntax error"))
        _ = h
    }

    @Test func missingConfigFlagFile() async {
        let (code, err) = await badInput(["run", "q", "--config", "/nonexistent/chorus.toml"])
        #expect(code == 64)
        #expect(err == "chorus: /nonexistent/chorus.toml: no such config file; check the path given to --config\n")
    }

    @Test func noTaskAtATerminal() async {
        let (code, err) = await badInput(["run"])
        #expect(code == 64)
        #expect(err == "chorus: no task given; run chorus run \"TASK\", or pipe it: echo \"TASK\" | chorus run\n")
    }

    @Test func theHTTPClientIsShutDownOnErrorPathsToo() async {
        let h = Harness()
        #expect(await h.run(["run", "q", "--provider", "gemini", "--workers", "5"]) == 64)
        #expect(h.runtimeLog.entries == ["make 6", "shutdown"])
        let none = Harness(environment: [:])
        #expect(await none.run(["run", "q"]) == 69)
        #expect(none.runtimeLog.entries == ["make 4", "shutdown"])
    }

    @Test func noProviderFoundIsTheUnreachableExit() async {
        let h = Harness(environment: [:])
        #expect(await h.run(["run", "q"]) == 69)
        #expect(h.err.text.hasPrefix("chorus: no model provider found"))
        #expect(h.err.text.contains("scripts/local-llm start"))
    }

    // MARK: - Headless runs

    @Test func jsonRunPrintsOnlyTheRecord() async throws {
        var h = Harness()
        h.models = Scripts.factory(workers: [1: [.text("Paris")], 2: [.text("Paris")], 3: [.text("Lyon")]], aggregator: [.text("Paris.")])
        let code = await h.run(["run", "What is the capital of France?", "--json"] + Scripts.focusFlags)
        #expect(code == 0)
        #expect(h.err.text.isEmpty)
        let json = try #require(decode(h.out.text))
        #expect(h.out.text.hasSuffix("}\n"))
        #expect(json["status"] as? String == "succeeded")
        #expect(json["output"] as? String == "Paris.")
        #expect(json["error"] is NSNull)
        #expect(json["strategy"] as? String == "synthesize")
        #expect(json["fallback_used"] as? Bool == false)
        let workers = try #require(json["workers"] as? [[String: Any]])
        #expect(workers.map { $0["index"] as? Int } == [0, 1, 2])
        #expect(workers.map { $0["text"] as? String } == ["Paris", "Paris", "Lyon"])
        for key in ["index", "status", "temperature", "focus", "model", "text", "error", "elapsed_ms", "attempts"] {
            #expect(workers.allSatisfy { $0.keys.contains(key) }, "worker key \(key)")
        }
        // One HTTP client sized for 3 workers + the aggregator, shut down after the run.
        #expect(h.runtimeLog.entries == ["make 4", "shutdown"])
        // Saved automatically.
        #expect(h.savedSessions().count == 1)
    }

    @Test func autoIsTheDefaultAndTakesTheVoteOnShortAgreeingAnswers() async throws {
        var h = Harness()
        h.models = Scripts.factory(workers: [3: [.text("Lyon")]], aggregator: [.fail(.init("must not be called"))])
        #expect(await h.run(["run", "q", "--json", "--focus", "w1", "--focus", "w2", "--focus", "w3", "--aggregator-model", "agg"]) == 0)
        let json = try #require(decode(h.out.text))
        #expect(json["strategy"] as? String == "auto")
        #expect(json["output"] as? String == "Paris")
        #expect(json["fallback_used"] as? Bool == false)
    }

    @Test func plainRunPrintsTheAnswerAndWarnsOnStderr() async {
        var h = Harness()
        h.models = Scripts.factory(workers: [3: [.fail(.init("HTTP 500: overloaded"))]], aggregator: [.text("Paris.")])
        #expect(await h.run(["run", "q"] + Scripts.focusFlags) == 0)
        #expect(h.out.text == "Paris.\n")
        let warnings = h.err.text.split(separator: "\n")
        #expect(warnings.first == "chorus: warning: worker 3 (w3) failed: HTTP 500: overloaded")
        #expect(warnings.count == 2)
        #expect(warnings.last?.hasPrefix("chorus: warning: 1 of 3 workers left out (worker 3 failed)") == true)
        let quiet = Harness()
        var q = quiet
        q.models = h.models
        #expect(await q.run(["run", "q", "--quiet"] + Scripts.focusFlags) == 0)
        #expect(q.err.text.isEmpty)
    }

    @Test func taskFromStandardInput() async throws {
        var h = Harness()
        h.stdin = .text("  Why is the sky blue?\n", isTerminal: false)
        #expect(await h.run(["run", "--json"]) == 0)
        #expect(try #require(decode(h.out.text))["task"] as? String == "Why is the sky blue?")
        var dash = Harness()
        dash.stdin = .text("From a dash", isTerminal: true)
        #expect(await dash.run(["run", "-", "--json"]) == 0)
        #expect(try #require(decode(dash.out.text))["task"] as? String == "From a dash")
        var empty = Harness()
        empty.stdin = .text(" \n", isTerminal: false)
        #expect(await empty.run(["run"]) == 64)
        #expect(empty.err.text == "chorus: the task is empty; give the question as an argument or on standard input\n")
    }

    @Test func quorumNotMetExitsTwoAndListsReasons() async throws {
        var h = Harness()
        h.models = Scripts.factory(
            workers: [1: [.fail(.init("HTTP 500: a"))], 2: [.fail(.init("HTTP 401: bad key"))]], aggregator: [.text("x")])
        #expect(await h.run(["run", "q"] + Scripts.focusFlags) == 2)
        #expect(h.out.text.isEmpty)
        #expect(h.err.text == "chorus: Quorum not met: 1 of 3 workers succeeded, 2 needed. worker 1: HTTP 500: a; worker 2: HTTP 401: bad key\n")
        var j = Harness()
        j.models = h.models
        #expect(await j.run(["run", "q", "--json"] + Scripts.focusFlags) == 2)
        let json = try #require(decode(j.out.text))
        #expect(json["status"] as? String == "failed")
        #expect(json["output"] is NSNull)
        #expect((json["error"] as? String)?.hasPrefix("Quorum not met") == true)
    }

    @Test func allFailedExitsThree() async {
        var h = Harness()
        h.models = Scripts.factory(
            workers: [1: [.fail(.init("e1"))], 2: [.fail(.init("e2"))], 3: [.fail(.init("e3"))]], aggregator: [])
        #expect(await h.run(["run", "q"] + Scripts.focusFlags) == 3)
        #expect(h.err.text == "chorus: All 3 workers failed: worker 1: e1; worker 2: e2; worker 3: e3\n")
    }

    @Test func aggregatorFailureFallsBackToConcatenation() async throws {
        var h = Harness()
        h.models = Scripts.factory(workers: [:], aggregator: [.fail(.init("HTTP 503: busy"))])
        #expect(await h.run(["run", "q", "--json"] + Scripts.focusFlags) == 0)
        let json = try #require(decode(h.out.text))
        #expect(json["fallback_used"] as? Bool == true)
        #expect((json["output"] as? String)?.contains("Paris") == true)
        #expect(h.err.text.contains("chorus: warning: fallback: synthesize failed (agg: HTTP 503: busy)"))
    }

    @Test func workerTimeoutOnTheInjectedClock() async throws {
        let clock = ManualClock()
        var h = Harness()
        h.clock = clock
        h.models = Scripts.factory(clock: clock, workers: [2: [.hang]], aggregator: [.text("Paris.")])
        let context = h.context
        let run = Task { await ChorusMain.run(arguments: ["run", "q", "--json", "--timeout", "5"] + Scripts.focusFlags, context: context) }
        #expect(await clock.waitForSleepers(1))
        await clock.advance(by: .seconds(6))
        let code = await run.value
        #expect(code == 0)
        let json = try #require(decode(h.out.text))
        let workers = try #require(json["workers"] as? [[String: Any]])
        #expect(workers[1]["status"] as? String == "timed_out")
        #expect(workers[1]["error"] as? String == "timed out after 5 s with no answer")
        #expect(workers[1]["elapsed_ms"] as? Int == 5000)
        #expect(json["status"] as? String == "succeeded")
        #expect(h.err.text.hasPrefix("chorus: warning: worker 2 (w2) timed out after 5 s with no answer\n"))
    }

    @Test func ctrlCCancelsTheRunAndExits130() async throws {
        let handler = Mutex<(@Sendable () -> Void)?>(nil)
        var h = Harness()
        h.interrupts = InterruptSource { installed in
            handler.withLock { $0 = installed }
            return { handler.withLock { $0 = nil } }
        }
        let clock = ManualClock()
        h.clock = clock
        h.models = Scripts.factory(clock: clock, workers: [1: [.hang], 2: [.hang], 3: [.hang]], aggregator: [])
        let context = h.context
        let run = Task { await ChorusMain.run(arguments: ["run", "q", "--json"] + Scripts.focusFlags, context: context) }
        #expect(await clock.waitForSleepers(3))
        handler.withLock { $0 }?()
        #expect(await run.value == 130)
        let json = try #require(decode(h.out.text))
        #expect(json["failure"] as? String == "cancelled")
        #expect((json["workers"] as? [[String: Any]])?.allSatisfy { $0["status"] as? String == "cancelled" } == true)
        #expect(h.runtimeLog.entries.last == "shutdown")
        #expect(h.savedSessions().count == 1, "the partial run is saved too")
    }

    // MARK: - Sessions and export

    @Test func saveThenExportRoundTrip() async throws {
        var h = Harness()
        h.models = Scripts.factory(workers: [:], aggregator: [.text("Paris.")])
        let file = h.home.path + "/runs/one.json"
        #expect(await h.run(["run", "Capital of France?", "--save", file] + Scripts.focusFlags) == 0)
        let saved = try SessionStore.load(file)
        #expect(saved.output == "Paris.")

        let md = Harness()
        #expect(await md.run(["export", file]) == 0)
        #expect(md.out.text.contains("> Capital of France?"))
        #expect(md.out.text.contains("## Answer\n\nParis."))
        #expect(md.out.text.contains("### Worker 3 · w3 · succeeded"))

        let json = Harness()
        #expect(await json.run(["export", file, "--format", "json"]) == 0)
        let reread = try RunRecord.makeDecoder().decode(RunRecord.self, from: Data(json.out.text.utf8))
        #expect(reread == saved)

        let toFile = Harness()
        #expect(await toFile.run(["export", file, "--output", h.home.path + "/report.md"]) == 0)
        #expect(toFile.out.text.isEmpty)
        #expect(h.home.read("report.md")?.hasPrefix("# Chorus run") == true)
    }

    @Test func autosaveCanBeTurnedOffAndRetentionApplies() async {
        let h = Harness()
        h.writeConfig("[sessions]\nautosave = false\n")
        #expect(await h.run(["run", "q"]) == 0)
        #expect(h.savedSessions().isEmpty)
        let k = Harness()
        k.writeConfig("[sessions]\nkeep = 2\n")
        for _ in 0..<3 { #expect(await k.run(["run", "q"]) == 0) }
        #expect(k.savedSessions().count == 2)
    }

    // MARK: - Secrets

    @Test func theKeyNeverAppearsInOutputSessionsOrConfig() async throws {
        let sentinel = "sk-SENTINEL-0123456789"
        let h = Harness(environment: ["OPENAI_API_KEY": sentinel, "LAB_KEY": sentinel + "-lab"])
        h.writeConfig("[providers.lab]\nbase_url = \"http://10.0.0.1/v1\"\napi_key_env = \"LAB_KEY\"\nheaders = { \"X-Token\" = \"\(sentinel)-header\" }\n")
        let file = h.home.path + "/s.json"
        #expect(await h.run(["run", "q", "--json", "--save", file]) == 0)
        #expect(await h.run(["config"]) == 0)
        #expect(await h.run(["export", file]) == 0)
        let saved = try String(contentsOfFile: file, encoding: .utf8)
        let autosaved = try h.savedSessions().map { try String(contentsOfFile: h.sessionsDirectory + "/" + $0, encoding: .utf8) }
        for text in [h.out.text, h.err.text, saved] + autosaved {
            #expect(!text.contains("SENTINEL"))
        }
        #expect(h.out.text.contains("api key: set (from OPENAI_API_KEY)"))
        #expect(h.out.text.contains("headers: X-Token"))
    }

    // MARK: - config

    @Test func configShowsEachValueAndItsOrigin() async {
        var h = Harness()
        h.environment["CHORUS_TIMEOUT"] = "30"
        h.writeConfig("[defaults]\nstrategy = \"vote\"\n")
        #expect(await h.run(["config", "--workers", "5"]) == 0)
        let lines = h.out.text.split(separator: "\n").map(String.init)
        func row(_ key: String) -> String? { lines.first { $0.hasPrefix("  \(key) ") } }
        #expect(row("workers")?.hasSuffix("flag --workers") == true)
        #expect(row("workers")?.contains(" 5 ") == true)
        #expect(row("timeout")?.hasSuffix("environment CHORUS_TIMEOUT") == true)
        #expect(row("strategy")?.hasSuffix("[defaults]") == true)
        #expect(row("temperature")?.hasSuffix("built-in default") == true)
        #expect(row("provider")?.hasSuffix("discovered: OPENAI_API_KEY is set") == true)
        #expect(h.out.text.contains("  5 · t 1.0 · openai/gpt-4o-mini"))
    }

    @Test func configReportsAProblemWithTheRunsExitCode() async {
        let h = Harness(environment: [:])
        #expect(await h.run(["config"]) == 69)
        #expect(h.out.text.contains("provider "))
        #expect(h.err.text.hasPrefix("chorus: no model provider found"))
    }

    // MARK: - Interactive form

    /// A stand-in for the UI that records what it was asked and "runs" the plan headlessly.
    static func fakeUI(_ seen: Log, quit: Bool = false) -> InteractiveFrontEnd {
        InteractiveFrontEnd { request in
            switch request.start {
            case .plan(let plan):
                seen.append("plan \(plan.task) theme \(request.theme)")
                let record = await RunController(plan: plan, models: request.models, clock: request.clock).start()
                return InteractiveOutcome(record: record, quitWhileRunning: quit)
            case .reopen(let record):
                seen.append("reopen \(record.task)")
                return InteractiveOutcome(record: record, quitWhileRunning: false)
            }
        }
    }

    @Test func interactiveFormOpensTheUIAtATerminal() async {
        let seen = Log()
        var h = Harness()
        h.stdoutIsTerminal = true
        h.interactive = Self.fakeUI(seen)
        h.models = Scripts.factory(workers: [:], aggregator: [.text("Paris.")])
        #expect(await h.run(["What now?", "--theme", "mono"] + Scripts.focusFlags) == 0)
        #expect(seen.entries == ["plan What now? theme mono"])
        #expect(h.out.text == "Paris.\n", "the answer stays in the scrollback after the UI")
        #expect(h.savedSessions().count == 1)
    }

    @Test func interactiveFormFallsBackToHeadless() async {
        let cases: [(stdout: Bool, stdin: Bool, term: String, extra: [String])] = [
            (false, true, "xterm", []), (true, true, "dumb", []), (true, true, "", []), (true, true, "xterm", ["--plain"]),
            (true, false, "xterm", []),
        ]
        for (terminal, keyboard, term, extra) in cases {
            let seen = Log()
            var h = Harness()
            h.environment["TERM"] = term
            h.stdoutIsTerminal = terminal
            h.stdin = .text("", isTerminal: keyboard)
            h.interactive = Self.fakeUI(seen)
            h.models = Scripts.factory(workers: [:], aggregator: [.text("Paris.")])
            #expect(await h.run(["What now?"] + extra + Scripts.focusFlags) == 0, "\(h.err.text)")
            #expect(seen.entries.isEmpty)
            #expect(h.out.text == "Paris.\n")
        }
    }

    @Test func aPipedTaskStillGetsTheUIWhenAKeyboardIsThere() async {
        let seen = Log()
        var h = Harness()
        h.stdoutIsTerminal = true
        h.stdin = .text("Piped question\n", isTerminal: false, keyboardAvailable: true)
        h.interactive = Self.fakeUI(seen)
        #expect(await h.run([]) == 0)
        #expect(seen.entries == ["plan Piped question theme default"])
        #expect(!h.out.text.hasPrefix("Task: "))
    }

    @Test func chorusAloneAsksForTheTask() async {
        let seen = Log()
        var h = Harness()
        h.stdoutIsTerminal = true
        h.stdin = .text("Typed at the prompt", isTerminal: true)
        h.interactive = Self.fakeUI(seen)
        #expect(await h.run([]) == 0)
        #expect(h.out.text.hasPrefix("Task: "))
        #expect(seen.entries == ["plan Typed at the prompt theme default"])
    }

    @Test func aUIThatCannotStartFallsBackToPrintingTheAnswer() async {
        var h = Harness()
        h.stdoutIsTerminal = true
        h.interactive = InteractiveFrontEnd { _ throws(InteractiveFailure) in throw .cannotStart("unknown terminal type") }
        h.models = Scripts.factory(workers: [:], aggregator: [.text("Paris.")])
        #expect(await h.run(["q"] + Scripts.focusFlags) == 0)
        #expect(h.out.text == "Paris.\n")
        #expect(h.err.text == "chorus: warning: the terminal UI could not start (unknown terminal type); printing the answer instead\n")
    }

    @Test func aSignalInTheUIIsInterrupted() async {
        var h = Harness()
        h.stdoutIsTerminal = true
        h.interactive = InteractiveFrontEnd { request throws(InteractiveFailure) in
            guard case .plan(let plan) = request.start else { throw .cannotStart("no") }
            return InteractiveOutcome(record: RunRecord(plan: plan, startedAt: Date()), quitWhileRunning: false, signal: 15)
        }
        #expect(await h.run(["q"]) == 130)
        #expect(h.err.text.hasPrefix("chorus: interrupted before the run finished"))
    }

    @Test func quittingTheUIWhileRunningIsInterrupted() async {
        let seen = Log()
        var h = Harness()
        h.stdoutIsTerminal = true
        h.interactive = Self.fakeUI(seen, quit: true)
        #expect(await h.run(["q"]) == 130)
    }

    @Test func badThemeIsCheckedBeforeTheUIStarts() async {
        var h = Harness()
        h.stdoutIsTerminal = true
        h.interactive = Self.fakeUI(Log())
        h.themes = ThemeDirectory(check: { name, _ in name == "neon" ? "theme 'neon' not found; run chorus themes" : nil })
        #expect(await h.run(["q", "--theme", "neon"]) == 64)
        #expect(h.err.text == "chorus: theme 'neon' not found; run chorus themes\n")
    }

    @Test func openNeedsATerminalAndReopensTheRecord() async throws {
        let h = Harness()
        let file = h.home.path + "/s.json"
        try SessionStore.save(Records.record([.succeeded, .failed, .succeeded]), to: file)
        #expect(await h.run(["open", file]) == 64)
        #expect(h.err.text == "chorus: chorus open needs a terminal for the UI; to read \(file) without one, run: chorus export \(file)\n")

        let seen = Log()
        var ui = Harness()
        ui.stdoutIsTerminal = true
        ui.interactive = Self.fakeUI(seen)
        #expect(await ui.run(["open", file]) == 0)
        #expect(seen.entries == ["reopen What is the capital of France?"])

        let missing = Harness()
        #expect(await missing.run(["open", h.home.path + "/nope.json"]) == 64)
    }

    @Test func themesListsAndMarksTheCurrentOne() async {
        var h = Harness()
        h.themes = ThemeDirectory(list: { _ in
            [.init(name: "default", description: "Dark", source: "built-in"), .init(name: "mono", description: "", source: "/t/mono.toml")]
        })
        h.writeConfig("[defaults]\ntheme = \"mono\"\n")
        #expect(await h.run(["themes"]) == 0)
        #expect(h.out.text == "  default  Dark  (built-in)\n* mono     (/t/mono.toml)\n")
    }
}
