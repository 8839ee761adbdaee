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

extension ContextBinaryTests {
    /// A script's stdin can be a pipe nobody writes to or closes (a CI runner, `ssh host cmd`):
    /// beside a task, chorus waits 2 s for it, then runs without it and says so; never a hang.
    @Test func anIdleOpenPipeIsNotWaitedForever() async throws {
        let server = try FakeServerProcess()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Binaries.path("chorus"))
        process.arguments = ["run", "Q", "--workers", "1", "--strategy", "vote", "--model", "say=ok", "--base-url", server.baseURL]
        process.environment = ["HOME": home.path, "PATH": "/usr/bin:/bin", "TERM": "dumb", "LANG": "C.UTF-8"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input  // held open, never written
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let started = Date()
        while process.isRunning, Date().timeIntervalSince(started) < 20 { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stdout = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        try input.fileHandleForWriting.close()
        #expect(process.terminationStatus == 0, "\(stderr)")
        #expect(stdout == "ok\n")
        #expect(stderr.contains("chorus: note: standard input gave nothing for 2 s, so it was not attached; use -f - to wait for it"))
        #expect(Date().timeIntervalSince(started) < 15)
    }
}

extension ContextBinaryTests {
    /// The README's own example, a file redirected in (`< notes.txt`, a regular file on stdin,
    /// read without waiting), through a real shell.
    @Test func aRedirectedFileIsAttached() async throws {
        let server = try FakeServerProcess()
        let notes = home.path + "/notes.txt"
        try "ship on Friday\n".write(toFile: notes, atomically: true, encoding: .utf8)
        let chorus = try Binaries.path("chorus")
        let result = try await runChorusViaShell(
            "'\(chorus)' run 'Summarise this' --workers 1 --strategy vote --model say=ok --base-url \(server.baseURL) < '\(notes)'")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try await userTexts(server) == ["Summarise this\n\n<context name=\"stdin\" bytes=\"15\">\nship on Friday\n</context>"])
    }

    func runChorusViaShell(_ command: String) async throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = ["HOME": home.path, "PATH": "/usr/bin:/bin", "TERM": "dumb", "LANG": "C.UTF-8"]
        let errors = Pipe()
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = errors
        try process.run()
        let started = Date()
        while process.isRunning, Date().timeIntervalSince(started) < 20 { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        return (process.terminationStatus, String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }
}
