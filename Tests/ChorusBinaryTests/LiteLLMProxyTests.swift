import ChorusTestSupport
import Foundation
import Testing

/// The built `chorus` through a real LiteLLM proxy (PyPI `litellm[proxy]`, `scripts/litellm-proxy`)
/// in front of the local llama.cpp server (`scripts/local-llm`): servers nobody here wrote, on
/// both wires. The OpenAI wire goes to the proxy's `/v1/chat/completions`; the Anthropic wire to
/// its `/v1/messages`, which LiteLLM translates to chat completions for llama.cpp, so Chorus's
/// Anthropic provider reads an Anthropic stream that LiteLLM wrote, not one of our fake server's.
/// And the held requests of the issue: a proxy with a per-model `rpm` holds the requests above
/// it until its next window instead of answering 429; a batch must lose none of them.
///
/// Enabled by `CHORUS_LITELLM_TESTS=1`, which `scripts/test` sets after `scripts/litellm-proxy
/// setup` (so CI runs it). Its servers use their own ports (llama.cpp 18180, the proxy 14180 and
/// up) and pid folders, so a person's servers (and the local-model tests') are never touched,
/// and they are stopped at the end even when an expectation fails.
@Suite(
    .serialized,
    .enabled(
        if: ProcessInfo.processInfo.environment["CHORUS_LITELLM_TESTS"] == "1",
        "the LiteLLM proxy tier is off: run scripts/litellm-proxy setup, then CHORUS_LITELLM_TESTS=1 swift test (scripts/test does both)"))
struct LiteLLMProxyTests {
    static let task = "What is the capital of France? Answer in one sentence."
    /// The proxy's master key (recent LiteLLM refuses to start without one), given to Chorus as
    /// its API key: a sentinel that must appear in no output.
    static let key = "sk-chorus-litellm-test-5f1d8e2a9c4b7036"
    static let keys = ["OPENAI_API_KEY": key, "ANTHROPIC_API_KEY": key]

    @Test func theOpenAIWireThroughTheProxy() async throws {
        try await withProxy(port: 14180) { proxy, home, log in
            let result = try await runChorus(
                ["run", Self.task, "--json", "--base-url", "\(proxy)/v1", "--model", "smollm2", "--workers", "2",
                 "--strategy", "concatenate", "--max-tokens", "40", "--timeout", "120"],
                environment: Self.keys, home: home, limit: 240)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains(Self.key), "the key appears in no output")
            let json = try #require(jsonObject(result.stdout), "stdout is one JSON object: \(result.stdout)")
            try Self.expectAnswered(json)
            #expect(log().contains("POST /v1/chat/completions"), "the proxy served the calls")
        }
    }

    @Test func theAnthropicWireThroughTheProxy() async throws {
        try await withProxy(port: 14181) { proxy, home, log in
            let config = home + "/anthropic.toml"
            try """
                [providers.proxy]
                kind = "anthropic"
                base_url = "\(proxy)"
                model = "smollm2-anthropic"
                api_key_env = "ANTHROPIC_API_KEY"
                """.write(toFile: config, atomically: true, encoding: .utf8)
            let result = try await runChorus(
                ["run", Self.task, "--json", "--config", config, "--provider", "proxy", "--workers", "2",
                 "--strategy", "concatenate", "--max-tokens", "40", "--timeout", "120"],
                environment: Self.keys, home: home, limit: 240)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains(Self.key), "the key appears in no output")
            let json = try #require(jsonObject(result.stdout), "stdout is one JSON object: \(result.stdout)")
            try Self.expectAnswered(json)
            // Chorus spoke Anthropic's wire to LiteLLM's own /v1/messages (not the OpenAI one):
            // the events, their usage (input tokens only in message_delta) and its end came from
            // LiteLLM's translation of llama.cpp's chat completions.
            let served = log()
            #expect(served.contains("POST /v1/messages"), "the proxy served /v1/messages: \(served.suffix(2000))")
            #expect(!served.contains("POST /v1/chat/completions"))
        }
    }

    /// The issue's case, scaled down: a per-model rpm of 6 (with usage-based routing, which counts
    /// requests per minute) and 10 one-worker items, 8 in flight, `--timeout 30`. The proxy holds
    /// the requests above its limit, without a response head, until its next window: about 60 s,
    /// longer than the 30 s timeout. Before the head limit those were lost ("timed out after 30 s
    /// with no answer"); with batch's default head limit (120 s) every item succeeds, and the
    /// record shows the heads that came after the timeout.
    @Test func aProxyThatHoldsRequestsLosesNoItem() async throws {
        try await withProxy(port: 14182, rpm: 6) { proxy, home, _ in
            let input = home + "/items.jsonl"
            try (1...10).map { "{\"id\": \"q\($0)\", \"n\": \($0)}\n" }.joined().write(toFile: input, atomically: true, encoding: .utf8)
            let out = home + "/out.jsonl"
            let result = try await runChorus(
                ["batch", input, "--out", out, "--prompt", "What is {n} + 1? Answer with the number.", "--base-url", "\(proxy)/v1",
                 "--model", "smollm2", "--workers", "1", "--strategy", "concatenate", "--max-tokens", "16",
                 "--concurrency", "8", "--timeout", "30", "--json"],
                environment: Self.keys, home: home, limit: 300)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains(Self.key), "the key appears in no output")
            let summary = try #require(jsonObject(result.stdout), "the summary is one JSON object: \(result.stdout)")
            #expect(summary["succeeded"] as? Int == 10, "\(summary)")
            #expect(summary["failed"] as? Int == 0)
            let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").compactMap { jsonObject(String($0)) }
            #expect(lines.count == 10)
            var heads: [Int] = []
            for line in lines {
                #expect(line["status"] as? String == "succeeded", "\(line["id"] ?? "?"): \(line["error"] ?? "")")
                let worker = ((line["record"] as? [String: Any])?["workers"] as? [[String: Any]])?.first ?? [:]
                let attempt = (worker["attempts"] as? [[String: Any]])?.last ?? [:]
                heads.append(attempt["head_ms"] as? Int ?? -1)
                let limits = attempt["limits"] as? [String: Any]
                #expect(limits?["head_timeout_ms"] as? Int == 120_000, "batch's default head limit applied: \(limits ?? [:])")
                #expect(limits?["timeout_ms"] as? Int == 30_000)
            }
            // The proxy really held requests past the 30 s timeout: the case is exercised (a proxy
            // that answers 429 instead would show as pushbacks and no late heads).
            let held = heads.filter { $0 > 30_000 }.count
            #expect(held >= 1, "response heads (ms): \(heads.sorted()); pushbacks: \(summary["pushbacks"] ?? "?")")
            #expect(!heads.contains(-1), "every attempt recorded its head: \(heads)")
        }
    }

    // MARK: - What every answered run shows

    /// Every worker succeeded with text and the proxy's own token counts (LiteLLM's streams carry
    /// usage; llama.cpp's own stream has none, so these counts are the proxy's, not estimates).
    static func expectAnswered(_ json: [String: Any]) throws {
        #expect(json["status"] as? String == "succeeded")
        let workers = try #require(json["workers"] as? [[String: Any]])
        #expect(workers.count == 2)
        for worker in workers {
            #expect(worker["status"] as? String == "succeeded", "\(worker["error"] ?? "")")
            #expect(!((worker["text"] as? String) ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
            let attempt = (worker["attempts"] as? [[String: Any]])?.last ?? [:]
            #expect(attempt["head_ms"] as? Int != nil, "the response head is recorded: \(attempt)")
            let usage = try #require(worker["usage"] as? [String: Any], "usage recorded: \(worker)")
            #expect((usage["completion_tokens"] as? Int ?? 0) > 0)
            #expect((usage["prompt_tokens"] as? Int ?? 0) > 0)
            #expect(usage["approximate"] as? Bool == false, "the proxy's counts, not chunk estimates: \(usage)")
        }
    }

    // MARK: - Servers

    /// Starts one llama.cpp server and a LiteLLM proxy in front of it (with a per-model `rpm`
    /// when given), runs `body` with the proxy's base URL, a home folder and a reader of the
    /// proxy's log, and stops both whatever happened.
    func withProxy(
        port: Int, rpm: Int? = nil, _ body: (String, String, () -> String) async throws -> Void
    ) async throws {
        let home = TemporaryHome()
        let environment = [
            "CHORUS_LOCAL_LLM_RUN": home.path + "/local-llm", "CHORUS_LOCAL_LLM_PORT": "18180",
            "CHORUS_LITELLM_RUN": home.path + "/litellm", "LITELLM_MASTER_KEY": Self.key,
        ]
        let logPath = home.path + "/litellm/proxy-\(port).log"
        var failure: (any Error)?
        do {
            let llama = try await Self.script("local-llm", ["start", "1"], environment)
            try #require(llama.status == 0, "scripts/local-llm start failed: \(llama.stderr)")
            let config = try await Self.script("litellm-proxy", ["config", "http://127.0.0.1:18180/v1"] + (rpm.map { [String($0)] } ?? []), environment)
            try #require(config.status == 0, "scripts/litellm-proxy config failed: \(config.stderr)")
            let configPath = home.path + "/litellm.yaml"
            try config.stdout.write(toFile: configPath, atomically: true, encoding: .utf8)
            let proxy = try await Self.script("litellm-proxy", ["start", configPath, String(port)], environment)
            try #require(proxy.status == 0, "scripts/litellm-proxy start failed: \(proxy.stderr)")
            try await body("http://127.0.0.1:\(port)", home.path) {
                (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            }
        } catch {
            failure = error
        }
        _ = try? await Self.script("litellm-proxy", ["stop"], environment)
        _ = try? await Self.script("local-llm", ["stop"], environment)
        if let failure { throw failure }
    }

    static func script(_ name: String, _ arguments: [String], _ environment: [String: String]) async throws -> ProcessResult {
        try await RepositoryScript.run(name, arguments, environment)
    }
}
