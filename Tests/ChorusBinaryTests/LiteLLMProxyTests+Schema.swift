import ChorusTestSupport
import Foundation
import Testing

/// `--schema` through the real LiteLLM proxy in front of llama-cpp-python: a gateway nobody here
/// wrote passes `response_format` on, the server behind it refuses `json_schema`, and whatever
/// error the proxy relays, the chain steps down to a form that works, names it, and every worker
/// still answers with an object the schema accepts. Part of `LiteLLMProxyTests`.
extension LiteLLMProxyTests {
    @Test func aSchemaThroughTheProxyStepsDownAndMerges() async throws {
        try await withProxy(port: 14183) { proxy, home, _ in
            let result = try await runChorus(
                ["run", "Classify the sentiment: the blender broke after two uses.", "--schema", "label: positive|negative|neutral",
                 "--json", "--base-url", "\(proxy)/v1", "--model", "smollm2", "--workers", "2", "--max-tokens", "40",
                 "--timeout", "120"],
                environment: Self.keys, home: home, limit: 240)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains(Self.key), "the key appears in no output")
            let json = try #require(jsonObject(result.stdout), "stdout is one JSON object: \(result.stdout)")
            let workers = try #require(json["workers"] as? [[String: Any]])
            for worker in workers {
                #expect(worker["status"] as? String == "succeeded", "\(worker["error"] ?? "")")
                let attempt = try #require((worker["attempts"] as? [[String: Any]])?.last)
                let object = try #require(attempt["object"] as? [String: Any], "\(attempt)")
                #expect(["positive", "negative", "neutral"].contains(object["label"] as? String ?? ""))
                let notes = attempt["not_applied"] as? [String] ?? []
                #expect(notes.contains { $0.hasPrefix("schema: the server refused response_format json_schema") }, "\(notes)")
            }
            let structured = (json["aggregations"] as? [[String: Any]])?.last?["structured"] as? [String: Any]
            #expect(structured?["object"] as? [String: Any] != nil, "\(json["aggregations"] ?? "")")
        }
    }

    /// Anthropic's wire through LiteLLM's `/v1/messages`: the forced tool, translated by the
    /// proxy for llama-cpp-python; the tool's streamed input (or, if the proxy drops the tool,
    /// the text) is the answer, validated like any other.
    @Test func aSchemaOnTheAnthropicWireThroughTheProxy() async throws {
        try await withProxy(port: 14184) { proxy, home, log in
            let config = home + "/anthropic.toml"
            try """
                [providers.proxy]
                kind = "anthropic"
                base_url = "\(proxy)"
                model = "smollm2-anthropic"
                api_key_env = "ANTHROPIC_API_KEY"
                """.write(toFile: config, atomically: true, encoding: .utf8)
            let result = try await runChorus(
                ["run", "Classify the sentiment: the blender broke after two uses.", "--schema", "label: positive|negative|neutral",
                 "--json", "--config", config, "--provider", "proxy", "--workers", "2", "--max-tokens", "60", "--timeout", "120"],
                environment: Self.keys, home: home, limit: 240)
            let json = try #require(jsonObject(result.stdout), "stdout: \(result.stdout) stderr: \(result.stderr)")
            let workers = try #require(json["workers"] as? [[String: Any]])
            for worker in workers {
                let attempt = try #require((worker["attempts"] as? [[String: Any]])?.last)
                #expect(worker["status"] as? String == "succeeded", "\(attempt)")
                #expect(attempt["object"] as? [String: Any] != nil, "\(attempt)")
            }
            #expect(log().contains("POST /v1/messages"))
        }
    }
}
