import ChorusTestSupport
import Foundation
import Testing

/// Reasoning models through the built `chorus` binary and the `fake-llm-server` binary, the
/// server sending a reasoning server's exact bytes (`rawPieces` in a script file): what
/// `--json`, stderr and `chorus export` show.
@Suite(.serialized) struct ReasoningBinaryTests {
    let home = TemporaryHome()

    /// A server whose chat requests containing `marker` get these SSE `data:` objects, then `[DONE]`.
    func server(_ rules: [(marker: String, chunks: [String])]) throws -> FakeServerProcess {
        let script = home.path + "/script-\(UUID().uuidString).json"
        let list: [[String: Any]] = rules.map { rule in
            ["contains": rule.marker, "response": ["rawPieces": rule.chunks.map { "data: \($0)\n\n" } + ["data: [DONE]\n\n"]]]
        }
        try JSONSerialization.data(withJSONObject: ["rules": list]).write(to: URL(fileURLWithPath: script))
        return try FakeServerProcess(arguments: ["--script", script])
    }

    static func delta(_ members: String, finish: String? = nil) -> String {
        #"{"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"# + members + #"},"finish_reason":"#
            + (finish.map { "\"\($0)\"" } ?? "null") + "}]}"
    }

    // Small input 6, and the export: the vote reads 391, the thinking is in the record and the report.
    @Test func inlineThinkingVotesOnTheAnswerAndIsExported() async throws {
        let server = try server([
            ("17*23", [
                Self.delta(#""content":"<think>\n... maybe the answer is 381? ... 340 + 51 = 391.\n</think>\n\n**391**""#, finish: "stop")
            ])
        ])
        let file = home.path + "/run.json"
        let result = try await runChorus(
            ["run", "What is 17*23?", "--json", "--strategy", "vote", "--workers", "3", "--save", file, "--base-url", server.baseURL],
            home: home.path)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(jsonObject(result.stdout))
        let output = try #require(json["output"] as? String)
        #expect(output.contains("391") && !output.contains("381"))
        let workers = try #require(json["workers"] as? [[String: Any]])
        #expect(workers.map { $0["text"] as? String } == ["**391**", "**391**", "**391**"])
        let attempt = try #require((workers[0]["attempts"] as? [[String: Any]])?.first)
        #expect((attempt["reasoning"] as? String)?.contains("maybe the answer is 381?") == true)
        #expect(attempt["stop_reason"] as? String == "stop")

        let markdown = try await runChorus(["export", file], home: home.path)
        #expect(markdown.status == 0)
        #expect(markdown.stdout.contains("> **391**\n\n<details><summary>Reasoning</summary>\n\n>\n> ... maybe the answer is 381?"))
        #expect(markdown.stdout.contains("stop reason stop"))
    }

    // Small input 1 and 3 in one panel: two workers think until the limit, one is cut mid-answer.
    @Test func onlyReasoningAndACutAnswerSayWhatHappened() async throws {
        let thinking = [
            Self.delta(#""content":null,"reasoning_content":"17*23: 340""#),
            Self.delta(#""content":null,"reasoning_content":" + 5""#, finish: "length"),
            #"{"object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":20,"completion_tokens":64,"completion_tokens_details":{"reasoning_tokens":64}}}"#,
        ]
        let server = try server([
            ("w1", thinking),
            ("w2", [Self.delta(#""content":"17*23 = 340 + 5""#, finish: "length")]),
            ("w3", [Self.delta(#""content":"17*23 = 340 + 5""#, finish: "length")]),
        ])
        let result = try await runChorus(
            ["run", "What is 17*23?", "--json", "--strategy", "vote", "--max-tokens", "64",
             "--focus", "w1", "--focus", "w2", "--focus", "w3", "--base-url", server.baseURL],
            home: home.path)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(jsonObject(result.stdout))
        let workers = try #require(json["workers"] as? [[String: Any]])
        #expect(workers.map { $0["status"] as? String } == ["failed", "succeeded", "succeeded"])
        let first = try #require((workers[0]["attempts"] as? [[String: Any]])?.first)
        #expect(first["reasoning"] as? String == "17*23: 340 + 5")
        #expect(first["stop_reason"] as? String == "length")
        #expect((first["usage"] as? [String: Any])?["reasoning_tokens"] as? Int == 64)
        #expect(result.stderr.contains(
            "warning: worker 1 (w1) failed: only reasoning, no answer: stopped at max tokens (64) (stop reason length) while thinking; raise --max-tokens"))
        #expect(result.stderr.contains("warning: worker 2's answer was cut at max tokens (stop reason length); the merge used it as it was"))
        #expect(result.stderr.contains("warning: worker 3's answer was cut at max tokens (stop reason length)"))
    }
}
