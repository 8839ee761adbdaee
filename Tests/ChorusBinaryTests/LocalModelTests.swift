import ChorusTestSupport
import Foundation
import Testing

/// The built `chorus` against a real language model: SmolLM2-135M served by llama.cpp's
/// OpenAI-compatible server (`scripts/local-llm`). Enabled by `CHORUS_LOCAL_MODEL_TESTS=1`,
/// which `scripts/test` sets after it has set the model up (so CI always runs it).
///
/// The servers run on their own ports (18080...) with their own pid folder, so a person's demo
/// servers are never touched, and they are stopped at the end even when an expectation fails.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["CHORUS_LOCAL_MODEL_TESTS"] == "1"))
struct LocalModelTests {
    static let task = "Why do software teams write automated tests? Answer in two sentences."

    @Test func threeRealWorkersAndARealAggregator() async throws {
        try await withLocalServers(count: 3) { urls, home in
            let config = try Self.writeConfig(urls: urls, deadWorker: nil, in: home)
            let result = try await runChorus(
                ["run", Self.task, "--json", "--config", config, "--profile", "e2e", "--strategy", "synthesize"],
                home: home, limit: 240)
            #expect(result.status == 0, "\(result.stderr)")
            let json = try #require(jsonObject(result.stdout), "stdout is one JSON object: \(result.stdout)")
            #expect(json["status"] as? String == "succeeded")
            let workers = try #require(json["workers"] as? [[String: Any]])
            #expect(workers.count == 3)
            for worker in workers {
                #expect(worker["status"] as? String == "succeeded", "\(worker["error"] ?? "")")
                #expect(((worker["text"] as? String) ?? "").trimmingCharacters(in: .whitespacesAndNewlines).count > 10)
                #expect((worker["elapsed_ms"] as? Int ?? 0) > 0)
                #expect(worker["first_token_ms"] as? Int != nil)
                let usage = try #require(worker["usage"] as? [String: Any])
                #expect((usage["completion_tokens"] as? Int ?? 0) > 0)
            }
            // The aggregator call happened: its own model, no fallback, and not the concatenation.
            let aggregation = try #require((json["aggregations"] as? [[String: Any]])?.last)
            #expect(aggregation["strategy"] as? String == "synthesize")
            #expect(aggregation["fallback_used"] as? Bool == false, "\(aggregation["error"] ?? "")")
            #expect(aggregation["model"] as? String == "smollm2")
            #expect(aggregation["prompt_version"] as? String != nil)
            let output = try #require(json["output"] as? String)
            #expect(!output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
            #expect(!output.contains("## Worker 1"), "a concatenation, not a merge: \(output)")
            for worker in workers { #expect(output != worker["text"] as? String || workers.count == 1) }
            #expect((aggregation["elapsed_ms"] as? Int ?? 0) > 0)
            #expect(((json["usage"] as? [String: Any])?["completion_tokens"] as? Int ?? 0) > 0)
        }
    }

    @Test func aWorkerWithAnUnreachableServerIsLeftOut() async throws {
        try await withLocalServers(count: 2) { urls, home in
            let config = try Self.writeConfig(urls: urls, deadWorker: 1, in: home)
            let result = try await runChorus(
                ["run", Self.task, "--json", "--config", config, "--profile", "e2e", "--strategy", "synthesize"],
                home: home, limit: 240)
            #expect(result.status == 0, "\(result.stderr)")
            let json = try #require(jsonObject(result.stdout))
            #expect(json["status"] as? String == "succeeded")
            #expect(json["succeeded"] as? Int == 2)
            let workers = try #require(json["workers"] as? [[String: Any]])
            #expect(workers.map { $0["status"] as? String } == ["succeeded", "failed", "succeeded"])
            let error = try #require(workers[1]["error"] as? String)
            #expect(error.contains("127.0.0.1:9"), "the failure names the URL: \(error)")
            let warnings = try #require(json["warnings"] as? [String])
            #expect(warnings.contains { $0.hasPrefix("1 of 3 workers left out (worker 2 failed)") })
            #expect(result.stderr.contains("worker 2"), "the dropped worker is named on stderr: \(result.stderr)")
        }
    }

    @Test func aBatchOfRealItemsWithAProviderRateLimit() async throws {
        try await withLocalServers(count: 3) { urls, home in
            var config = try String(contentsOfFile: try Self.writeConfig(urls: urls, deadWorker: nil, in: home), encoding: .utf8)
            // The first server's own limit, from the config: 30 requests a minute, one every 2 s.
            config = config.replacingOccurrences(
                of: "[providers.local1]\nkind = \"openai\"\n", with: "[providers.local1]\nkind = \"openai\"\nrpm = 30\n")
            let configPath = home + "/batch.toml"
            try config.write(toFile: configPath, atomically: true, encoding: .utf8)
            let input = home + "/questions.jsonl"
            let questions = [
                "q1": "What is the capital of France?", "q2": "Name a primary colour.", "q3": "What do bees make?",
            ]
            try questions.sorted { $0.key < $1.key }.map { "{\"id\": \"\($0.key)\", \"question\": \"\($0.value)\"}\n" }.joined()
                .write(toFile: input, atomically: true, encoding: .utf8)
            let out = home + "/answers.jsonl"
            let result = try await runChorus(
                ["batch", input, "--out", out, "--prompt", "Answer in one short sentence: {question}", "--config", configPath,
                 "--profile", "e2e", "--strategy", "synthesize", "--concurrency", "2", "--json"],
                home: home, limit: 300)
            #expect(result.status == 0, "\(result.stderr)")
            let summary = try #require(jsonObject(result.stdout), "the summary is one JSON object: \(result.stdout)")
            #expect(summary["succeeded"] as? Int == 3)
            let lines = (try String(contentsOfFile: out, encoding: .utf8)).split(separator: "\n").compactMap { jsonObject(String($0)) }
            #expect(Set(lines.compactMap { $0["id"] as? String }) == ["q1", "q2", "q3"])
            for line in lines {
                #expect(line["status"] as? String == "succeeded", "\(line["error"] ?? "")")
                #expect(!((line["output"] as? String) ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
                let record = try #require(line["record"] as? [String: Any])
                let task = try #require(record["task"] as? String)
                #expect(task.hasPrefix("Answer in one short sentence: "))
                #expect((record["aggregations"] as? [[String: Any]])?.last?["fallback_used"] as? Bool == false)
            }
            // Running it again does nothing: every item is there.
            let again = try await runChorus(
                ["batch", input, "--out", out, "--prompt", "Answer in one short sentence: {question}", "--config", configPath,
                 "--profile", "e2e", "--strategy", "synthesize", "--json"],
                home: home, limit: 60)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(jsonObject(again.stdout)?["ran"] as? Int == 0)
        }
    }

    // MARK: - Servers

    /// Starts `count` servers, runs `body`, and stops them whatever happened.
    func withLocalServers(count: Int, _ body: ([String], String) async throws -> Void) async throws {
        let home = TemporaryHome()
        let environment = [
            "CHORUS_LOCAL_LLM_RUN": home.path + "/local-llm", "CHORUS_LOCAL_LLM_PORT": "18080",
        ]
        var failure: (any Error)?
        do {
            let start = try await Self.script(["start", String(count)], environment)
            try #require(start.status == 0, "scripts/local-llm start failed: \(start.stderr)")
            let urls = try await Self.script(["urls"], environment).stdout.split(separator: "\n").map(String.init)
            try #require(urls.count == count, "servers: \(urls)")
            try await body(urls, home.path)
        } catch {
            failure = error
        }
        _ = try? await Self.script(["stop"], environment)
        if let failure { throw failure }
    }

    static func script(_ arguments: [String], _ environment: [String: String]) async throws -> ProcessResult {
        try await RepositoryScript.run("local-llm", arguments, environment)
    }

    /// A config with one provider per server and a profile "e2e" of three workers with different
    /// focus areas; `deadWorker` gets a provider where nothing listens.
    static func writeConfig(urls: [String], deadWorker: Int?, in home: String) throws -> String {
        var text = ""
        for (i, url) in urls.enumerated() {
            text += "[providers.local\(i + 1)]\nkind = \"openai\"\nbase_url = \"\(url)\"\nmodel = \"smollm2\"\n\n"
        }
        text += "[providers.dead]\nkind = \"openai\"\nbase_url = \"http://127.0.0.1:9/v1\"\nmodel = \"smollm2\"\n\n"
        text += "[profiles.e2e]\ntimeout = 120\nidle_timeout = 30\naggregator_timeout = 120\nmax_tokens = 80\n\n"
        for (w, focus) in ["cost", "risk", "speed"].enumerated() {
            let provider = w == deadWorker ? "dead" : "local\(w % urls.count + 1)"
            text += "[[profiles.e2e.workers]]\nfocus = \"\(focus)\"\nprovider = \"\(provider)\"\n\n"
        }
        text += "[profiles.e2e.aggregator]\nprovider = \"local1\"\nmax_tokens = 120\n"
        let path = home + "/e2e.toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
