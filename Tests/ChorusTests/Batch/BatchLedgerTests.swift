import Chorus
import Foundation
import Testing

@Suite("BatchLedger and BatchMerge")
struct BatchLedgerTests {
    func line(_ id: String, _ status: String, extra: String = "") -> String {
        "{\"id\":\"\(id)\",\"status\":\"\(status)\"\(extra)}\n"
    }

    func item(_ id: String) -> BatchItem { BatchItem(id: id, idSource: .field, fields: ["text": id], location: "line 1") }

    @Test("latest line per id wins; a torn tail is measured and excluded")
    func readsWholeLines() {
        let torn = "{\"id\":\"c\",\"sta"
        let text = line("a", "failed") + line("b", "succeeded") + line("a", "succeeded") + torn
        let ledger = BatchLedger.read(Array(text.utf8))
        #expect(ledger.entries["a"]?.status == .succeeded)
        #expect(ledger.entries["a"]?.line == 3)
        #expect(ledger.entries["b"]?.status == .succeeded)
        #expect(ledger.entries["c"] == nil)
        #expect(ledger.tornBytes == torn.utf8.count)
        #expect(ledger.validLength == text.utf8.count - torn.utf8.count)
        #expect(ledger.lineCount == 3)
    }

    @Test("a complete but unreadable line is listed and ignored; blank lines are fine")
    func unreadable() {
        let text = line("a", "succeeded") + "\n" + "not json\n" + "{\"id\":\"\",\"status\":\"failed\"}\n" + line("b", "failed")
        let ledger = BatchLedger.read(Array(text.utf8))
        #expect(ledger.unreadableLines == [3, 4])
        #expect(ledger.entries.count == 2)
        #expect(ledger.tornBytes == 0)
    }

    @Test("a valid JSON object without its newline is still torn (it may be cut short)")
    func missingNewlineIsTorn() {
        let text = line("a", "succeeded") + "{\"id\":\"b\",\"status\":\"succeeded\"}"
        let ledger = BatchLedger.read(Array(text.utf8))
        #expect(ledger.entries["b"] == nil)
        #expect(ledger.tornBytes > 0)
    }

    @Test("selection: succeeded never run again; failed only with --retry-failed; missing always")
    func selection() {
        let ledger = BatchLedger.read(Array((line("a", "succeeded") + line("b", "failed")).utf8))
        let items = ["a", "b", "c"].map(item)
        let plain = ledger.selection(of: items, retryFailed: false)
        #expect(plain.toRun.map(\.id) == ["c"])
        #expect(plain.alreadySucceeded == 1)
        #expect(plain.alreadyFailed == 1)
        let retry = ledger.selection(of: items, retryFailed: true)
        #expect(retry.toRun.map(\.id) == ["b", "c"])
        #expect(retry.retrying == 1)
        #expect(retry.alreadyFailed == 0)
    }

    @Test("merge: one line per id, bytes kept, duplicates across files reported, succeeded wins")
    func merge() {
        let a = line("1", "succeeded", extra: ",\"output\":\"x\"") + line("2", "failed") + line("2", "succeeded")
        let b = line("3", "failed") + line("1", "failed") + "{\"torn"
        let merge = BatchMerge(files: [("a.jsonl", Array(a.utf8)), ("b.jsonl", Array(b.utf8))])
        let text = String(decoding: merge.lines.flatMap { $0 }, as: UTF8.self)
        #expect(text == line("1", "succeeded", extra: ",\"output\":\"x\"") + line("2", "succeeded") + line("3", "failed"))
        #expect(merge.duplicates.map(\.id) == ["1"])
        #expect(merge.duplicates.first?.files == ["a.jsonl", "b.jsonl"])
        #expect(merge.succeeded == 2)
        #expect(merge.failed == 1)
        #expect(merge.tornFiles == ["b.jsonl"])
        #expect(merge.missing(from: ["1", "2", "3", "4"]) == ["4"])
    }

    @Test("the records of failed items are read back whole; a compact line has none")
    func recordsForRetry() throws {
        let item = BatchItem(id: "a", idSource: .field, fields: ["text": "q"], location: "line 1", line: 1)
        var record = RunRecord(plan: testPlan(workers: 2), startedAt: Date(timeIntervalSince1970: 0))
        record.status = .failed
        let full = BatchResult(item: item, record: record, finishedAt: Date(timeIntervalSince1970: 0))
        var compact = full
        compact.id = "b"
        let bytes = full.jsonLine(compact: false) + compact.jsonLine(compact: true) + Array(line("c", "failed").utf8)
        let records = BatchLedger.records(in: bytes, for: ["a", "b", "zzz"])
        #expect(records["a"]?.workers.count == 2)
        #expect(records["a"]?.plan.workers == record.plan.workers)
        #expect(records["b"] == nil)
        #expect(records["c"] == nil)
    }

    @Test("a result line is one line of JSON ending in a newline, and the ledger reads it back")
    func resultLineRoundTrip() throws {
        let item = BatchItem(id: "t\n1", idSource: .field, fields: ["text": "q"], location: "line 1", line: 1)
        var record = RunRecord(plan: testPlan(workers: 1), startedAt: Date(timeIntervalSince1970: 0))
        record.status = .failed
        record.failure = .quorumNotMet
        record.error = "Quorum not met: line\nbreak \u{1B}[31m"
        let result = BatchResult(item: item, record: record, finishedAt: Date(timeIntervalSince1970: 0))
        for compact in [false, true] {
            let bytes = result.jsonLine(compact: compact)
            #expect(bytes.last == UInt8(ascii: "\n"))
            #expect(bytes.dropLast().allSatisfy { $0 != UInt8(ascii: "\n") })
            let json = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
            #expect(json["id"] as? String == "t\n1")
            #expect(json["status"] as? String == "failed")
            #expect(json["failure"] as? String == "quorum_not_met")
            let record = try #require(json["record"] as? [String: Any])
            #expect(record["workers"] is [Any])
            #expect((record["task"] != nil) == !compact)
            let ledger = BatchLedger.read(bytes)
            #expect(ledger.entries["t\n1"]?.status == .failed)
        }
    }
}
