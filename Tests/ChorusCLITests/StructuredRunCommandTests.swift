import Chorus
import ChorusTestSupport
import Foundation
import Testing

@testable import ChorusCLI

/// `chorus run --schema` end to end in-process: the merged object on stdout, the record with
/// `structured` in `--json`, one needs-review line on stderr, and the setting's errors.
@Suite struct StructuredRunCommandTests {
    static let flags = ["--focus", "w1", "--focus", "w2", "--focus", "w3", "--strategy", "vote"]

    func harness(_ answers: [Int: String]) -> Harness {
        var h = Harness()
        let model = ChunkScript(workers: answers.mapValues { [.text($0), .stop(reason: "stop")] })
        h.models = { _ in model }
        return h
    }

    @Test func theMergedObjectGoesToStdoutAndTheReviewLineToStderr() async {
        let h = harness([
            1: #"{"label":"positive","stars":5}"#, 2: #"{"label":"positive","stars":4}"#, 3: #"{"label":"negative","stars":3}"#,
        ])
        let code = await h.run(["run", "Classify: great!", "--schema", "label: positive|negative, stars int 1..5"] + Self.flags)
        #expect(code == 0)
        #expect(h.out.text == "{\n  \"label\": \"positive\",\n  \"stars\": 5\n}\n")
        #expect(h.err.text.contains("chorus: needs review: agreement under a strict majority on stars (1/3)"))
        #expect(!h.err.text.contains("label ("))
    }

    @Test func quietStillNamesTheFieldsToReview() async {
        let h = harness([1: #"{"label":"a"}"#, 2: #"{"label":"b"}"#, 3: #"{"label":"a"}"#])
        #expect(await h.run(["run", "t", "--quiet", "--schema", "label: a|b", "--min-agreement", "3"] + Self.flags) == 0)
        #expect(h.err.text.contains("needs review: agreement under at least 3 answers on label (2/3)"))
    }

    @Test func theJSONRecordCarriesTheStructuredOutcome() async throws {
        let h = harness([1: #"{"label":"a"}"#, 2: #"{"label":"a"}"#, 3: "not json"])
        #expect(await h.run(["run", "t", "--json", "--schema", "label: a|b"] + Self.flags) == 0)
        let json = try #require(decode(h.out.text))
        let aggregation = try #require((json["aggregations"] as? [[String: Any]])?.last)
        let structured = try #require(aggregation["structured"] as? [String: Any])
        #expect(structured["needs_review"] as? Bool == false)
        #expect((structured["object"] as? [String: Any])?["label"] as? String == "a")
        let workers = try #require(json["workers"] as? [[String: Any]])
        #expect((workers[2]["error"] as? String)?.hasPrefix("schema: the answer is not a JSON object") == true)
        #expect(h.err.text.contains("worker 3"))
    }

    @Test func aSchemaFileIsRead() async throws {
        let h = harness([1: #"{"label":"a"}"#, 2: #"{"label":"a"}"#, 3: #"{"label":"a"}"#])
        let file = h.home.write(
            "schema.json", #"{"type":"object","properties":{"label":{"type":"string","enum":["a","b"]}},"required":["label"]}"#)
        #expect(await h.run(["run", "t", "--schema", file] + Self.flags) == 0)
        #expect(h.out.text == "{\n  \"label\": \"a\"\n}\n")
    }

    @Test(arguments: [
        ("confidence flaot", "unknown type flaot"),
        ("/no/such/schema.json", "no such schema file /no/such/schema.json; check the path"),
        ("schemas/labels.txt", "no such schema file schemas/labels.txt; check the path"),
        ("schema.txt", "no such schema file schema.txt; check the path"),
        ("labels.schema", "no such schema file labels.schema; check the path"),
        ("stars int 5..1", "the range 5..1 is reversed (5 > 1), so no value fits; write 1..5"),
    ])
    func aBadSchemaIsOneLineNamingTheFix(_ value: String, _ message: String) async {
        let h = harness([:])
        #expect(await h.run(["run", "t", "--schema", value]) == 64)
        #expect(h.err.text.contains(message))
        #expect(h.err.text.split(separator: "\n").count == 1)
    }

    @Test func aBadSchemaFileIsNamedWithItsKeyword() async {
        let h = harness([:])
        let file = h.home.write("s.json", #"{"type":"object","properties":{"a":{"type":"string","format":"email"}}}"#)
        #expect(await h.run(["run", "t", "--schema", file]) == 64)
        #expect(h.err.text.contains("the keyword format is not supported"))
    }

    // Issue 18: the user's run. Five answers, four of them fail the schema (a wrong enum): one
    // valid object of five is under the quorum (3), so there is no answer, and the record says
    // succeeded 1, not a merge of failed text.
    @Test func fourOfFiveFailingTheSchemaIsQuorumNotMet() async throws {
        let h = harness([
            1: #"{"label":"positive"}"#, 2: #"{"label":"happy"}"#, 3: #"{"label":"happy"}"#, 4: #"{"label":"sad"}"#,
            5: #"{"label":"glad"}"#,
        ])
        let five = (1...5).flatMap { ["--focus", "w\($0)"] }
        let code = await h.run(["run", "t", "--json", "--schema", "label: positive|negative|neutral", "--strategy", "vote"] + five)
        #expect(code != 0)
        let json = try #require(decode(h.out.text))
        #expect(json["status"] as? String == "failed")
        #expect(json["failure"] as? String == "quorum_not_met")
        #expect(json["succeeded"] as? Int == 1)
        #expect(json["quorum"] as? Int == 3)
        let workers = try #require(json["workers"] as? [[String: Any]])
        let attempts = workers.compactMap { ($0["attempts"] as? [[String: Any]])?.last }
        #expect(attempts.filter { $0["schema_invalid"] as? Bool == true }.count == 4)
    }
}
