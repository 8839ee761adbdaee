import Chorus
import ChorusTestSupport
import Foundation
import Synchronization
import Testing

@testable import ChorusCLI

/// Prices and costs on the command line, in process: `--dry-run` (run and batch), `--budget` for
/// one run, `cost_warn`, the config's prices, the record's and the export's costs, the progress
/// line. The built-in `openai` provider with the default model (gpt-4o-mini at
/// $0.15 / $0.60 per 1M tokens in the bundled table) unless a test says otherwise.
@Suite struct CostCommandTests {
    /// Answers "4" reporting 1000 tokens in and 1000 out: (1000 x 0.15 + 1000 x 0.6) / 10^6 =
    /// $0.00075 a call at gpt-4o-mini's price. Counts the requests sent.
    final class Calls: Sendable {
        let count = Mutex(0)
        var value: Int { count.withLock { $0 } }
        var factory: ModelFactory {
            { _ in
                ScriptedModel(clock: ContinuousClock()) { _, _ in
                    self.count.withLock { $0 += 1 }
                    return [.text("4"), .usage(TokenUsage(promptTokens: 1000, completionTokens: 1000))]
                }
            }
        }
    }

    func harness(_ calls: Calls) -> Harness {
        var h = Harness()
        h.models = calls.factory
        return h
    }

    @Test func dryRunPrintsThePlanAndTheEstimateAndCallsNothing() async {
        let calls = Calls()
        let h = harness(calls)
        let code = await h.run(["run", "What is 2+2?", "--dry-run", "--workers", "2", "--max-tokens", "100", "--strategy", "vote"])
        #expect(code == 0, "\(h.err.text)")
        #expect(calls.value == 0)
        let text = h.out.text
        #expect(text.contains("dry run: nothing was sent"))
        #expect(text.contains("  1 · t 0.2 · openai/gpt-4o-mini · max tokens 100 · $0.15 in / $0.60 out"))
        #expect(text.contains("aggregator: vote (no model call)"))
        #expect(text.contains("input tokens estimated as UTF-8 bytes / 4 (+4 per message), not a tokenizer's count"))
        // Each worker: 3 + 4 tokens in, 100 out: 7 x 0.15 + 100 x 0.6 = 61.05 per 10^6.
        let total = text.split(separator: "\n").first { $0.hasPrefix("  total") }.map(String.init) ?? ""
        #expect(total.contains("14") && total.contains("200…200") && total.contains("$0.00012…$0.00012"), "\(total)")
        #expect(text.contains("prices: LiteLLM"))
        #expect(h.savedSessions().isEmpty)
    }

    @Test func aDryRunNeedsNoKeyAndSaysARealRunWould() async {
        let calls = Calls()
        var h = harness(calls)
        h.environment = ["CHORUS_PROVIDER": "openai"]
        let code = await h.run(["run", "Hi", "--dry-run", "--workers", "2"])
        #expect(code == 0, "\(h.err.text)")
        #expect(calls.value == 0)
        #expect(h.out.text.contains("dry run: nothing was sent"))
        #expect(h.err.text.contains("a real run would stop here: provider 'openai' needs an API key but OPENAI_API_KEY is not set"))
        // Without --dry-run the same invocation still stops before any call.
        #expect(await h.run(["run", "Hi", "--workers", "2"]) == 64)
        #expect(calls.value == 0)
    }

    @Test func dryRunNamesAnUnknownModel() async {
        let calls = Calls()
        let h = harness(calls)
        let code = await h.run(["run", "Hi", "--dry-run", "--model", "gpt-9-turbo"])
        #expect(code == 0)
        #expect(h.out.text.contains("cost unknown for openai/gpt-9-turbo: no price for openai model gpt-9-turbo"))
        #expect(h.out.text.contains("[prices.\"openai:gpt-9-turbo\"]"))
        #expect(!h.out.text.contains("$0.15 in"))
    }

    @Test func aRunOverItsBudgetDoesNotStartUnlessToldTo() async {
        let calls = Calls()
        let h = harness(calls)
        let code = await h.run(["run", "What is 2+2?", "--workers", "2", "--strategy", "vote", "--max-tokens", "100", "--budget", "0.0001"])
        #expect(code == 5, "\(h.err.text)")
        #expect(calls.value == 0)
        #expect(h.err.text.contains("--budget $0.00010: this run could cost up to $0.00012"))
        #expect(h.err.text.contains("--over-budget"))

        let h2 = harness(calls)
        let over = await h2.run(
            ["run", "What is 2+2?", "--workers", "2", "--strategy", "vote", "--max-tokens", "100", "--budget", "0.0001", "--over-budget"])
        #expect(over == 0, "\(h2.err.text)")
        #expect(calls.value == 2)

        let h3 = harness(calls)
        let within = await h3.run(["run", "What is 2+2?", "--workers", "2", "--strategy", "vote", "--max-tokens", "100", "--budget", "$1"])
        #expect(within == 0, "\(h3.err.text)")
    }

    @Test func aBudgetNeedsAPrice() async {
        let calls = Calls()
        let h = harness(calls)
        let code = await h.run(["run", "Hi", "--model", "gpt-9-turbo", "--budget", "1"])
        #expect(code == 64)
        #expect(h.err.text.contains("cannot keep to a budget without a price for openai/gpt-9-turbo"))
        #expect(calls.value == 0)
        let bad = await harness(calls).run(["run", "Hi", "--budget", "-3"])
        #expect(bad == 64)
    }

    @Test func theRecordAndTheWarningCarryTheCost() async throws {
        let calls = Calls()
        let h = harness(calls)
        let code = await h.run(["run", "What is 2+2?", "--workers", "2", "--strategy", "vote", "--json", "--cost-warn", "0.001"])
        #expect(code == 0, "\(h.err.text)")
        let json = try #require(decode(h.out.text))
        #expect(json["cost_usd"] as? Double == 0.0015)
        #expect((json["price_sources"] as? [String])?.first?.hasPrefix("LiteLLM") == true)
        let worker = try #require((json["workers"] as? [[String: Any]])?.first)
        #expect(worker["cost_usd"] as? Double == 0.00075)
        #expect(h.err.text.contains("chorus: warning: this run cost $0.0015, over cost_warn $0.0010"))

        let under = harness(calls)
        _ = await under.run(["run", "What is 2+2?", "--workers", "2", "--strategy", "vote", "--cost-warn", "0.01"])
        #expect(!under.err.text.contains("cost_warn"))

        // The export shows it too.
        let record = try RunRecord.makeDecoder().decode(RunRecord.self, from: Data(h.out.text.utf8))
        let markdown = MarkdownReport.render(record)
        #expect(markdown.contains("| Cost | $0.0015 (prices: LiteLLM"))
        #expect(markdown.contains("- Price: $0.15 in / $0.60 out / $0.075 cached per 1M tokens (LiteLLM"))
        #expect(markdown.contains("cost $0.00075"))
    }

    @Test func configPricesOverrideTheTable() async throws {
        let calls = Calls()
        let h = harness(calls)
        h.writeConfig(
            """
            [prices."openai:gpt-4o-mini"]
            input = 1
            output = 2
            cached_input = 0.5

            [providers.lab]
            base_url = "http://10.1.2.3:8000/v1"
            model = "qwen"
            price_in = 0.2
            price_out = 0.4
            """)
        let code = await h.run(["run", "What is 2+2?", "--workers", "1", "--strategy", "vote", "--json"])
        #expect(code == 0, "\(h.err.text)")
        let json = try #require(decode(h.out.text))
        // 1000 x 1 + 1000 x 2 = 3000 per 10^6.
        #expect(json["cost_usd"] as? Double == 0.003)
        #expect((json["price_sources"] as? [String])?.first?.hasPrefix("config [prices.\"openai:gpt-4o-mini\"]") == true)

        let lab = harness(calls)
        lab.writeConfig(h.home.read(".config/chorus/config.toml") ?? "")
        _ = await lab.run(["run", "Hi", "--provider", "lab", "--workers", "1", "--strategy", "vote", "--json"])
        let labJSON = try #require(decode(lab.out.text))
        #expect(labJSON["cost_usd"] as? Double == 0.0006)
    }

    @Test(arguments: [
        ("[prices.\"openai:gpt-4o\"]\ninput = 1\n", "needs both input and output"),
        ("[prices.\"openai:gpt-4o\"]\ninput = 1\noutput = 2\ncached_inptu = 1\n", "unknown key 'cached_inptu'; did you mean 'cached_input'?"),
        ("[prices.\"nowhere:gpt-4o\"]\ninput = 1\noutput = 2\n", "[prices.\"nowhere:gpt-4o\"] provider = \"nowhere\": no such provider"),
        ("[prices.\"gpt-4o\"]\ninput = 1\noutput = 2\n", "name a provider and a model"),
        ("[prices.\"openai:gpt-4o\"]\ninput = -1\noutput = 2\n", "a price cannot be negative"),
        ("[prices.\"openai:gpt-4o\"]\ninput = \"cheap\"\noutput = 2\n", "expected a number of US dollars per 1M tokens"),
        ("[providers.lab]\nbase_url = \"http://10.0.0.1/v1\"\nprice_in = 1\n", "needs both price_in and price_out"),
    ])
    func badPricesAreOneLine(toml: String, message: String) {
        do {
            _ = try ConfigFile.parse(toml: toml, path: "/c.toml")
            Issue.record("accepted: \(toml)")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.message.hasPrefix("/c.toml: "))
            #expect(error.code == .usage)
        }
    }

    @Test func batchDryRunEstimatesEveryItemAndWritesNothing() async {
        let calls = Calls()
        let h = harness(calls)
        h.home.write("items.jsonl", (1...4).map { "{\"id\": \"t\($0)\", \"text\": \"question \($0)\"}\n" }.joined())
        let code = await h.run(
            ["batch", h.home.path + "/items.jsonl", "--out", h.home.path + "/out.jsonl", "--prompt", "Q: {text}", "--strategy", "vote",
             "--workers", "1", "--max-tokens", "10", "--dry-run", "--budget", "0.00002"])
        #expect(code == 0, "\(h.err.text)")
        #expect(calls.value == 0)
        #expect(h.home.read("out.jsonl") == nil, "a dry run creates no --out")
        let text = h.out.text
        #expect(text.contains("dry run: nothing was sent; this is what `chorus batch` would do."))
        #expect(text.contains("4 items to run, the whole input"))
        // Each item: "Q: question N" = 13 bytes: 4 + 4 tokens in, 10 out; 8 x 0.15 + 10 x 0.6 = 7.2 per 10^6.
        let all = text.split(separator: "\n").first { $0.hasPrefix("  all items") }.map(String.init) ?? ""
        #expect(all.contains("32") && all.contains("40…40") && all.contains("$0.000029…$0.000029"), "\(all)")
        #expect(text.contains("--budget $0.000020: at worst case 2 of 4 items fit"))
    }

    @Test func progressLinesShowEachWorkersCost() {
        var plan = Records.plan(workers: 1)
        plan.workers[0].model.pricing = .known(ModelPrice(input: 1, output: 2, source: "t"))
        var board = ProgressBoard(plan: plan)
        _ = board.apply(.workerStarted(worker: 0, attempt: 1), at: .zero)
        _ = board.apply(.workerUsage(worker: 0, attempt: 1, usage: TokenUsage(promptTokens: 1000, completionTokens: 1000)), at: .seconds(1))
        #expect(board.render(now: .seconds(1), width: 100)[0].contains("$0.0030"))
        var unknown = Records.plan(workers: 1)
        unknown.workers[0].model.pricing = .unknown(reason: "none")
        var board2 = ProgressBoard(plan: unknown)
        _ = board2.apply(.workerStarted(worker: 0, attempt: 1), at: .zero)
        _ = board2.apply(.workerChunk(worker: 0, attempt: 1, text: "x"), at: .seconds(1))
        #expect(board2.render(now: .seconds(1), width: 100)[0].contains("cost unknown"))
    }

    @Test func batchProgressAndSummaryShowTheSpend() {
        var p = BatchProgress()
        p.total = 10
        p.finished = 4
        p.succeeded = 4
        p.cost = CostTotal(usd: 0.02, knownCalls: 8)
        p.budget = 0.05
        let line = BatchStatusText.line(p, skipped: 0, limiters: [])
        #expect(line.contains("$0.020 spent of $0.050, $0.0050/item, ~$0.050 projected"), "\(line)")
        p.stopping = true
        p.budgetStop = .init(budget: 0.05, spent: 0.02, inFlightWorst: 0.02, nextItemWorst: 0.015)
        #expect(BatchStatusText.line(p, skipped: 0, limiters: []).contains("budget reached: no new items"))
        let summary = BatchSummary(
            progress: p, selection: BatchLedger.Selection(), items: 10, inputName: "in.jsonl", out: "out.jsonl", shard: nil, pushbacks: 0)
        #expect(summary.status == .stoppedAtBudget)
        #expect(summary.exitCode == .budgetReached)
        #expect(summary.lines.contains { $0.hasPrefix("spent $0.020, $0.0050 per item; the 6 left would cost about $0.030 more") })
        #expect(summary.lines.contains { $0.hasPrefix("stopped at the budget ($0.050): spent $0.020") })
        #expect(summary.lines.contains { $0.contains("run the same command again to resume") && $0.contains("raise --budget") })
        let json = decode(summary.json())
        #expect(json?["status"] as? String == "stopped_at_budget")
        #expect(json?["cost_usd"] as? Double == 0.02)
        #expect(json?["cost_per_item_usd"] as? Double == 0.005)
        #expect(json?["projected_cost_usd"] as? Double == 0.05)
        #expect(json?["budget_usd"] as? Double == 0.05)
    }
}
