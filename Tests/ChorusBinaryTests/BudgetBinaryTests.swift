import ChorusTestSupport
import Foundation
import Testing

/// `chorus batch --budget` and `--dry-run`, the built binary against the `fake-llm-server`
/// process, which reports usage (prompt tokens = words of the prompt, completion = tokens sent).
@Suite(.serialized) struct BudgetBinaryTests {
    let home = TemporaryHome()

    func path(_ name: String) -> String { home.path + "/" + name }

    /// 8 items "ITEM[b-N] What is N plus one?"; with the template "Answer: {text}" each prompt is
    /// 37 bytes: estimated 10 + 4 = 14 tokens in; at most 20 out. The fake server counts 7 prompt
    /// words and sends 10 tokens. At $1,000 per 1M tokens ($0.001 a token, set in the config,
    /// which wins over a local server's price of 0): worst case $0.034 an item, spent $0.017.
    func setUp() throws -> (input: String, config: String) {
        let input = path("items.jsonl")
        let lines = (1...8).map { #"{"id": "b-\#($0)", "text": "ITEM[b-\#($0)] What is \#($0) plus one?"}"# }
        try (lines.joined(separator: "\n") + "\n").write(toFile: input, atomically: true, encoding: .utf8)
        let config = path("config.toml")
        try """
            [prices."openai:tokens-10"]
            input = 1000
            output = 1000
            """.write(toFile: config, atomically: true, encoding: .utf8)
        return (input, config)
    }

    func command(_ server: FakeServerProcess, input: String, config: String, budget: String) -> [String] {
        ["batch", input, "--out", path("out.jsonl"), "--prompt", "Answer: {text}", "--model", "tokens-10", "--workers", "1",
         "--strategy", "concatenate", "--max-tokens", "20", "--concurrency", "1", "--json", "--config", config,
         "--budget", budget, "--provider", "openai", "--base-url", server.baseURL]
    }

    /// The out file's lines, parsed.
    func outLines() -> [[String: Any]] {
        let text = (try? String(contentsOfFile: path("out.jsonl"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { jsonObject(String($0)) }
    }

    /// The item of every chat request the server got, in order.
    func requestedItems(_ server: FakeServerProcess) async throws -> [String] {
        let journal = try await server.journal()
        let requests = try #require(journal["requests"] as? [[String: Any]])
        return requests.compactMap { request in
            (request["user_text"] as? String)?.firstMatch(of: /ITEM\[(b-[0-9]+)\]/).map { String($0.1) }
        }
    }

    @Test func aBudgetStopsTheBatchAndAResumeFinishesItWithNothingTwice() async throws {
        let (input, config) = try setUp()
        let server = try FakeServerProcess()

        // $0.10: items start while spent + $0.034 <= $0.10: after 0, 0.017, 0.034, 0.051 spent
        // (worst 0.034, 0.051, 0.068, 0.085); the fifth would reach 0.068 + 0.034 = 0.102.
        let first = try await runChorus(command(server, input: input, config: config, budget: "0.10"), home: home.path, limit: 60)
        #expect(first.status == 5, "\(first.stderr)")
        let summary = try #require(jsonObject(first.stdout), "\(first.stdout)")
        #expect(summary["status"] as? String == "stopped_at_budget")
        #expect(summary["ran"] as? Int == 4)
        #expect(summary["remaining"] as? Int == 4)
        #expect(summary["cost_usd"] as? Double == 0.068)
        #expect(summary["budget_usd"] as? Double == 0.1)
        #expect(first.stderr.contains("stopped at the budget ($0.10): spent $0.068"), "\(first.stderr)")
        #expect(first.stderr.contains("run the same command again to resume"), "\(first.stderr)")
        let written = outLines()
        #expect(written.count == 4)
        for line in written {
            // Usage reported by the server; the cost at the config's price.
            let usage = try #require(line["usage"] as? [String: Any])
            #expect(usage["prompt_tokens"] as? Int == 7 && usage["completion_tokens"] as? Int == 10 && usage["approximate"] as? Bool == false)
            #expect(line["cost_usd"] as? Double == 0.017)
        }
        #expect(try await requestedItems(server) == ["b-1", "b-2", "b-3", "b-4"])

        // Resume with a budget that fits the rest: only the four not written run.
        let second = try await runChorus(command(server, input: input, config: config, budget: "1"), home: home.path, limit: 60)
        #expect(second.status == 0, "\(second.stderr)")
        let resumed = try #require(jsonObject(second.stdout))
        #expect(resumed["ran"] as? Int == 4)
        #expect(resumed["skipped_succeeded"] as? Int == 4)
        let ids = outLines().compactMap { $0["id"] as? String }
        #expect(ids.count == 8)
        #expect(Set(ids) == Set((1...8).map { "b-\($0)" }), "every item exactly once")
        let requested = try await requestedItems(server)
        #expect(requested.count == 8 && Set(requested).count == 8, "no item sent twice: \(requested)")
    }

    @Test func aDryRunCallsNothingAndWritesNothing() async throws {
        let (input, config) = try setUp()
        let server = try FakeServerProcess()
        let result = try await runChorus(
            command(server, input: input, config: config, budget: "0.10") + ["--dry-run"], home: home.path, limit: 30)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("8 items to run, the whole input"), "\(result.stdout)")
        // 8 x 14 = 112 tokens in, 8 x 20 = 160 out at most: 8 x $0.034 = $0.272 at worst.
        #expect(result.stdout.contains("$0.27…$0.27"), "\(result.stdout)")
        #expect(result.stdout.contains("--budget $0.10: at worst case 2 of 8 items fit"), "\(result.stdout)")
        #expect(!FileManager.default.fileExists(atPath: path("out.jsonl")))
        #expect(try await requestedItems(server).isEmpty)
    }
}
