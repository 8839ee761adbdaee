import ChorusTestSupport
import Foundation
import Testing

/// The built `chorus` binary, headless, against the `fake-llm-server` binary: real processes,
/// real HTTP on 127.0.0.1, real exit statuses. Behaviour is chosen per worker by focus areas
/// carrying `[[fake:...]]` markers and by model names (see Sources/FakeLLMServer/README.md).
/// Failures use HTTP 400 (not retried) so no test waits for provider back-off.
@Suite(.serialized) struct BinaryTests {
    let home = TemporaryHome()

    func run(
        _ server: FakeServerProcess, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil
    ) async throws -> ProcessResult {
        try await runChorus(
            arguments + ["--base-url", server.baseURL], environment: environment, stdin: stdin, home: home.path)
    }

    @Test func normalRunPrintsTheContractJSON() async throws {
        let server = try FakeServerProcess()
        let result = try await run(
            server,
            ["run", "What is 2+2?", "--json", "--model", "say=four", "--strategy", "synthesize", "--aggregator-model", "say=The answer is 4."])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(jsonObject(result.stdout), "stdout is one JSON object: \(result.stdout)")
        #expect(json["status"] as? String == "succeeded")
        #expect(json["output"] as? String == "The answer is 4.")
        #expect(json["error"] is NSNull)
        #expect(json["strategy"] as? String == "synthesize")
        #expect(json["fallback_used"] as? Bool == false)
        let workers = try #require(json["workers"] as? [[String: Any]])
        #expect(workers.count == 3)
        for (i, worker) in workers.enumerated() {
            for key in ["index", "status", "temperature", "focus", "model", "text", "error", "elapsed_ms", "attempts"] {
                #expect(worker.keys.contains(key), "worker \(i) has \(key)")
            }
            #expect(worker["index"] as? Int == i)
            #expect(worker["status"] as? String == "succeeded")
            #expect(worker["text"] as? String == "four")
            #expect(worker["model"] as? String == "say=four")
            #expect((worker["attempts"] as? [[String: Any]])?.count == 1)
        }
        #expect(workers.map { $0["temperature"] as? Double } == [0.2, 0.6, 1.0])
        #expect(result.stderr.isEmpty, "no warnings on a clean run: \(result.stderr)")
    }

    @Test func oneWorkerTimingOutStillSucceeds() async throws {
        let server = try FakeServerProcess()
        let result = try await run(
            server,
            ["run", "q", "--json", "--timeout", "1", "--strategy", "concatenate",
             "--focus", "a", "--focus", "b [[fake:stall]]", "--focus", "c"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(jsonObject(result.stdout))
        #expect(json["status"] as? String == "succeeded")
        let workers = try #require(json["workers"] as? [[String: Any]])
        #expect(workers.map { $0["status"] as? String } == ["succeeded", "timed_out", "succeeded"])
        #expect(workers[1]["error"] as? String == "timed out after 1 s with no answer")
        let elapsed = try #require(workers[1]["elapsed_ms"] as? Int)
        #expect((1000..<3000).contains(elapsed))
        #expect(json["succeeded"] as? Int == 2)
        #expect(result.stderr.contains("chorus: warning: worker 2 (b [[fake:stall]]) timed out after 1 s with no answer"))
    }

    @Test func tooManyFailuresExitWithTheQuorumCodeAndReasons() async throws {
        let server = try FakeServerProcess()
        let result = try await run(
            server,
            ["run", "q", "--focus", "a [[fake:fail-400]]", "--focus", "b [[fake:fail-400]]", "--focus", "c"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("chorus: Quorum not met: 1 of 3 workers succeeded, 2 needed. worker 1: "))
        #expect(result.stderr.contains("; worker 2: "))
        #expect(result.stderr.contains("400"))

        let json = try await run(server, ["run", "q", "--json", "--focus", "[[fake:fail-400]]"])
        #expect(json.status == 3)
        let record = try #require(jsonObject(json.stdout))
        #expect(record["status"] as? String == "failed")
        #expect(record["failure"] as? String == "all_failed")
        #expect((record["error"] as? String)?.hasPrefix("All 3 workers failed: worker 1: ") == true)
    }

    @Test func aggregatorFailureFallsBackToConcatenation() async throws {
        let server = try FakeServerProcess()
        let result = try await run(
            server, ["run", "q", "--json", "--model", "say=Paris", "--strategy", "synthesize", "--aggregator-model", "fail-400"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(jsonObject(result.stdout))
        #expect(json["fallback_used"] as? Bool == true)
        #expect(json["strategy"] as? String == "synthesize")
        #expect((json["output"] as? String)?.contains("Paris") == true)
        #expect(result.stderr.contains("chorus: warning: fallback: synthesize failed"))
    }

    @Test func taskFromStandardInput() async throws {
        let server = try FakeServerProcess()
        let result = try await run(server, ["run", "--json", "--model", "say=ok"], stdin: "What is the sky's colour?\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(jsonObject(result.stdout)?["task"] as? String == "What is the sky's colour?")
        let dash = try await run(server, ["run", "-", "--model", "say=fine", "--strategy", "vote"], stdin: "Piped task")
        #expect(dash.status == 0)
        #expect(dash.stdout == "fine\n")
    }

    @Test func saveThenExportRoundTrip() async throws {
        let server = try FakeServerProcess()
        let file = home.path + "/saved/run.json"
        let result = try await run(server, ["run", "Name a colour", "--model", "say=blue", "--strategy", "vote", "--save", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "blue\n")
        let markdown = try await runChorus(["export", file], home: home.path)
        #expect(markdown.status == 0)
        #expect(markdown.stdout.hasPrefix("# Chorus run"))
        #expect(markdown.stdout.contains("> Name a colour"))
        #expect(markdown.stdout.contains("## Answer\n\nblue"))
        let json = try await runChorus(["export", file, "--format", "json"], home: home.path)
        #expect(json.status == 0)
        let saved = try String(contentsOfFile: file, encoding: .utf8)
        #expect(jsonObject(json.stdout)?["task"] as? String == "Name a colour")
        #expect(json.stdout == saved)
        // Saved automatically as well.
        let sessions = try FileManager.default.contentsOfDirectory(atPath: home.path + "/.local/state/chorus/sessions")
        #expect(sessions.count == 1)
    }

    @Test func theAPIKeyNeverAppearsAnywhere() async throws {
        let sentinel = "sk-SENTINEL-e2e-4242424242"
        let server = try FakeServerProcess()
        let file = home.path + "/s.json"
        // A 401 from this server echoes the key it received, as careless servers do.
        let result = try await run(
            server, ["run", "q", "--json", "--save", file, "--focus", "a", "--focus", "b", "--focus", "c [[fake:fail-401]]"],
            environment: ["OPENAI_API_KEY": sentinel])
        #expect(result.status == 0, "\(result.stderr)")
        let config = try await runChorus(["config"], environment: ["OPENAI_API_KEY": sentinel], home: home.path)
        #expect(config.stdout.contains("api key: set (from OPENAI_API_KEY)"))
        let export = try await runChorus(["export", file], home: home.path)
        let sessions = home.path + "/.local/state/chorus/sessions"
        let autosaved = try FileManager.default.contentsOfDirectory(atPath: sessions).map {
            try String(contentsOfFile: sessions + "/" + $0, encoding: .utf8)
        }
        let texts = [result.stdout, result.stderr, config.stdout, config.stderr, export.stdout, try String(contentsOfFile: file, encoding: .utf8)] + autosaved
        for text in texts { #expect(!text.contains("SENTINEL")) }
    }

    @Test func unreachableServerExits69() async throws {
        let refusing = try RefusingPort()  // bound, never listening: connections are refused
        defer { withExtendedLifetime(refusing) {} }
        let port = refusing.port
        let result = try await runChorus(
            ["run", "q", "--base-url", "http://127.0.0.1:\(port)/v1", "--timeout", "5"], home: home.path)
        #expect(result.status == 69, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func usageErrorsAreOneLineWith64() async throws {
        let result = try await runChorus(["run", "q", "--workers", "0"], home: home.path)
        #expect(result.status == 64)
        #expect(result.stderr == "chorus: --workers 0: use at least 1 worker (e.g. 3)\n")
        let unknown = try await runChorus(["run", "q", "--nope"], home: home.path)
        #expect(unknown.status == 64)
        #expect(unknown.stderr.hasPrefix("chorus: Unknown option '--nope'"))
        let help = try await runChorus(["--help"], home: home.path)
        #expect(help.status == 0)
        #expect(help.stdout.contains("Exit codes:"))
    }
}
