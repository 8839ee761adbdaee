import ChorusTestSupport
import Foundation
import Testing

/// `chorus open FILE --rerun N ...` (README "Variant reruns"): the built binary against the
/// `fake-llm-server` binary; `say=TEXT` model names make the fake answer TEXT, so each variant's
/// answer says which model made it.
@Suite(.serialized) struct VariantRerunBinaryTests {
    let home = TemporaryHome()

    /// A two-worker session saved by `chorus run` against `server`.
    func savedSession(_ server: FakeServerProcess) async throws -> String {
        let file = home.path + "/session.json"
        let result = try await runChorus(
            ["run", "What is 2+2?", "--model", "say=four", "--workers", "2", "--strategy", "concatenate",
             "--base-url", server.baseURL, "--save", file],
            home: home.path)
        #expect(result.status == 0, "\(result.stderr)")
        return file
    }

    func record(_ file: String) throws -> [String: Any] {
        try #require(jsonObject(String(contentsOfFile: file, encoding: .utf8)))
    }

    @Test func rerunKeepsBothVariantsAndWritesTheSessionBack() async throws {
        let server = try FakeServerProcess()
        let file = try await savedSession(server)
        let result = try await runChorus(
            ["open", file, "--rerun", "2", "--model", "say=five", "--temperature", "0"], home: home.path)
        #expect(result.status == 0, "\(result.stderr)")
        // The new answer, merged with the chosen variant's text.
        #expect(result.stdout == "## Worker 1\n\nfour\n\n## Worker 2\n\nfive\n")
        #expect(result.stderr.contains("chorus: worker 2 variant 2 (openai:say=five) succeeded; chosen for the merge"))
        #expect(result.stderr.contains("chorus: session saved: \(file)"))

        let saved = try record(file)
        let workers = try #require(saved["workers"] as? [[String: Any]])
        #expect(workers[0]["variants"] == nil)
        #expect(workers[1]["chosen_variant"] as? Int == 1)
        #expect(workers[1]["text"] as? String == "five")
        let variants = try #require(workers[1]["variants"] as? [[String: Any]])
        #expect(variants.count == 2)
        let specs = variants.compactMap { $0["spec"] as? [String: Any] }
        #expect(specs.compactMap { ($0["model"] as? [String: Any])?["model"] as? String } == ["say=four", "say=five"])
        #expect(specs.compactMap { $0["temperature"] as? Double } == [1.0, 0], "worker 2 ran at 1.0 (0.2...1.0 over two workers); the variant at 0")
        #expect(variants.compactMap { ($0["attempts"] as? [[String: Any]])?.first?["text"] as? String } == ["four", "five"])
        #expect(saved["output"] as? String == "## Worker 1\n\nfour\n\n## Worker 2\n\nfive")
        // No temporary file left next to it (atomic write).
        let left = try FileManager.default.contentsOfDirectory(atPath: home.path).filter { $0.hasPrefix("session.json.") }
        #expect(left.isEmpty, "\(left)")

        // --choose 2:1 merges the original again; nothing re-runs.
        let before = try await server.journal()["accepted"] as? Int
        let chosen = try await runChorus(["open", file, "--choose", "2:1", "--json"], home: home.path)
        #expect(chosen.status == 0, "\(chosen.stderr)")
        let json = try #require(jsonObject(chosen.stdout))
        #expect(json["output"] as? String == "## Worker 1\n\nfour\n\n## Worker 2\n\nfour")
        #expect(((json["workers"] as? [[String: Any]])?[1]["variants"] as? [Any])?.count == 2)
        #expect(try await server.journal()["accepted"] as? Int == before)
        #expect(try record(file)["output"] as? String == "## Worker 1\n\nfour\n\n## Worker 2\n\nfour")
    }

    @Test func aFailedRerunKeepsTheMergeAndExitsOne() async throws {
        let server = try FakeServerProcess()
        let file = try await savedSession(server)
        let result = try await runChorus(
            ["open", file, "--rerun", "1", "--focus", "x [[fake:fail-400]]"], home: home.path)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout == "## Worker 1\n\nfour\n\n## Worker 2\n\nfour\n")
        #expect(result.stderr.contains("chorus: worker 1 variant 2 (openai:say=four) failed: "))
        #expect(result.stderr.contains("the merge keeps variant 1"))
        let workers = try #require(try record(file)["workers"] as? [[String: Any]])
        #expect(workers[0]["chosen_variant"] as? Int == 0)
        #expect((workers[0]["variants"] as? [[String: Any]])?.count == 2)
    }

    @Test func badRerunFlagsAreOneLineEach() async throws {
        let server = try FakeServerProcess()
        let file = try await savedSession(server)
        let cases: [([String], String)] = [
            (["--rerun", "3", "--model", "m"], "chorus: --rerun 3: the session has workers 1...2; give one of them"),
            (["--rerun", "1"], "chorus: --rerun 1 changes nothing; add --model, --provider, --temperature, --focus or --max-tokens"),
            (["--model", "m"], "chorus: --model describes a variant rerun; add --rerun N to say which worker to rerun"),
            (["--rerun", "1", "--temperature", "hot"], "chorus: --temperature hot: not a number; give one from 0 to 2"),
            (["--rerun", "1", "--temperature", "3"], "chorus: temperature 3.0 is outside 0...2; give a number from 0 to 2"),
            (["--rerun", "1", "--max-tokens", "lots"], "chorus: --max-tokens lots: not a whole number; give one like 800, or \"none\" for no limit"),
            (["--rerun", "1", "--provider", "nope"], "chorus: --provider nope: no such provider; use one of: "),
            (["--choose", "2"], "chorus: --choose 2: give WORKER:VARIANT, e.g. 2:1 for the original of worker 2"),
            (["--choose", "2:2"], "chorus: --choose 2:2: worker 2 has variant 1; give one of them"),
        ]
        let original = try String(contentsOfFile: file, encoding: .utf8)
        for (flags, line) in cases {
            let result = try await runChorus(["open", file] + flags, home: home.path)
            #expect(result.status == 64, "\(flags): \(result.stderr)")
            #expect(result.stderr.hasPrefix(line), "\(flags): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(flags): \(result.stderr)")
        }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == original, "nothing written back")
    }

    @Test func aSessionSavedByTheEarlierReleaseReruns() async throws {
        // Saved by main's `chorus run ... --save` before variants existed (Tests/Fixtures); its
        // base URL is moved to this test's fake server.
        let server = try FakeServerProcess()
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/sessions/main-single-turn.json")
        let text = try String(contentsOf: fixture, encoding: .utf8)
            .replacingOccurrences(of: "http://127.0.0.1:44727/v1", with: server.baseURL)
        let file = home.path + "/old.json"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try await runChorus(["open", file, "--rerun", "1", "--model", "say=five", "--json"], home: home.path)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(jsonObject(result.stdout))
        #expect(json["output"] as? String == "## Worker 1\n\nfive\n\n## Worker 2\n\nfour")
        let workers = try #require(json["workers"] as? [[String: Any]])
        #expect((workers[0]["variants"] as? [Any])?.count == 2)
    }
}
