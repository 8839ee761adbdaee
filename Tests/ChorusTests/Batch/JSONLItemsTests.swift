import Chorus
import Testing

extension BatchInputTests {
    @Suite("JSON Lines input")
    struct JSONLItemsTests {
        @Test("one item per object line, its keys the fields, its id from the id field")
        func basicLines() {
            let items = JSONLItems.parse("{\"id\": \"a\", \"text\": \"first\"}\n{\"id\": \"b\", \"text\": \"second\"}\n")
            #expect(items.map(\.id) == ["a", "b"])
            #expect(items.map(\.idSource) == [.field, .field])
            #expect(items[0].fields == ["id": "a", "text": "first"])
            #expect(items.map(\.location) == ["line 1", "line 2"])
            #expect(items.map(\.line) == [1, 2])
            #expect(items.allSatisfy { $0.problem == nil })
        }

        @Test("CRLF line ends, blank and whitespace-only lines, and a BOM do not disturb items or line numbers")
        func crlfBlankLinesBOM() {
            let text = "\u{FEFF}{\"id\": \"a\"}\r\n\r\n   \r\n{\"id\": \"b\", \"t\": \"x\"}\r\n\t\n{\"id\": \"c\"}"
            let items = JSONLItems.parse(text)
            #expect(items.map(\.id) == ["a", "b", "c"])
            #expect(items.map(\.line) == [1, 4, 6])
            #expect(items[1].fields["t"] == "x")
            #expect(items.allSatisfy { $0.problem == nil })
            #expect(JSONLItems.parse("").isEmpty)
            #expect(JSONLItems.parse("\u{FEFF}\n \n").isEmpty)
        }

        @Test("an integer id is used as its text; a custom id field is honored")
        func integerAndCustomIDs() {
            let items = JSONLItems.parse("{\"id\": 42}\n{\"id\": -7}\n{\"id\": 12345678901234567890}")
            #expect(items.map(\.id) == ["42", "-7", "12345678901234567890"])
            #expect(items.allSatisfy { $0.idSource == .field && $0.problem == nil })
            let custom = JSONLItems.parse("{\"key\": \"k1\", \"id\": \"ignored\"}", idField: "key")
            #expect(custom.map(\.id) == ["k1"])
            #expect(
                JSONLItems.parse("{\"key\": false}", idField: "key")[0].problem
                    == "line 1: the id (field \"key\") must be a non-empty string or a whole number; found false")
        }

        @Test("an id that is empty, blank, a bool, a fraction, null, an object or an array makes a problem item")
        func badIDTypes() {
            let lines = [
                #"{"id": ""}"#, #"{"id": "  "}"#, #"{"id": true}"#, #"{"id": 2.5}"#, #"{"id": 3.0}"#, #"{"id": null}"#,
                #"{"id": {"a": 1}}"#, #"{"id": [1, 2]}"#, #"{"id": "ok", "text": "fine"}"#,
            ]
            let items = JSONLItems.parse(lines.joined(separator: "\n"))
            let found = [#""""#, #""  ""#, "true", "2.5", "3.0", "null", #"{"a":1}"#, "[1,2]"]
            for (index, shown) in found.enumerated() {
                let line = index + 1
                #expect(items[index].problem == "line \(line): the id must be a non-empty string or a whole number; found \(shown)")
                #expect(items[index].id == "line-\(line)")
                #expect(items[index].idSource == .generated)
            }
            #expect(items[8].id == "ok")
            #expect(items[8].problem == nil)
        }

        @Test("a malformed line in the middle becomes a problem item; the lines around it still parse")
        func malformedLine() {
            let items = JSONLItems.parse("{\"id\": \"a\"}\n{\"id\": \"b\", \n{\"id\": \"c\"}\n{'id': 'd'}\n{\"id\": \"e\"} trailing\n")
            #expect(items.map(\.id) == ["a", "line-2", "c", "line-4", "line-5"])
            #expect(items[0].problem == nil && items[2].problem == nil)
            for index in [1, 3, 4] {
                let problem = items[index].problem ?? ""
                #expect(problem.hasPrefix("line \(index + 1): not a JSON object (invalid JSON"), "\(problem)")
                #expect(problem.hasSuffix("); fix the line or remove it"), "\(problem)")
                #expect(!problem.contains("\n"))
                #expect(items[index].location == "line \(index + 1)")
                #expect(items[index].line == index + 1)
            }
        }

        @Test("JSON that is not an object (an array, a number, a string, null, a bool) is a problem item saying what it is")
        func nonObjects() {
            let items = JSONLItems.parse("[1, 2]\n42\n\"text\"\nnull\ntrue")
            #expect(
                items.map(\.problem) == [
                    "line 1: not a JSON object (found an array); fix the line or remove it",
                    "line 2: not a JSON object (found a number); fix the line or remove it",
                    "line 3: not a JSON object (found a string); fix the line or remove it",
                    "line 4: not a JSON object (found null); fix the line or remove it",
                    "line 5: not a JSON object (found true); fix the line or remove it",
                ])
            #expect(items.map(\.id) == ["line-1", "line-2", "line-3", "line-4", "line-5"])
        }

        @Test("values become text: numbers and bools as JSON text, null as empty, nested values as compact JSON")
        func valueText() {
            let line = #"{"id": "a", "int": 3, "frac": 2.5, "whole": 3.0, "exp": 1e3, "neg": -4, "yes": true, "no": false, "nothing": null, "s": "he said \"hi\"", "nested": {"b": [1, 2.5, "x/y"], "a": null}, "list": ["p", {"q": true}]}"#
            let fields = JSONLItems.parse(line)[0].fields
            #expect(fields["int"] == "3")
            #expect(fields["frac"] == "2.5")
            #expect(fields["whole"] == "3")
            #expect(fields["exp"] == "1000")
            #expect(fields["neg"] == "-4")
            #expect(fields["yes"] == "true")
            #expect(fields["no"] == "false")
            #expect(fields["nothing"] == "")
            #expect(fields["s"] == #"he said "hi""#)
            #expect(fields["nested"] == #"{"a":null,"b":[1,2.5,"x/y"]}"#)
            #expect(fields["list"] == #"["p",{"q":true}]"#)
        }

        @Test("without an id field, ids come from the line's content: stable across parses, unique with repeats")
        func generatedIDs() {
            let text = "{\"text\": \"a\"}\n{\"text\": \"b\"}\n  {\"text\": \"a\"}  \r\n{\"text\": \"a\"}\n{\"text\": \"c\"}"
            let first = JSONLItems.parse(text)
            let again = JSONLItems.parse(text)
            #expect(first.map(\.id) == again.map(\.id))
            #expect(first.allSatisfy { $0.idSource == .generated && $0.problem == nil })
            let base = "h" + StableHash.hex(#"{"text": "a"}"#).prefix(12)
            #expect(first.map(\.id) == [
                base, "h" + StableHash.hex(#"{"text": "b"}"#).prefix(12), base + "-2", base + "-3",
                "h" + StableHash.hex(#"{"text": "c"}"#).prefix(12),
            ])
            #expect(Set(first.map(\.id)).count == 5)
            // Inserting a line elsewhere does not rename the others: the id is the content's, not the position's.
            let shifted = JSONLItems.parse("{\"text\": \"new\"}\n" + text)
            #expect(Array(shifted.map(\.id).dropFirst()) == first.map(\.id))
        }
    }
}
