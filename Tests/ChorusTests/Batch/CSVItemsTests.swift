import Chorus
import Testing

extension BatchInputTests {
    @Suite("CSV input")
    struct CSVItemsTests {
        func parse(_ text: String, idColumn: String = "id") -> [BatchItem] {
            (try? CSVItems.parse(text, idColumn: idColumn)) ?? []
        }

        @Test("the header names the fields; the id column gives the ids")
        func basicRecords() throws {
            let items = try CSVItems.parse("id,title,text\na,T1,one\nb,T2,two\n")
            #expect(items.map(\.id) == ["a", "b"])
            #expect(items.map(\.idSource) == [.field, .field])
            #expect(items[0].fields == ["id": "a", "title": "T1", "text": "one"])
            #expect(items.map(\.line) == [2, 3])
            #expect(items.map(\.location) == ["line 2", "line 3"])
            #expect(items.allSatisfy { $0.problem == nil })
        }

        @Test("quoted fields keep commas, \"\" escapes and spaces; empty fields are empty")
        func quotedFields() {
            let items = parse("id,text,note\n1,\"a, b\",\"say \"\"hi\"\"\"\n2,,\"  \"\n3,\"\",plain \"quote\n")
            #expect(items.map { $0.fields["text"] } == ["a, b", "", ""])
            #expect(items.map { $0.fields["note"] } == ["say \"hi\"", "  ", "plain \"quote"])
            #expect(items.allSatisfy { $0.problem == nil })
        }

        @Test("line ends inside quotes (LF and CRLF) stay in the field, and later records get their true line")
        func embeddedNewlines() {
            let text = "id,text\r\n1,\"two\nlines\"\r\n2,\"three\r\nlines\r\nhere\"\r\n3,last\r\n"
            let items = parse(text)
            #expect(items.map(\.id) == ["1", "2", "3"])
            #expect(items.map { $0.fields["text"] } == ["two\nlines", "three\r\nlines\r\nhere", "last"])
            #expect(items.map(\.line) == [2, 4, 7])
            #expect(items.map(\.location) == ["line 2", "line 4", "line 7"])
        }

        @Test("CRLF and LF record ends, no final newline, a BOM and blank lines between records")
        func recordEnds() {
            let items = parse("\u{FEFF}id,text\r\n\r\na,x\r\n  \nb,y\nc,z")
            #expect(items.map(\.id) == ["a", "b", "c"])
            #expect(items.map { $0.fields["text"] } == ["x", "y", "z"])
            #expect(items.map(\.line) == [3, 5, 6])
            #expect(items.allSatisfy { $0.problem == nil })
            #expect(parse("id,text\na,x\r").map { $0.fields["text"] } == ["x"])
            #expect(parse("id,text\n").isEmpty)
        }

        @Test("a record with too few or too many fields is a problem item naming its line and both counts")
        func wrongFieldCount() {
            let items = parse("id,a,b,c\n1,x,y,z\n2,x,y\n3,x,y,z,w\n4,x\"\n5,p,q,r\n")
            #expect(items.map(\.id) == ["1", "line-3", "line-4", "line-5", "5"])
            #expect(items[1].problem == "line 3: 3 fields, the header has 4; add the missing fields (empty ones are fine: a,,c)")
            #expect(items[2].problem == "line 4: 5 fields, the header has 4; quote fields that contain commas (\"a, b\")")
            #expect(items[3].problem == "line 5: 2 fields, the header has 4; add the missing fields (empty ones are fine: a,,c)")
            #expect(items[4].problem == nil)
            #expect(parse("id,a\nsolo\n")[0].problem == "line 2: 1 field, the header has 2; add the missing fields (empty ones are fine: a,,c)")
        }

        @Test("an unterminated quote is a problem item naming the line where the quoted field started")
        func unterminatedQuote() {
            // Record 4 starts on line 5; its second field's quote opens on line 6 and never closes.
            let items = parse("id,text\n1,ok\n2,\"fine\"\n3,x\n\"4\nfour\",\"starts here\nand, never ends\n5,lost\n")
            #expect(items.map(\.id) == ["1", "2", "3", "line-5"])
            #expect(items[3].line == 5)
            #expect(
                items[3].problem
                    == "line 6: a quoted field starts here and is never closed, so the rest of the input was read into it; "
                    + "add the closing quote (a quote inside a quoted field is written \"\")")
        }

        @Test("a header that is empty, has a nameless column, repeats a name, or has an open quote throws")
        func headerErrors() {
            let empty = "the CSV input is empty; its first line must be a header naming the columns, e.g. id,text"
            #expect(batchInputErrorMessage { try CSVItems.parse("") } == empty)
            #expect(batchInputErrorMessage { try CSVItems.parse("\u{FEFF}\r\n  \n") } == empty)
            #expect(
                batchInputErrorMessage { try CSVItems.parse("id,,text\n1,2,3") }
                    == "the CSV header's column 2 has no name; name every column in the first line (e.g. id,text)")
            #expect(
                batchInputErrorMessage { try CSVItems.parse("id, text ,title,text\n1,2,3,4") }
                    == "the CSV header names column \"text\" twice (columns 2 and 4); rename one of them")
            #expect(
                batchInputErrorMessage { try CSVItems.parse("id,\"text\n1,2") }
                    == "the CSV header has a quote on line 1 that is never closed; close it or remove it")
        }

        @Test("header names are trimmed; a custom id column is honored; an empty id is a problem item")
        func idColumn() {
            let items = parse(" key , text \n k1 ,a\n,b\nk3,c\n", idColumn: "key")
            #expect(items.map(\.id) == ["k1", "line-3", "k3"])
            #expect(items[0].fields == ["key": " k1 ", "text": "a"])
            #expect(
                items[1].problem
                    == "line 3: the \"key\" column is empty; give every row an id, or remove the column to get generated ids")
        }

        @Test("without an id column, ids come from each record's text: stable, unique with repeats")
        func generatedIDs() {
            let text = "title,text\nA,\"x\r\ny\"\r\nB,z\nA,\"x\r\ny\"\n"
            let items = parse(text)
            #expect(items.map(\.id) == parse(text).map(\.id))
            #expect(items.allSatisfy { $0.idSource == .generated && $0.problem == nil })
            let base = "h" + StableHash.hex("A,\"x\r\ny\"").prefix(12)
            #expect(items.map(\.id) == [base, "h" + StableHash.hex("B,z").prefix(12), base + "-2"])
            #expect(items.map(\.line) == [2, 4, 5])
        }
    }
}
