import ChorusTestSupport
import Foundation
import Testing

/// Issue 13, case 9: headless `chorus run` at a real terminal, against the fake server, with an
/// answer carrying bidi overrides and isolates (and an escape sequence). At the terminal the bytes
/// written show each control as a symbol; piped, they are the answer's bytes exactly.
@Suite(.serialized) struct TerminalSafetyBinaryTests {
    let home = TemporaryHome()

    /// Stored, the path is `/tmp/‮fdp.exe‬`; shown raw, a terminal draws `/tmp/exe.pdf`.
    static let answer = "Open /tmp/\u{202E}fdp.exe\u{202C} then run \u{2066}rm -rf ~\u{2069} now.\u{1B}[2J\u{9B}31m"

    func server() throws -> FakeServerProcess {
        let script = try JSONSerialization.data(withJSONObject: ["default": ["text": Self.answer]])
        let path = home.path + "/script-\(UUID().uuidString).json"
        _ = FileManager.default.createFile(atPath: path, contents: script)
        return try FakeServerProcess(arguments: ["--script", path])
    }

    @Test func anAnswerAtATerminalShowsBidiAndEscapesAsSymbols() async throws {
        let server = try server()
        let result = try await runChorusAtTerminal(
            ["run", "Which file?", "--strategy", "vote", "--base-url", server.baseURL], home: home.path)
        #expect(result.status == 0, "\(result.stderr)")
        let shown = String(decoding: result.stdout, as: UTF8.self)
        #expect(shown == "Open /tmp/\u{FFFD}fdp.exe\u{FFFD} then run \u{FFFD}rm -rf ~\u{FFFD} now.␛[2J\u{FFFD}31m\n")
        for bidi: UInt32 in [0x202E, 0x202C, 0x2066, 0x2069] {
            let bytes = Array(String(Unicode.Scalar(bidi)!).utf8)
            #expect(result.stdout.firstRange(of: bytes) == nil, "U+\(String(bidi, radix: 16)) reached the terminal")
        }
        #expect(!result.stdout.contains(0x1B), "no ESC byte reached the terminal")
        #expect(result.stdout.firstRange(of: [0xC2, 0x9B]) == nil, "no C1 CSI reached the terminal")
    }

    @Test func theSameRunPipedIsTheRawAnswer() async throws {
        let server = try server()
        let result = try await runChorus(
            ["run", "Which file?", "--strategy", "vote", "--base-url", server.baseURL], home: home.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Array(result.stdout.utf8) == Array((Self.answer + "\n").utf8))
    }

    @Test func jsonAtATerminalIsEscapedAndMeansTheSame() async throws {
        let server = try server()
        let result = try await runChorusAtTerminal(
            ["run", "Which file?", "--strategy", "vote", "--json", "--base-url", server.baseURL], home: home.path)
        #expect(result.status == 0, "\(result.stderr)")
        let text = String(decoding: result.stdout, as: UTF8.self)
        #expect(text.contains("\\u202e"))
        #expect(!result.stdout.contains(0x1B))
        #expect(Array(text.utf8).firstRange(of: Array("\u{202E}".utf8)) == nil)
        let json = try #require(jsonObject(text), "one JSON object: \(text)")
        #expect(json["output"] as? String == Self.answer)
    }
}
