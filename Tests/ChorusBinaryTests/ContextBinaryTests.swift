import ChorusTestSupport
import Foundation
import Testing

/// Issue 17 on the built binary: `chorus run "Summarise this"` with text on a real pipe sends the
/// task and then the piped text as a block (it was dropped), and `--file` attaches a file; the
/// fake server's journal shows what each request carried.
@Suite(.serialized) struct ContextBinaryTests {
    let home = TemporaryHome()

    func userTexts(_ server: FakeServerProcess) async throws -> [String] {
        let journal = try await server.journal()
        let requests = try #require(journal["requests"] as? [[String: Any]])
        return requests.compactMap { $0["user_text"] as? String }
    }

    @Test func pipedTextIsSentAfterTheTask() async throws {
        let server = try FakeServerProcess()
        let result = try await runChorus(
            ["run", "Summarise this", "--json", "--workers", "2", "--strategy", "vote", "--model", "say=ok", "--base-url", server.baseURL],
            stdin: "Meeting notes: ship on Friday.\n", home: home.path)
        #expect(result.status == 0, "\(result.stderr)")
        let texts = try await userTexts(server)
        #expect(texts.count == 2)
        for text in texts {
            #expect(text == "Summarise this\n\n<context name=\"stdin\" bytes=\"31\">\nMeeting notes: ship on Friday.\n</context>")
        }
        let json = try #require(jsonObject(result.stdout))
        #expect(json["task"] as? String == "Summarise this")
        #expect(!result.stdout.contains("ship on Friday"), "the record keeps the size, not the text")
    }

    @Test func aFileIsAttachedAndAMissingOneIsOneLine() async throws {
        let server = try FakeServerProcess()
        let path = home.path + "/notes.md"
        try "# Notes\nship on Friday\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try await runChorus(
            ["run", "Summarise", "-f", path, "--workers", "1", "--strategy", "vote", "--model", "say=ok", "--base-url", server.baseURL],
            home: home.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try await userTexts(server) == ["Summarise\n\n<context name=\"\(path)\" bytes=\"23\">\n# Notes\nship on Friday\n</context>"])

        let missing = try await runChorus(
            ["run", "Summarise", "-f", home.path + "/gone.md", "--model", "say=ok", "--base-url", server.baseURL], home: home.path)
        #expect(missing.status == 64)
        #expect(missing.stderr == "chorus: --file \(home.path)/gone.md: no such file; check the path\n")
    }
}
