import Chorus
import Foundation
import Testing

@testable import ChorusCLI

@Suite struct SessionStoreTests {
    @Test func saveThenLoadRoundTrips() throws {
        let dir = TempDir()
        let record = Records.record([.succeeded, .succeeded, .timedOut])
        try SessionStore.save(record, to: dir.path + "/a/b/run.json")
        #expect(try SessionStore.load(dir.path + "/a/b/run.json") == record)
    }

    @Test func savingLeavesNoTemporaryFileAndReplacesWhole() throws {
        let dir = TempDir()
        let path = dir.write("run.json", String(repeating: "x", count: 100_000))
        try SessionStore.save(Records.record([.succeeded]), to: path)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(names == ["run.json"])
        #expect(try SessionStore.load(path).task == "What is the capital of France?")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func autosaveKeepsOnlyTheNewest() throws {
        let dir = TempDir()
        let store = SessionStore(directory: dir.path + "/sessions", keep: 3)
        var written: [String] = []
        for i in 0..<5 {
            var record = Records.record([.succeeded])
            record.startedAt = Date(timeIntervalSince1970: 1_800_000_000 + Double(i) * 60)
            written.append(try store.autosave(record))
        }
        #expect(store.list() == Array(written.suffix(3)))
    }

    @Test func fileNameSortsByTimeAndReadsLikeTheTask() {
        let name = SessionStore.fileName(for: Records.record([.succeeded]))
        #expect(name.hasPrefix("2027-01-15T08-00-00Z-what-is-the-capital-of-france-"))
        #expect(name.hasSuffix(".json"))
    }

    @Test func loadingMissingOrForeignFilesIsOneLine() throws {
        let dir = TempDir()
        #expect(throws: ChorusError.usage("\(dir.path)/none.json: no such session file; check the path (saved runs are in ~/.local/state/chorus/sessions)")) {
            try SessionStore.load(dir.path + "/none.json")
        }
        let foreign = dir.write("foreign.json", "{\"hello\": 1}")
        #expect(throws: ChorusError.usage("\(foreign): not a Chorus session (missing key 'task'); give a file written by --save or found under the sessions folder")) {
            try SessionStore.load(foreign)
        }
        let garbage = dir.write("garbage.json", "not json")
        #expect(throws: ChorusError.usage("\(garbage): not a Chorus session (not valid JSON); give a file written by --save or found under the sessions folder")) {
            try SessionStore.load(garbage)
        }
    }

    @Test func unwritableFolderIsTheFailureExit() {
        #expect(throws: ChorusError.self) { try SessionStore.save(Records.record([.succeeded]), to: "/proc/chorus-nope/run.json") }
        do { try SessionStore.save(Records.record([.succeeded]), to: "/proc/chorus-nope/run.json") } catch {
            #expect(error.code == .failure)
            #expect(error.message.hasPrefix("/proc/chorus-nope: cannot create the folder"))
        }
    }
}

@Suite struct MarkdownReportTests {
    @Test func reportHasTaskAnswerWorkersAndMetadata() {
        let report = MarkdownReport.render(Records.record([.succeeded, .succeeded, .timedOut], fallback: true))
        #expect(report.hasPrefix("# Chorus run\n\n**Task:**\n\n> What is the capital of France?\n"))
        #expect(report.contains("| Status | succeeded |"))
        #expect(report.contains("| Workers | 2 of 3 succeeded (quorum 2) |"))
        #expect(report.contains("| Strategy | synthesize (fell back to concatenate) |"))
        #expect(report.contains("## Answer\n\nParis (1)\n\nParis (2)\n\n> Note: synthesize failed (HTTP 500); showing the answers concatenated"))
        #expect(report.contains("### Worker 1 · cost · succeeded"))
        #expect(report.contains("- Settings: temperature 0.20 · model local/smollm2 at http://127.0.0.1:8080/v1 · focus: cost · timeout 15.0 s"))
        #expect(report.contains("- Result: attempt 1 of 1 · succeeded · elapsed 1.2 s · first token 0.3 s · ≈12 tokens out"))
        #expect(report.contains("### Worker 3 · speed · timed out\n\n- Settings"))
        #expect(report.contains("_timed out after 15 s_"))
        #expect(report.contains("| 1 | synthesize | succeeded | yes | 1, 2 | 0.8 s | synthesize failed (HTTP 500); showing the answers concatenated |"))
        #expect(report.contains("### Agreement\n\nMajority: 2 of 2 answers agree (grouped by final answer).\n\n- 2 of 2: `Paris` (workers 1, 2)"))
    }

    @Test func failedRunSaysWhyInsteadOfAnAnswer() {
        let report = MarkdownReport.render(Records.record([.failed, .failed, .succeeded]))
        #expect(report.contains("| Status | failed: quorum not met: 1 of 3 workers succeeded, 2 needed; each failed one's reason is under Workers |"))
        #expect(report.contains("## Answer\n\n_No answer: quorum not met: 1 of 3 workers succeeded, 2 needed; each failed one's reason is under Workers_"))
        // Each reason only under its worker (its result line and its reason), no longer also in
        // the status row and the answer.
        #expect(report.components(separatedBy: "HTTP 500: boom").count - 1 == 4)
        // No aggregation ran, so no aggregator is named as if it had.
        #expect(report.contains("| Aggregator | none ran (configured: local/smollm2 at http://127.0.0.1:8080/v1) |"))
        #expect(!report.contains("## How the answer was made"))
    }
}
