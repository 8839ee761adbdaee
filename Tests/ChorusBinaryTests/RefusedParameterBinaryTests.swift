import ChorusTestSupport
import Foundation
import Testing

/// Issue 13, case 10 and its kind, end to end: the built `chorus` against a `fake-llm-server`
/// that refuses a temperature other than 1 and any `max_tokens`, as OpenAI's reasoning models do.
@Suite(.serialized) struct RefusedParameterBinaryTests {
    let home = TemporaryHome()

    func refusingServer() throws -> FakeServerProcess {
        let script = home.path + "/refuse.json"
        try #"{"refuse": ["temperature", "max_tokens"]}"#.write(toFile: script, atomically: true, encoding: .utf8)
        return try FakeServerProcess(arguments: ["--script", script])
    }

    static func notApplied(_ worker: [String: Any]) -> [String] {
        ((worker["attempts"] as? [[String: Any]]) ?? []).flatMap { ($0["not_applied"] as? [String]) ?? [] }
    }

    /// A model the quirk table knows: the first request is already right, the workers differ by seed.
    @Test func gpt5MiniWithMaxTokensSucceedsOnEveryWorker() async throws {
        let server = try refusingServer()
        let result = try await runChorus(
            ["run", "What is 17*23?", "--json", "--model", "gpt-5-mini", "--max-tokens", "200", "--strategy", "concatenate",
             "--base-url", server.baseURL],
            home: home.path)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(jsonObject(result.stdout), "\(result.stdout)")
        #expect(json["status"] as? String == "succeeded")
        let workers = try #require(json["workers"] as? [[String: Any]])
        #expect(workers.map { $0["status"] as? String } == ["succeeded", "succeeded", "succeeded"])
        for (i, worker) in workers.enumerated() {
            let entries = Self.notApplied(worker)
            // Worker 3's temperature is 1.0, the model's default: nothing was lost, nothing to record.
            #expect(
                entries.contains { $0.hasPrefix("temperature: gpt-5-mini takes only the default temperature (1)") } == (i < 2),
                "\(entries)")
            #expect(entries.contains { $0.hasPrefix("max_tokens: ") && $0.contains("sent as max_completion_tokens") }, "\(entries)")
        }
        #expect(workers.map { $0["seed"] as? Int } == [1, 2, 3])
        #expect(workers.map { $0["temperature"] as? Double } == [0.2, 0.6, 1.0], "the record keeps the temperature asked")
        let notes = try #require(json["notes"] as? [String])
        #expect(notes.count == 1 && notes[0].contains("the workers differ by seed (1, 2, 3)"), "\(notes)")

        let requests = try #require(try await server.journal()["requests"] as? [[String: Any]])
        #expect(requests.count == 3, "no refused sends: the table knew the model")
        for request in requests {
            let body = try #require(jsonObject(request["body"] as? String ?? ""))
            #expect(body["temperature"] == nil && body["max_tokens"] == nil)
            #expect(body["max_completion_tokens"] as? Int == 200)
        }
        // Warned once per run, not once per worker.
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("temperature was not applied") }
        #expect(warnings.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("chorus: note: gpt-5-mini takes only the default temperature (1)"), "\(result.stderr)")
    }

    /// A model the table does not know: each worker's request is refused, sent again without the
    /// parameter, and succeeds; nothing else varies, so the run says the workers are samples of
    /// one setting.
    @Test func anUnknownModelIsRetriedWithoutTheRefusedParameters() async throws {
        let server = try refusingServer()
        let result = try await runChorus(
            ["run", "q", "--json", "--model", "future-reasoner", "--max-tokens", "200", "--strategy", "concatenate",
             "--base-url", server.baseURL],
            home: home.path)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(jsonObject(result.stdout), "\(result.stdout)")
        let workers = try #require(json["workers"] as? [[String: Any]])
        #expect(workers.map { $0["status"] as? String } == ["succeeded", "succeeded", "succeeded"])
        for (i, worker) in workers.enumerated() {
            let entries = Self.notApplied(worker)
            // Worker 3 asks for temperature 1.0, which the server takes: only max_tokens is refused.
            let expected = i < 2 ? ["temperature", "max_tokens"] : ["max_tokens"]
            #expect(entries.map { String($0.prefix { $0 != ":" }) } == expected, "\(entries)")
            #expect(entries.allSatisfy { $0.contains(": the server refused it (Unsupported") }, "\(entries)")
            #expect((worker["attempts"] as? [[String: Any]])?.count == 1, "the resend is part of the attempt")
        }
        let statuses = try #require(try await server.journal()["requests"] as? [[String: Any]]).map { $0["status"] as? Int }
        #expect(statuses.filter { $0 == 400 }.count == 5 && statuses.filter { $0 == 200 }.count == 3, "\(statuses)")
        #expect(result.stderr.contains("warning: temperature was not applied for future-reasoner (the server refused it"))
        #expect(result.stderr.contains("the 3 workers are samples of one setting"), "\(result.stderr)")
        #expect(result.stderr.contains("warning: max_tokens was not applied for future-reasoner"))
    }
}
