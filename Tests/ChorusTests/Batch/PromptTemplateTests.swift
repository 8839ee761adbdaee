import Chorus
import Testing

extension BatchInputTests {
    @Suite("the prompt template")
    struct PromptTemplateTests {
        @Test("placeholders are the {name}s, each once, in order of first use")
        func placeholders() throws {
            let template = try PromptTemplate("Title: {title}\nBody: {body}\nAgain: {title} {meta.author-name} {_x1}")
            #expect(template.placeholders == ["title", "body", "meta.author-name", "_x1"])
            #expect(template.text == "Title: {title}\nBody: {body}\nAgain: {title} {meta.author-name} {_x1}")
        }

        @Test("{{ and }} are literal braces, also around a name")
        func escapes() throws {
            let template = try PromptTemplate("{{literal}} {{ {text} }} {{{text}}}")
            #expect(template.placeholders == ["text"])
            #expect(template.render(batchItem("a", ["text": "T"])) == "{literal} { T } {T}")
        }

        @Test("brace text that is not a placeholder (JSON, spaces, digits first) stays as written")
        func jsonBracesAreLiteral() throws {
            let text = #"Answer as {"verdict": 1, "why": "…"} for {text}; not {1x}, { text }, {a b}, {}, {unclosed, stray }"#
            let template = try PromptTemplate(text)
            #expect(template.placeholders == ["text"])
            #expect(
                template.render(batchItem("a", ["text": "X"]))
                    == #"Answer as {"verdict": 1, "why": "…"} for X; not {1x}, { text }, {a b}, {}, {unclosed, stray }"#)
        }

        @Test("a template without a placeholder, or empty, is an error that says what to add")
        func noPlaceholder() {
            #expect(
                batchInputErrorMessage { try PromptTemplate("Summarize this. {\"a\": 1} {{text}}") }
                    == "the prompt template uses no {field}, so every item would get the same prompt; add e.g. {text}")
            for empty in ["", "  \n\t "] {
                #expect(
                    batchInputErrorMessage { try PromptTemplate(empty) }
                        == "the prompt template is empty; write the prompt with a {field} for each item's data, e.g. \"Summarize: {text}\"")
            }
        }

        @Test("render fills each placeholder with the item's field; a missing one renders empty")
        func render() throws {
            let template = try PromptTemplate("[{title}] {body} ({title}) é{missing}!")
            let item = batchItem("1", ["title": "T", "body": "multi\nline {body} text"])
            #expect(template.render(item) == "[T] multi\nline {body} text (T) é!")
        }

        @Test("{id} is every item's id, also where no field holds it (a file's path, a generated id)")
        func idPlaceholder() throws {
            let template = try PromptTemplate("#{id}: {text}")
            let file = FolderItems.items([(relativePath: "docs/a.txt", contents: Array("alpha".utf8))])
            let generated = JSONLItems.parse("{\"text\": \"beta\"}\n")
            try template.validate(file + generated)
            #expect(template.render(file[0]) == "#docs/a.txt: alpha")
            #expect(template.render(generated[0]) == "#\(generated[0].id): beta")
            #expect(generated[0].id.hasPrefix("h"))
            // An item's own id field wins (it is what the input says).
            #expect(template.render(batchItem("x", ["id": "own", "text": "t"])) == "#own: t")
        }

        @Test("validation names the placeholder, the first item lacking it, how many lack it, and its fields")
        func validationMessage() throws {
            let template = try PromptTemplate("{title}: {body} {tags}")
            var items = (1...500).map { batchItem("t-\($0)", line: $0, ["id": "t-\($0)", "title": "x", "body": "y", "tags": "z"]) }
            items[16] = batchItem("t-17", line: 17, ["id": "t-17", "title": "x", "text": "y"])
            items[40] = batchItem("t-41", line: 41, ["title": "x", "tags": "z"])
            items[41] = batchItem("t-42", line: 42, ["body": "y"])  // lacks {title}, which comes first in the template
            #expect(
                batchInputErrorMessage { try template.validate(items) }
                    == #"the prompt uses {title}, but item "t-42" (line 42) has no field "title" (1 of 500 items lack it); its fields are: body"#)
            items[41] = batchItem("t-42", line: 42, ["title": "x", "body": "y", "tags": "z"])
            #expect(
                batchInputErrorMessage { try template.validate(items) }
                    == #"the prompt uses {body}, but item "t-17" (line 17) has no field "body" (2 of 500 items lack it); its fields are: id, text, title"#)
        }

        @Test("validation says when every item lacks the field, and suggests a field that differs only in case")
        func validationHints() throws {
            let template = try PromptTemplate("{body}")
            let items = [batchItem("a", line: 1, ["Body": "x"]), batchItem("b", line: 2, ["Body": "y"])]
            #expect(
                batchInputErrorMessage { try template.validate(items) }
                    == #"the prompt uses {body}, but item "a" (line 1) has no field "body" (all 2 items lack it); its fields are: Body; did you mean {Body}?"#)
        }

        @Test("validation skips items with a problem; they fail on their own")
        func validationSkipsProblems() throws {
            let template = try PromptTemplate("{text}")
            let items = [
                batchItem("a", line: 1, ["text": "x"]),
                batchItem("line-2", line: 2, problem: "line 2: not a JSON object (found an array); fix the line or remove it", [:]),
                batchItem("c", line: 3, ["text": "z"]),
            ]
            #expect(batchInputErrorMessage { try template.validate(items) } == nil)
            #expect(batchInputErrorMessage { try template.validate([]) } == nil)
        }
    }
}
