import Chorus
import Foundation
import Testing

@testable import ChorusCLI

/// `chorus sessions`, `open --last`, `export --last` and the session path printed on exit
/// (issue 14), against saved files in a temporary state folder.
@Suite struct SessionsCommandTests {
    /// Three sessions a minute apart (answered, quorum not met, all failed) and one unreadable file.
    static func seeded() throws -> Harness {
        let h = Harness()
        let store = SessionStore(directory: h.sessionsDirectory)
        let kinds: [[AttemptStatus]] = [[.succeeded, .succeeded, .timedOut], [.failed, .failed, .succeeded], [.failed, .failed, .failed]]
        for (i, statuses) in kinds.enumerated() {
            var record = Records.record(statuses)
            record.startedAt = Date(timeIntervalSince1970: 1_800_000_000 + Double(i) * 60)
            record.task = "Task number \(i + 1)\nwith a second line " + String(repeating: "long ", count: 30)
            try store.autosave(record)
        }
        h.home.write(".local/state/chorus/sessions/2027-01-15T07-00-00Z-broken-0000.json", "{\"task\": 3")
        return h
    }

    @Test func listsNewestFirstWithOutcomeAndPathAndKeepsUnreadableFiles() async throws {
        let h = try Self.seeded()
        #expect(await h.run(["sessions"]) == 0)
        let lines = h.out.text.split(separator: "\n").map(String.init)
        #expect(lines.count == 8)
        #expect(lines[0].contains("failed: all 3 workers failed · auto · 0/3 ok  Task number 3 with a second line"))
        #expect(lines[2].contains("quorum not met: 1 of 3 succeeded, 2 needed · auto · 1/3 ok  Task number 2"))
        #expect(lines[4].contains("answered · synthesize · 2/3 ok  Task number 1"))
        #expect(lines[6].hasSuffix("unreadable: not a Chorus session (not valid JSON); give a file written by --save or found under the sessions folder"))
        #expect(lines[7] == "  \(h.sessionsDirectory)/2027-01-15T07-00-00Z-broken-0000.json")
        for row in stride(from: 0, to: 6, by: 2) {
            #expect(lines[row].count <= 100, "one line, the task cut to the width")
            #expect(lines[row].hasSuffix("…"))
            #expect(lines[row + 1].hasPrefix("  \(h.sessionsDirectory)/"))
        }
    }

    @Test func limitAndJSON() async throws {
        let h = try Self.seeded()
        #expect(await h.run(["sessions", "--limit", "1"]) == 0)
        let lines = h.out.text.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[2] == "(3 older; --limit 0 lists all 4)")

        let j = Harness(reusing: h.home)
        #expect(await j.run(["sessions", "--json", "--limit", "0"]) == 0)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(j.out.text.utf8)) as? [[String: Any]])
        #expect(array.map { $0["outcome"] as? String } == ["failed", "quorum not met", "answered", "unreadable"])
        #expect(array[2]["succeeded"] as? Int == 2)
        #expect(array[2]["workers"] as? Int == 3)
        #expect((array[2]["task"] as? String)?.hasPrefix("Task number 1\n") == true)
        #expect(array[3]["problem"] as? String != nil)

        let bad = Harness(reusing: h.home)
        #expect(await bad.run(["sessions", "--limit", "-1"]) == 64)
    }

    @Test func noSessionsIsOneLineSayingWhereItLooked() async {
        let h = Harness()
        #expect(await h.run(["sessions"]) == 0)
        #expect(h.out.text == "no saved sessions in \(h.sessionsDirectory)\n")
        let j = Harness(reusing: h.home)
        #expect(await j.run(["sessions", "--json"]) == 0)
        #expect(j.out.text == "[\n\n]\n" || j.out.text == "[]\n")
    }

    @Test func theConfiguredFolderIsTheOneListed() async throws {
        let h = Harness()
        h.writeConfig("[sessions]\ndirectory = \"\(h.home.path)/elsewhere\"\n")
        try SessionStore(directory: h.home.path + "/elsewhere").autosave(Records.record([.succeeded]))
        #expect(await h.run(["sessions"]) == 0)
        #expect(h.out.text.contains("answered"))
        #expect(h.out.text.contains("\(h.home.path)/elsewhere/"))
    }

    @Test func exportAndOpenTakeTheNewestWithLast() async throws {
        let h = try Self.seeded()
        // The unreadable file sorts oldest (07:00 before 08:00); the newest is "Task number 3".
        #expect(await h.run(["export", "--last"]) == 0)
        #expect(h.out.text.contains("> Task number 3"))

        let seen = Log()
        var ui = Harness(reusing: h.home)
        ui.stdoutIsTerminal = true
        ui.interactive = CommandTests.fakeUI(seen)
        #expect(await ui.run(["open", "--last"]) != 64, "a failed run's exit status, not a usage error")
        #expect(seen.entries.first?.hasPrefix("reopen Task number 3") == true)

        let both = Harness(reusing: h.home)
        #expect(await both.run(["open", "x.json", "--last"]) == 64)
        #expect(both.err.text == "chorus: give a session file or --last, not both\n")
        let neither = Harness(reusing: h.home)
        #expect(await neither.run(["export"]) == 64)
        #expect(neither.err.text == "chorus: give a session file, or --last for the newest (chorus sessions lists them)\n")

        let empty = Harness()
        #expect(await empty.run(["export", "--last"]) == 64)
        #expect(empty.err.text == "chorus: --last: no saved sessions in \(empty.sessionsDirectory); run chorus first, or give a session file\n")
    }

    // MARK: - The path on exit

    @Test func theUIPrintsTheSessionPathAfterItCloses() async throws {
        let seen = Log()
        var h = Harness()
        h.stdoutIsTerminal = true
        h.interactive = CommandTests.fakeUI(seen)
        h.models = Scripts.factory(workers: [:], aggregator: [.text("Paris.")])
        #expect(await h.run(["What now?"] + Scripts.focusFlags) == 0)
        let saved = try #require(h.savedSessions().first)
        #expect(h.err.text.hasSuffix("chorus: session saved: \(h.sessionsDirectory)/\(saved)\n"))
        #expect(!h.out.text.contains("session saved"))
    }

    @Test func aHeadlessRunPrintsThePathOnlyAtATerminalAndNeverOnStdout() async throws {
        var h = Harness()
        h.stderrIsTerminal = true
        #expect(await h.run(["run", "q", "--json", "--save", h.home.path + "/mine.json"]) == 0)
        #expect(h.err.text.hasSuffix("chorus: session saved: \(h.home.path)/mine.json\n"))
        #expect(decode(h.out.text) != nil, "stdout is the JSON record alone")

        let piped = Harness()
        #expect(await piped.run(["run", "q"]) == 0)
        #expect(!piped.err.text.contains("session saved"))

        var quiet = Harness()
        quiet.stderrIsTerminal = true
        #expect(await quiet.run(["run", "q", "--quiet"]) == 0)
        #expect(!quiet.err.text.contains("session saved"))
    }
}
