import Chorus
import ChorusTestSupport
import Foundation
import Testing

@testable import ChorusCLI

/// `chorus batch --csv-out`: the input CSV written back with the answers, in-process with
/// scripted models (the models of `BatchCommandTests`: "A:" + the prompt, "BROKEN" fails).
@Suite struct BatchCSVOutTests {
    func harness() -> Harness {
        var h = Harness()
        h.models = BatchCommandTests.models()
        return h
    }

    func args(_ h: Harness, _ input: String = "items.csv", csv: String = "answers.csv", extra: [String] = []) -> [String] {
        [
            "batch", h.home.path + "/" + input, "--out", h.home.path + "/out.jsonl", "--prompt", "Q: {text}",
            "--strategy", "concatenate", "--workers", "1", "--csv-out", h.home.path + "/" + csv,
        ] + extra
    }

    /// The written file read back through the project's CSV reader: id → fields.
    func written(_ h: Harness, _ name: String = "answers.csv") throws -> [String: [String: String]] {
        let text = try #require(h.home.read(name))
        return Dictionary(uniqueKeysWithValues: try CSVItems.parse(text).map { ($0.id, $0.fields) })
    }

    @Test func writesTheInputBackWithAnAnswerAndErrorColumn() async throws {
        let h = harness()
        h.home.write("items.csv", "id,text,note\nc1,\"first, with a comma\",keep \"me\"\nc2,\"multi\nline\",\nc3,BROKEN,x\n")
        let code = await h.run(args(h))
        #expect(code == 4, "c3 fails: \(h.err.text)")
        let text = try #require(h.home.read("answers.csv"))
        #expect(text.hasPrefix("id,text,note,answer,error\r\n"))
        let rows = try written(h)
        #expect(rows["c1"]?["text"] == "first, with a comma")
        #expect(rows["c1"]?["note"] == "keep \"me\"")
        #expect(rows["c1"]?["answer"] == "A:Q: first, with a comma")
        #expect(rows["c2"]?["answer"] == "A:Q: multi\nline")
        #expect(rows["c2"]?["error"] == "")
        #expect(rows["c3"]?["answer"] == "")
        #expect(rows["c3"]?["error"]?.contains("HTTP 500 broken") == true)
        #expect(h.err.text.contains("chorus batch: wrote \(h.home.path)/answers.csv: 2 rows answered, 1 failed (the error column says why)"))
        let strays = try FileManager.default.contentsOfDirectory(atPath: h.home.path).filter { $0.contains(".tmp-") }
        #expect(strays.isEmpty, "the atomic write leaves no temporary file: \(strays)")
    }

    @Test func aResumeFillsOnlyTheMissingRowsFromOut() async throws {
        let h = harness()
        h.home.write("items.csv", "id,text\nr1,one\nr2,two\nr3,three\n")
        // An earlier run finished r1 (with an answer a rerun could never give) and was stopped.
        let done = BatchResult(
            id: "r1", idSource: .field, status: .succeeded, failure: nil, output: "KEPT from the first run", error: nil,
            source: "line 2", elapsedMs: 1, usage: TokenUsage(), finishedAt: Date(timeIntervalSince1970: 0), record: nil)
        h.home.write("out.jsonl", String(decoding: done.jsonLine(compact: true), as: UTF8.self))
        // A CSV from before is not a source: only --out's lines are.
        h.home.write("answers.csv", "id,text,answer,error\r\nr2,two,STALE,\r\n")
        let code = await h.run(args(h))
        #expect(code == 0, "\(h.err.text)")
        let rows = try written(h)
        #expect(rows["r1"]?["answer"] == "KEPT from the first run")
        #expect(rows["r2"]?["answer"] == "A:Q: two")
        #expect(rows["r3"]?["answer"] == "A:Q: three")
        #expect(h.err.text.contains("resuming"))

        // Nothing left to run: the file is written all the same (e.g. after a crash before the end).
        try FileManager.default.removeItem(atPath: h.home.path + "/answers.csv")
        let again = Harness.rerun(h)
        #expect(await again.run(args(again)) == 0, "\(again.err.text)")
        #expect(try written(h) == rows)
    }

    @Test func rowsNotRunYetStayEmpty() async throws {
        let h = harness()
        h.home.write("items.csv", (["id,text"] + (1...12).map { "s\($0),item \($0)" }).joined(separator: "\n") + "\n")
        #expect(await h.run(args(h, extra: ["--shard", "1/3"])) == 0, "\(h.err.text)")
        let rows = try written(h)
        #expect(rows.count == 12)
        let answered = rows.values.filter { $0["answer"] != "" }.count
        #expect(answered > 0 && answered < 12)
        #expect(h.err.text.contains("\(12 - answered) not run yet (a resume fills them in)"))
    }

    @Test func badUseIsOneLineBeforeAnyModelIsCalled() async throws {
        func check(_ input: (name: String, text: String), csv: String = "answers.csv", extra: [String] = [], _ expected: String) async {
            let h = harness()
            h.home.write(input.name, input.text)
            let code = await h.run(args(h, input.name, csv: csv, extra: extra))
            #expect(code == 64, "\(expected): \(h.err.text)")
            #expect(h.err.text.filter { $0 == "\n" }.count == 1, "one line: \(h.err.text)")
            #expect(h.err.text.contains(expected), "\(h.err.text)")
            #expect(h.home.read("out.jsonl") == nil, "nothing ran")
        }
        let csv = (name: "items.csv", text: "id,text\na,x\n")
        await check(
            (name: "items.csv", text: "id,text,answer\na,x,y\n"),
            "--csv-out: the input CSV already has a column \"answer\"; it clashes with the column \"answer\" the write-back adds; rename the input's column")
        await check(
            (name: "items.csv", text: "id,label,text\na,old,x\n"), extra: ["--schema", "label: yes|no, reason"],
            "--csv-out: the input CSV already has a column \"label\"; it clashes with the schema's field \"label\", which the write-back adds as a column; rename the input's column or the schema's field")
        await check((name: "items.jsonl", text: "{\"id\":\"a\",\"text\":\"x\"}\n"), "the input must be CSV")
        await check(csv, csv: "items.csv", "is the input file")
        await check(csv, csv: "out.jsonl", "is the --out file")
        await check(csv, csv: "no/such/answers.csv", "the folder")

        var piped = harness()
        piped.stdin = .text("id,text\na,x\n", isTerminal: false)
        let code = await piped.run(["batch", "-", "--format", "csv", "--out", piped.home.path + "/out.jsonl", "--prompt", "{text}", "--csv-out", piped.home.path + "/a.csv"])
        #expect(code == 64)
        #expect(piped.err.text.contains("not standard input"))
    }
}
