import Foundation
import Testing

@testable import Chorus

@Suite("CSV write-back (--csv-out)")
struct CSVWriteBackTests {
    func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    func line(_ id: String, _ status: String, _ extra: String = "") -> String {
        "{\"id\":\"\(id)\",\"status\":\"\(status)\"\(extra)}\n"
    }

    @Test("RFC 4180: quotes only where needed, \"\" inside, line ends and spaces kept, CRLF record ends")
    func quoting() {
        #expect(CSVText.field("plain") == "plain")
        #expect(CSVText.field("a, b") == "\"a, b\"")
        #expect(CSVText.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVText.field("two\nlines") == "\"two\nlines\"")
        #expect(CSVText.field("cr\rhere") == "\"cr\rhere\"")
        #expect(CSVText.field("  spaced  ") == "  spaced  ")
        #expect(CSVText.field("") == "")
        #expect(CSVText.record(["a", "b,c", ""]) == "a,\"b,c\",\r\n")
    }

    @Test("what is written reads back the same through the project's own CSV reader, field by field")
    func roundTrip() throws {
        let awkward = ["a, b", "say \"hi\"", "two\nlines", "three\r\nlines", "  ", "", "trailing \"", "\"", ",,,", "ünï ✓"]
        var csv = CSVText.record(["id", "text"])
        for (n, value) in awkward.enumerated() { csv += CSVText.record(["r\(n)", value]) }
        let items = try CSVItems.parse(csv)
        #expect(items.map(\.id) == awkward.indices.map { "r\($0)" })
        #expect(items.map { $0.fields["text"] } == awkward)
        #expect(items.allSatisfy { $0.problem == nil })
    }

    @Test("with a schema: one column per field in the schema's order, then agreement, needs_review, error")
    func schemaColumns() throws {
        let back = CSVWriteBack(fields: ["label", "amount", "tags"])
        #expect(back.addedColumns == ["label", "amount", "tags", "agreement", "needs_review", "error"])
        let input = "id,text\nr1,\"great, really\"\nr2,meh\nr3,awful\nr4,not run\n"
        let lines =
            line("r1", "succeeded", ",\"object\":{\"label\":\"positive\",\"amount\":3,\"tags\":[\"a\",\"b\"]},\"agreement\":{\"tags\":\"2/3\",\"label\":\"3/3\",\"amount\":\"±0.4\"},\"needs_review\":false")
            + line("r2", "succeeded", ",\"object\":{\"label\":\"neutral\",\"amount\":2.5,\"tags\":null},\"agreement\":{\"label\":\"2/3\"},\"needs_review\":true")
            + line("r3", "failed", ",\"error\":\"all 3 workers failed: HTTP 500\"")
        let rows = back.rows(fromResultLines: Array(lines.utf8))
        let written = text(try back.write(input: input, idColumn: "id", rows: rows))
        #expect(
            written == "id,text,label,amount,tags,agreement,needs_review,error\r\n"
                + "r1,\"great, really\",positive,3,\"[\"\"a\"\",\"\"b\"\"]\",label 3/3; amount ±0.4; tags 2/3,false,\r\n"
                + "r2,meh,neutral,2.5,,label 2/3,true,\r\n"
                + "r3,awful,,,,,,all 3 workers failed: HTTP 500\r\n"
                + "r4,not run,,,,,,\r\n")
    }

    @Test("without a schema: one answer column (multi-line answers quoted) and error")
    func answerColumn() throws {
        let back = CSVWriteBack(fields: nil)
        #expect(back.addedColumns == ["answer", "error"])
        let lines = line("a", "succeeded", ",\"output\":\"line one\\nline \\\"two\\\"\"")
        let written = text(try back.write(input: "id,q\na,x\n", idColumn: "id", rows: back.rows(fromResultLines: Array(lines.utf8))))
        #expect(written == "id,q,answer,error\r\na,x,\"line one\nline \"\"two\"\"\",\r\n")
    }

    @Test("the latest line per id wins, a torn tail and non-result lines are ignored, old lines without object read output")
    func rowsFromLines() {
        let back = CSVWriteBack(fields: ["label"])
        let lines =
            line("a", "failed", ",\"error\":\"first try\"") + "not json\n"
            + line("a", "succeeded", ",\"object\":{\"label\":\"yes\"}")
            + line("old", "succeeded", ",\"output\":\"{\\\"label\\\": \\\"no\\\"}\"")
            + line("prose", "succeeded", ",\"output\":\"just words\"")
            + "{\"id\":\"torn\",\"status\":\"succ"
        let rows = back.rows(fromResultLines: Array(lines.utf8))
        #expect(rows["a"]?.values["label"] == "yes")
        #expect(rows["a"]?.values["error"] == nil)
        #expect(rows["old"]?.values["label"] == "no")
        #expect(rows["old"]?.values["needs_review"] == nil, "an old line says nothing about review: the cell stays empty")
        #expect(rows["prose"]?.values["label"] == "")
        #expect(rows["torn"] == nil)
    }

    @Test("unreadable rows keep their fields padded or cut to the header, and get the reader's error")
    func unreadableRows() throws {
        let back = CSVWriteBack(fields: nil)
        let input = "id,text,note\nok,a,b\nshort,only\nlong,1,2,3\n"
        let items = try CSVItems.parse(input)
        #expect(items.map(\.id) == ["ok", "line-3", "line-4"])
        let lines = line("line-3", "failed", ",\"error\":\"line 3: 2 fields, the header has 3\"") + line("ok", "succeeded", ",\"output\":\"fine\"")
        let written = text(try back.write(input: input, idColumn: "id", rows: back.rows(fromResultLines: Array(lines.utf8))))
        #expect(
            written == "id,text,note,answer,error\r\nok,a,b,fine,\r\nshort,only,,,\"line 3: 2 fields, the header has 3\"\r\nlong,1,2,,\r\n")
    }

    @Test("generated ids (no id column) match the reader's, so rows find their lines")
    func generatedIDs() throws {
        let back = CSVWriteBack(fields: nil)
        let input = "text\nalpha\nbeta\n"
        let ids = try CSVItems.parse(input).map(\.id)
        let lines = line(ids[1], "succeeded", ",\"output\":\"B\"")
        let written = text(try back.write(input: input, idColumn: "id", rows: back.rows(fromResultLines: Array(lines.utf8))))
        #expect(written == "text,answer,error\r\nalpha,,\r\nbeta,B,\r\n")
    }

    @Test("a header clash names the column and the fix in one line; different names pass")
    func headerClash() {
        let back = CSVWriteBack(fields: ["label", "reason"])
        let field = back.clash(with: ["id", "text", "label"])
        #expect(field == "--csv-out: the input CSV already has a column \"label\"; it clashes with the schema's field \"label\", which the write-back adds as a column; rename the input's column or the schema's field")
        let added = back.clash(with: ["id", "needs_review"])
        #expect(added?.contains("the column \"needs_review\" the write-back adds; rename the input's column") == true)
        #expect(CSVWriteBack(fields: nil).clash(with: ["id", "answer"])?.contains("\"answer\"") == true)
        #expect(back.clash(with: ["id", "text", "Label"]) == nil, "names are compared exactly, as the reader does")
        for message in [field, added] { #expect(message?.contains("\n") == false) }
    }

    @Test("cells: numbers as written, booleans, null empty, nested values as compact sorted JSON")
    func cells() {
        #expect(CSVWriteBack.cellText(.number(3)) == "3")
        #expect(CSVWriteBack.cellText(.number(-0.25)) == "-0.25")
        #expect(CSVWriteBack.cellText(.bool(true)) == "true")
        #expect(CSVWriteBack.cellText(.null) == "")
        #expect(CSVWriteBack.cellText(.object(["b": .number(1), "a": .string("x/y")])) == "{\"a\":\"x/y\",\"b\":1}")
    }
}
