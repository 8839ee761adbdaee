import Chorus
import ChorusTestSupport
import Foundation
import Synchronization
import Testing

@testable import ChorusCLI

/// `chorus batch` in-process: files in a temporary folder, scripted models, the real command.
@Suite struct BatchCommandTests {
    /// Answers "A:" + the prompt; a prompt containing "FAIL" fails the first `failures` calls
    /// carrying it (then succeeds), one containing "BROKEN" always fails.
    static func models(failures: Int = Int.max) -> ModelFactory {
        let calls = Mutex<[String: Int]>([:])
        let model = ScriptedModel(clock: ContinuousClock()) { request, _ in
            let prompt = request.messages.last?.content ?? ""
            if prompt.contains("BROKEN") { return [.fail(.init("HTTP 500 broken"))] }
            if prompt.contains("FAIL") {
                let n = calls.withLock { c -> Int in
                    c[prompt, default: 0] += 1
                    return c[prompt]!
                }
                if n <= failures { return [.fail(.init("HTTP 500 not yet"))] }
            }
            return [.text("A:" + prompt), .usage(TokenUsage(promptTokens: 5, completionTokens: 2))]
        }
        return { _ in model }
    }

    func harness(_ models: @escaping ModelFactory = BatchCommandTests.models()) -> Harness {
        var h = Harness()
        h.models = models
        return h
    }

    func jsonl(_ ids: ClosedRange<Int>, text: (Int) -> String = { "question \($0)" }) -> String {
        ids.map { "{\"id\": \"t\($0)\", \"text\": \"\(text($0))\"}\n" }.joined()
    }

    /// The latest line per id of an out file.
    func results(_ h: Harness, _ name: String = "out.jsonl") -> [String: [String: Any]] {
        var latest: [String: [String: Any]] = [:]
        for line in (h.home.read(name) ?? "").split(separator: "\n") {
            if let json = decode(String(line)), let id = json["id"] as? String { latest[id] = json }
        }
        return latest
    }

    func lines(_ h: Harness, _ name: String = "out.jsonl") -> [Substring] {
        (h.home.read(name) ?? "").split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    }

    func args(_ h: Harness, _ input: String = "items.jsonl", _ extra: [String] = []) -> [String] {
        ["batch", h.home.path + "/" + input, "--out", h.home.path + "/out.jsonl", "--prompt", "Q: {text}", "--strategy", "concatenate"]
            + extra
    }

    @Test func runsEveryItemAndWritesOneLineEach() async throws {
        let h = harness()
        h.home.write("items.jsonl", jsonl(1...12))
        let code = await h.run(args(h, "items.jsonl", ["--json", "--concurrency", "3"]))
        #expect(code == 0, "\(h.err.text)")
        let out = results(h)
        #expect(out.count == 12)
        #expect(lines(h).count == 12)
        let t3 = try #require(out["t3"])
        #expect(t3["status"] as? String == "succeeded")
        #expect((t3["output"] as? String)?.contains("A:Q: question 3") == true)
        #expect((t3["record"] as? [String: Any])?["task"] as? String == "Q: question 3")
        let summary = try #require(decode(h.out.text))
        #expect(summary["status"] as? String == "succeeded")
        #expect(summary["ran"] as? Int == 12)
        #expect(summary["succeeded"] as? Int == 12)
        #expect(summary["prompt_tokens"] as? Int == 12 * 3 * 5)
        #expect(h.err.text.contains("chorus batch: 12 items ran: 12 succeeded, 0 failed"))
        #expect(h.err.text.contains("all 12 items succeeded"))
        for text in [h.home.read("out.jsonl") ?? "", h.err.text, h.out.text] {
            #expect(!text.contains("SENTINEL"), "the API key never reaches the output")
        }
    }

    @Test func aProvidersOwnLimitsBeatDefaultsAndLoseToFlags() throws {
        let h = harness()
        h.writeConfig(
            "[defaults]\nrpm = 5\ntpm = 1000\n\n[providers.openai]\nrpm = 60\n\n[providers.lab]\nbase_url = \"http://127.0.0.1:9/v1\"\n")
        let env = ["HOME": h.home.path, "OPENAI_API_KEY": "sk-x"]
        let fromFile = try LoadedSettings.load(LoadedSettings.Inputs(), environment: env, home: h.home.path)
        let openai = fromFile.catalog.entry(named: "openai")
        #expect(openai?.rateLimit.requestsPerMinute == 60)
        #expect(BatchSession.limit(for: openai, settings: fromFile.settings) == RateLimit(requestsPerMinute: 60, tokensPerMinute: 1000))
        #expect(
            BatchSession.limit(for: fromFile.catalog.entry(named: "lab"), settings: fromFile.settings)
                == RateLimit(requestsPerMinute: 5, tokensPerMinute: 1000))

        var flags = SettingValues()
        try flags.set(\.rpm, .string("10"), at: .flag("--rpm"))
        let fromFlag = try LoadedSettings.load(LoadedSettings.Inputs(flags: flags), environment: env, home: h.home.path)
        #expect(BatchSession.limit(for: fromFlag.catalog.entry(named: "openai"), settings: fromFlag.settings).requestsPerMinute == 10)

        h.writeConfig("[providers.openai]\nrpm = 0\n")
        #expect(throws: ChorusError.self) { try LoadedSettings.load(LoadedSettings.Inputs(), environment: env, home: h.home.path) }
    }

    @Test func itemsThatAllFailInEveryWorkerStopTheBatchEarly() async throws {
        let h = harness()
        h.home.write("items.jsonl", jsonl(1...40) { "BROKEN \($0)" })
        #expect(await h.run(args(h, "items.jsonl", ["--concurrency", "1", "--json"])) == 4)
        #expect(lines(h).count == 10)
        #expect(h.err.text.contains("stopped: the first 10 items failed in every worker, so the other 30 were not started"))
        #expect(h.err.text.contains("HTTP 500 broken"))
        #expect(decode(h.out.text)?["gave_up"] is String)
    }

    @Test func resumeSkipsWhatIsDoneAndRetryFailedFixesTheRest() async throws {
        let h = harness(Self.models(failures: 3))
        h.home.write("items.jsonl", jsonl(1...6) { $0 == 2 || $0 == 5 ? "FAIL \($0)" : "q\($0)" })
        #expect(await h.run(args(h)) == 4)
        #expect(results(h).filter { ($0.value["status"] as? String) == "failed" }.keys.sorted() == ["t2", "t5"])
        #expect(results(h)["t2"]?["failure"] as? String == "all_failed")
        #expect(h.err.text.contains("2 items failed; run the same command with --retry-failed"))

        // The same command again: nothing to run, still failing.
        let again = Harness.rerun(h)
        #expect(await again.run(args(h)) == 4)
        #expect(lines(h).count == 6)
        #expect(again.err.text.contains("nothing to run: all 6 items are already in"))
        #expect(again.err.text.contains("2 of them failed; run the same command with --retry-failed"))

        let retry = Harness.rerun(h)
        #expect(await retry.run(args(h, "items.jsonl", ["--retry-failed", "--json"])) == 0, "\(retry.err.text)")
        #expect(lines(h).count == 8, "two new lines, nothing else re-run")
        #expect(results(h).values.allSatisfy { $0["status"] as? String == "succeeded" })
        let summary = try #require(decode(retry.out.text))
        #expect(summary["ran"] as? Int == 2)
        #expect(summary["skipped_succeeded"] as? Int == 4)
    }

    @Test func retryFailedRetriesOnlyTheFailedWorkersOfAnItem() async throws {
        // "FAIL" prompts fail their first two calls: worker 1 and 2 fail, worker 3 answers: quorum not met.
        let calls = Mutex(0)
        let base = Self.models(failures: 2)
        let counting: ModelFactory = { choice in
            let model = try base(choice)
            return CallCounter(base: model) { calls.withLock { $0 += 1 } }
        }
        let h = harness(counting)
        h.home.write("items.jsonl", jsonl(1...1) { _ in "FAIL once" })
        #expect(await h.run(args(h, "items.jsonl", ["--concurrency", "1"])) == 4)
        #expect(results(h)["t1"]?["failure"] as? String == "quorum_not_met")
        #expect(calls.withLock { $0 } == 3)

        let retry = Harness.rerun(h)
        #expect(await retry.run(args(h, "items.jsonl", ["--retry-failed"])) == 0, "\(retry.err.text)")
        #expect(calls.withLock { $0 } == 5, "only the two failed workers were called again")
        let record = try #require(results(h)["t1"]?["record"] as? [String: Any])
        let workers = try #require(record["workers"] as? [[String: Any]])
        // Which two workers drew the failing calls depends on who called first.
        #expect(workers.compactMap { ($0["attempts"] as? [Any])?.count }.sorted() == [1, 2, 2], "earlier attempts stay in the record")
        #expect(workers.allSatisfy { $0["status"] as? String == "succeeded" })
        #expect(record["status"] as? String == "succeeded")
    }

    @Test func aTornLastLineIsDroppedAndItsItemRunsAgain() async throws {
        let h = harness()
        h.home.write("items.jsonl", jsonl(1...3))
        #expect(await h.run(args(h)) == 0)
        let whole = h.home.read("out.jsonl") ?? ""
        let kept = whole.split(separator: "\n").prefix(2).map { $0 + "\n" }.joined()
        h.home.write("out.jsonl", kept + "{\"id\":\"t3\",\"stat")
        let again = Harness.rerun(h)
        #expect(await again.run(args(h)) == 0)
        #expect(again.err.text.contains("dropped a torn last line"))
        #expect(lines(h).count == 3)
        #expect(lines(h).allSatisfy { decode(String($0)) != nil })
        #expect(Set(results(h).keys) == ["t1", "t2", "t3"])
    }

    @Test func malformedLinesAreFailedItemsAndTheRestGoOn() async throws {
        let h = harness()
        h.home.write("items.jsonl", jsonl(1...2) + "{\"id\": \"t3\", \"text\": \n" + jsonl(4...4) + "[1, 2]\n")
        #expect(await h.run(args(h)) == 4)
        let out = results(h)
        #expect(out.count == 5)
        #expect(out["line-3"]?["failure"] as? String == "invalid_item")
        #expect((out["line-3"]?["error"] as? String)?.hasPrefix("line 3: ") == true)
        #expect(out["line-5"]?["failure"] as? String == "invalid_item")
        #expect(out["t4"]?["status"] as? String == "succeeded")
        #expect(h.err.text.contains("2 unreadable input"))
    }

    @Test func csvFolderAndStandardInput() async throws {
        let csv = harness()
        csv.home.write("items.csv", "id,text\nc1,\"first, with a comma\"\nc2,\"multi\nline\"\n")
        #expect(await csv.run(args(csv, "items.csv")) == 0, "\(csv.err.text)")
        #expect((results(csv)["c2"]?["output"] as? String)?.contains("A:Q: multi\nline") == true)

        let folder = harness()
        folder.home.write("docs/a.txt", "alpha")
        folder.home.write("docs/sub/b.txt", "beta")
        folder.home.write("docs/.hidden", "no")
        #expect(await folder.run(args(folder, "docs")) == 0, "\(folder.err.text)")
        #expect(Set(results(folder).keys) == ["a.txt", "sub/b.txt"])
        #expect(results(folder)["sub/b.txt"]?["id_source"] as? String == "path")

        var piped = harness()
        piped.stdin = .text(jsonl(1...2), isTerminal: false)
        let pipedArgs = ["batch", "-", "--out", piped.home.path + "/out.jsonl", "--prompt", "Q: {text}", "--strategy", "concatenate"]
        #expect(await piped.run(pipedArgs) == 0, "\(piped.err.text)")
        #expect(results(piped).count == 2)
    }

    @Test func shardsSplitTheInputAndMergeIntoTheWhole() async throws {
        let h = harness()
        h.home.write("items.jsonl", jsonl(1...40))
        for k in 1...3 {
            let shard = Harness.rerun(h)
            let out = h.home.path + "/out-\(k).jsonl"
            let arguments = ["batch", h.home.path + "/items.jsonl", "--out", out, "--prompt", "Q: {text}", "--strategy", "concatenate", "--shard", "\(k)/3"]
            #expect(await shard.run(arguments) == 0, "\(shard.err.text)")
        }
        let counts = (1...3).map { lines(h, "out-\($0).jsonl").count }
        #expect(counts.reduce(0, +) == 40)
        #expect(counts.allSatisfy { $0 > 0 })

        let merge = Harness.rerun(h)
        let files = (1...3).map { h.home.path + "/out-\($0).jsonl" }
        let code = await merge.run(["batch", "merge"] + files + ["--output", h.home.path + "/all.jsonl", "--input", h.home.path + "/items.jsonl"])
        #expect(code == 0, "\(merge.err.text)")
        #expect(Set(results(h, "all.jsonl").keys) == Set((1...40).map { "t\($0)" }))
        #expect(merge.err.text.contains("merged 3 files: 40 items, 40 succeeded, 0 failed"))

        let partial = Harness.rerun(h)
        #expect(await partial.run(["batch", "merge", files[0], "--input", h.home.path + "/items.jsonl"]) == 4)
        #expect(partial.err.text.contains("are in no file"))
    }

    @Test func badInputIsOneLineWithTheFix() async throws {
        func check(_ build: (Harness) -> [String], setup: (Harness) -> Void = { _ in }, _ expected: String) async {
            let h = harness()
            setup(h)
            let code = await h.run(build(h))
            #expect(code == 64, "\(expected): \(h.err.text)")
            #expect(h.err.text.filter { $0 == "\n" }.count == 1, "one line: \(h.err.text)")
            #expect(h.err.text.contains(expected), "\(h.err.text)")
            #expect(h.home.read("out.jsonl") == nil || h.home.read("out.jsonl") == "", "nothing written")
        }
        let items: (Harness) -> Void = { $0.home.write("items.jsonl", "{\"id\": 1, \"text\": \"a\"}\n") }
        await check({ ["batch", $0.home.path + "/items.jsonl", "--prompt", "{text}"] }, setup: items, "needs --out")
        await check({ ["batch", $0.home.path + "/items.jsonl", "--out", $0.home.path + "/out.jsonl"] }, setup: items, "needs a prompt")
        await check({ args($0, "nothing.jsonl") }, "no such file or folder")
        await check({ args($0, "empty.jsonl") }, setup: { $0.home.write("empty.jsonl", "\n\n") }, "has no items")
        await check({ args($0, "items.json") }, setup: { $0.home.write("items.json", "[]") }, "jq -c")
        await check({ args($0, "items.txt") }, setup: { $0.home.write("items.txt", "x") }, "--format jsonl|csv")
        await check(
            { args($0, "dup.jsonl") }, setup: { $0.home.write("dup.jsonl", "{\"id\":\"a\",\"text\":\"1\"}\n{\"id\":\"a\",\"text\":\"2\"}\n") },
            "the id \"a\" is used twice, at line 1 and line 2")
        await check(
            { ["batch", $0.home.path + "/items.jsonl", "--out", $0.home.path + "/out.jsonl", "--prompt", "Q: {body}"] }, setup: items,
            "the prompt uses {body}, but item \"1\" (line 1) has no field \"body\"")
        await check({ args($0, "items.jsonl", ["--shard", "4/3"]) }, setup: items, "--shard 4/3")
        await check({ args($0, "items.jsonl", ["--concurrency", "0"]) }, setup: items, "--concurrency 0")
        await check({ args($0, "items.jsonl", ["--rpm", "0"]) }, setup: items, "--rpm 0")
        await check({ args($0, "items.jsonl", ["--save", "x.json"]) }, setup: items, "--save is for one run")
        await check({ args($0, "items.jsonl", ["--format", "xml"]) }, setup: items, "--format xml")
        await check(
            { ["batch", $0.home.path + "/items.jsonl", "--out", $0.home.path + "/no/such/dir/out.jsonl", "--prompt", "{text}"] },
            setup: items, "does not exist")
    }

    @Test func aSecondBatchOnTheSameOutIsRefused() async throws {
        let h = harness()
        let path = h.home.path + "/out.jsonl"
        let first = try BatchOutputFile(path: path)
        #expect(throws: ChorusError.self) { try BatchOutputFile(path: path) }
        do {
            _ = try BatchOutputFile(path: path)
        } catch {
            #expect(error.message.contains("another chorus batch is writing this file"))
        }
        await first.finish()
        let again = try BatchOutputFile(path: path)
        await again.finish()
    }

    @Test func ctrlCStopsStartingItemsAndSaysHowToResume() async throws {
        let clock = ManualClock()
        let handler = Mutex<(@Sendable (Int) -> Void)?>(nil)
        var h = harness()
        let model = ScriptedModel(clock: clock, steps: [.wait(.seconds(1)), .text("ok")])
        h.models = { _ in model }
        h.clock = clock
        h.interrupts = InterruptSource(install: { _ in {} }, installStaged: { fire in
            handler.withLock { $0 = fire }
            return {}
        })
        h.home.write("items.jsonl", jsonl(1...10))
        let context = h.context
        let arguments = args(h, "items.jsonl", ["--concurrency", "2"])
        let run = Task { await ChorusMain.run(arguments: arguments, context: context) }
        #expect(await clock.waitForSleepers(6))
        handler.withLock { $0 }?(1)
        await ManualClock.settle()
        try await Task.sleep(for: .milliseconds(50))
        await clock.advance(by: .seconds(1))
        let code = await run.value
        #expect(code == 130)
        #expect(lines(h).count == 2)
        #expect(h.err.text.contains("stopping: no new items"))
        #expect(h.err.text.contains("run the same command again to resume"))

        let resume = Harness.rerun(h, models: Self.models())
        #expect(await resume.run(args(h)) == 0)
        #expect(lines(h).count == 10)
        #expect(Set(results(h).keys).count == 10)
    }
}

/// Counts the calls of a model.
private struct CallCounter: ChatModel {
    let base: any ChatModel
    let count: @Sendable () -> Void
    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatChunk, any Error> {
        count()
        return base.stream(request)
    }
}
