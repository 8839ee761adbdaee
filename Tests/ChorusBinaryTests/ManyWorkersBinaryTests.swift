import ChorusTestSupport
import Foundation
import Testing

/// `--workers 256` end to end (issue 16): the built `chorus` against the `fake-llm-server`
/// binary. Every worker succeeds with its own text, all 256 calls are open at once (one HTTP
/// client with a connection per worker, none queued behind another), and the vote counts them all.
@Suite(.serialized) struct ManyWorkersBinaryTests {
    let home = TemporaryHome()

    @Test func twoHundredFiftySixWorkersAllRunAtOnce() async throws {
        let server = try FakeServerProcess()
        // The server holds every head until 256 calls are open at once (`gather-256`, at most
        // 10 s): only a client that opens them all together gets its answers at once.
        let result = try await runChorus(
            ["run", "What is the capital of France?", "--json", "--workers", "256", "--model", "gather-256+say=Paris",
             "--strategy", "vote", "--timeout", "60", "--base-url", server.baseURL],
            home: home.path)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(jsonObject(result.stdout), "stdout is one JSON object")
        let workers = try #require(json["workers"] as? [[String: Any]])
        #expect(workers.count == 256)
        #expect(workers.allSatisfy { $0["status"] as? String == "succeeded" && $0["text"] as? String == "Paris" })
        #expect(json["output"] as? String == "Paris")
        let journal = try await server.journal()
        #expect((journal["requests"] as? [[String: Any]])?.count == 256)
        #expect(journal["max_open_at_once"] as? Int == 256)
    }

    @Test func moreThanTwoHundredFiftySixIsOneClearLine() async throws {
        let result = try await runChorus(["run", "q", "--workers", "257", "--provider", "openai"], home: home.path)
        #expect(result.status == 64)
        #expect(result.stderr == "chorus: --workers 257: use at most 256 workers\n")
    }
}
