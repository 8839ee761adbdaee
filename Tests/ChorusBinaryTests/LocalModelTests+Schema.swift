import ChorusTestSupport
import Foundation
import Testing

/// `chorus run --schema` against the real local model (llama-cpp-python's server): it refuses
/// `response_format: json_schema` with HTTP 500, takes `json_object` with the schema and enforces
/// it with a grammar, so every worker's answer is an object the schema accepts and the run
/// merges them field by field. Part of `LocalModelTests` (same servers, run one test at a time).
extension LocalModelTests {
    @Test func aSchemaRunMergesTheWorkersObjectsFieldByField() async throws {
        try await withLocalServers(count: 2) { urls, home in
            let config = try Self.writeConfig(urls: urls, deadWorker: nil, in: home)
            let result = try await runChorus(
                ["run", "Classify the sentiment of this review: The blender broke after two uses and nobody answers my emails.",
                 "--schema", "label: positive|negative|neutral", "--json", "--config", config, "--profile", "e2e"],
                home: home, limit: 240)
            #expect(result.status == 0, "\(result.stderr)")
            let json = try #require(jsonObject(result.stdout), "stdout is one JSON object: \(result.stdout)")
            #expect(json["status"] as? String == "succeeded")
            let workers = try #require(json["workers"] as? [[String: Any]])
            #expect(workers.count == 3)
            let labels = ["positive", "negative", "neutral"]
            for worker in workers {
                #expect(worker["status"] as? String == "succeeded", "\(worker["error"] ?? "")")
                let attempt = try #require((worker["attempts"] as? [[String: Any]])?.last)
                // The grammar held the shape: an object with one of the labels.
                let object = try #require(attempt["object"] as? [String: Any], "no object: \(attempt)")
                #expect(labels.contains(object["label"] as? String ?? ""), "\(object)")
                // The step down from json_schema to llama-cpp-python's form is in the record.
                let notes = attempt["not_applied"] as? [String] ?? []
                #expect(notes.contains { $0.hasPrefix("schema: the server refused response_format json_schema") }, "\(notes)")
            }
            let aggregation = try #require((json["aggregations"] as? [[String: Any]])?.last)
            let structured = try #require(aggregation["structured"] as? [String: Any], "\(aggregation)")
            let merged = try #require(structured["object"] as? [String: Any])
            let label = try #require(merged["label"] as? String)
            #expect(labels.contains(label))
            let field = try #require((structured["fields"] as? [[String: Any]])?.first { $0["path"] as? String == "label" })
            #expect(field["of"] as? Int == 3)
            let agreeing = try #require(field["agreeing"] as? Int)
            #expect((1...3).contains(agreeing))
            #expect((field["dissenters"] as? [Int])?.count == 3 - agreeing)
            // The agreement decides the flag: a strict majority (2 of 3) is trusted.
            #expect(structured["needs_review"] as? Bool == (agreeing < 2))
            // The printed answer is the merged object.
            let output = try #require(json["output"] as? String)
            #expect(output.contains("\"label\""), "\(output)")
        }
    }
}
