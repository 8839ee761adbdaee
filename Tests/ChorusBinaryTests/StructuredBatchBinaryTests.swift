import ChorusTestSupport
import Foundation
import Testing

/// `chorus batch --schema` and `--csv-out`, the built binary against the `fake-llm-server`
/// process: each item's three workers answer the JSON a script gives them (one response per
/// call, in order), so an item can be unanimous, split, or answered with a wrong enum or with
/// text that is not JSON.
@Suite(.serialized) struct StructuredBatchBinaryTests {
    let home = TemporaryHome()

    func path(_ name: String) -> String { home.path + "/" + name }

    @Test func linesCarryTheMergedFieldsTheAgreementAndTheFlagAndTheCSVFollows() async throws {
        let answers: [String: [String]] = [
            "unanimous": [#"{"label": "positive", "stars": 5}"#],
            "split": [#"{"label": "positive", "stars": 4}"#, #"{"label": "negative", "stars": 4}"#, #"{"label": "neutral", "stars": 2}"#],
            "wrongenum": [#"{"label": "great", "stars": 5}"#],
            "notjson": ["I think it is positive."],
        ]
        let rules: [[String: Any]] = answers.map { id, texts in
            ["contains": "ITEM[\(id)]", "responses": texts.map { ["text": $0] }]
        }
        let script = path("script.json")
        try JSONSerialization.data(withJSONObject: ["rules": rules]).write(to: URL(fileURLWithPath: script))
        let server = try FakeServerProcess(arguments: ["--script", script])
        let input = path("reviews.csv")
        try "id,text\r\nunanimous,\"Loved it, ITEM[unanimous]\"\r\nsplit,\"Hm, \"\"fine\"\" ITEM[split]\"\r\nwrongenum,ITEM[wrongenum]\r\nnotjson,\"two\nlines ITEM[notjson]\"\r\n"
            .write(toFile: input, atomically: true, encoding: .utf8)
        let out = path("out.jsonl")
        let csv = path("labelled.csv")
        let command = [
            "batch", input, "--out", out, "--csv-out", csv, "--prompt", "Label: {text}", "--strategy", "vote",
            "--workers", "3", "--concurrency", "1", "--json", "--schema", "label: positive|negative|neutral, stars int",
            "--provider", "openai", "--base-url", server.baseURL,
        ]
        let first = try await runChorus(command, home: home.path, limit: 60)
        #expect(first.status == 4, "two items fail: \(first.stderr)")
        let summary = try #require(jsonObject(first.stdout), "\(first.stdout)")
        #expect(summary["needs_review"] as? Int == 1)
        #expect(summary["succeeded"] as? Int == 2)
        #expect(first.stderr.contains("1 of the 2 succeeded items needs review"), "\(first.stderr)")

        var lines: [String: [String: Any]] = [:]
        for line in try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n") {
            let object = try #require(jsonObject(String(line)))
            lines[object["id"] as? String ?? "?"] = object
        }
        let unanimous = try #require(lines["unanimous"])
        #expect((unanimous["object"] as? [String: Any])?["label"] as? String == "positive")
        #expect((unanimous["object"] as? [String: Any])?["stars"] as? Int == 5)
        #expect((unanimous["agreement"] as? [String: String]) == ["label": "3/3", "stars": "3/3"])
        #expect((unanimous["dissent"] as? [String: Any])?.isEmpty == true)
        #expect(unanimous["needs_review"] as? Bool == false)
        #expect((unanimous["review_fields"] as? [String]) == [])

        let split = try #require(lines["split"])
        #expect(split["needs_review"] as? Bool == true)
        #expect((split["review_fields"] as? [String]) == ["label"])
        #expect((split["agreement"] as? [String: String])?["label"] == "1/3")
        #expect((split["agreement"] as? [String: String])?["stars"] == "2/3")
        #expect(((split["dissent"] as? [String: [Int]])?["label"])?.count == 2)
        #expect(((split["dissent"] as? [String: [Int]])?["stars"])?.count == 1)

        for id in ["wrongenum", "notjson"] {
            let line = try #require(lines[id])
            #expect(line["status"] as? String == "failed", "\(id)")
            #expect(line["object"] == nil && line["needs_review"] == nil, "a failed item carries no merged fields: \(id)")
        }
        #expect((lines["wrongenum"]?["error"] as? String)?.contains("label") == true, "the first violation is named: \(lines["wrongenum"]?["error"] ?? "")")

        let written = try String(contentsOfFile: csv, encoding: .utf8)
        let rows = written.components(separatedBy: "\r\n")
        #expect(rows.first == "id,text,label,stars,agreement,needs_review,error")
        #expect(rows.contains("unanimous,\"Loved it, ITEM[unanimous]\",positive,5,label 3/3; stars 3/3,false,"), "\(written)")
        #expect(rows.contains { $0.hasPrefix("split,\"Hm, \"\"fine\"\" ITEM[split]\",") && $0.contains("label 1/3; stars 2/3,true,") }, "\(written)")
        #expect(written.contains("notjson,\"two\nlines ITEM[notjson]\",,,,,"), "the embedded line break is kept inside quotes: \(written)")

        // A second run has nothing to run; the CSV is made again from --out, the same.
        try FileManager.default.removeItem(atPath: csv)
        let second = try await runChorus(command, home: home.path, limit: 60)
        #expect(second.stderr.contains("nothing to run"), "\(second.stderr)")
        #expect(try String(contentsOfFile: csv, encoding: .utf8) == written)
    }
}
