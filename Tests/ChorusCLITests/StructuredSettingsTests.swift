import Chorus
import ChorusTestSupport
import Foundation
import Testing

@testable import ChorusCLI

/// Issue 18 (a new user's findings): `--schema` and `--min-agreement` values that could never
/// work, or that were silently ignored, are one line each; the dry run shows both.
@Suite struct StructuredSettingsTests {
    static let flags = ["--focus", "w1", "--focus", "w2", "--focus", "w3", "--strategy", "vote"]

    // MARK: --schema paths

    @Test func anExistingDirectoryIsRefusedNotReadAsAField() async {
        let h = Harness()
        let dir = h.home.path + "/adir"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        #expect(await h.run(["run", "t", "--schema", dir]) == 64)
        #expect(h.err.text.contains("\(dir) is a directory; give a schema file in it"))
        #expect(h.err.text.split(separator: "\n").count == 1)
    }

    @Test func aJSONFileThatIsNotJSONNamesTheFileAndTheJSONError() async {
        let h = Harness()
        let file = h.home.write("bad.json", "not json")
        #expect(await h.run(["run", "t", "--schema", file]) == 64)
        #expect(h.err.text.contains("the schema file \(file) is not valid JSON ("))
        #expect(!h.err.text.contains("unknown type json"))
        #expect(h.err.text.split(separator: "\n").count == 1)
    }

    @Test func aTextFileMayHoldTheConciseForm() throws {
        let h = Harness()
        let file = h.home.write("labels.txt", "label: a|b, score int 1..5")
        let schema = try SettingRules.schema(.string(file))
        #expect(schema.fields.map(\.name) == ["label", "score"])
    }

    @Test(arguments: [
        ("schema.txt", true), ("s.json", true), ("x.schema", true), ("dir/file", true), ("~/s", true),
        ("label: a|b", false), ("reason: why/how", false), ("label, reason", false), (#"{"type":"object"}"#, false),
    ])
    func whatLooksLikeAPath(_ value: String, _ isPath: Bool) {
        #expect((SettingRules.schemaPath(value) != nil) == isPath)
    }

    @Test func aReversedJSONSchemaRangeIsRefused() {
        let json = #"{"type":"object","properties":{"n":{"type":"integer","minimum":5,"maximum":1}}}"#
        #expect(throws: SettingProblem.self) { try SettingRules.schema(.string(json)) }
        do { _ = try SettingRules.schema(.string(json)) } catch {
            #expect(error.problem.contains("at n: minimum 5 is above maximum 1, so no value fits; swap them"))
        }
    }

    // MARK: --min-agreement

    @Test(arguments: [
        ("1.0", MinAgreement.fraction(1.0)), ("0.6", .fraction(0.6)), ("1", .count(1)), ("4", .count(4)),
        ("60%", .fraction(0.6)), ("4/5", .count(4)), ("majority", .strictMajority),
    ])
    func aDecimalPointMeansAFraction(_ text: String, _ expected: MinAgreement) throws {
        #expect(try SettingRules.minAgreement(.string(text)) == expected)
    }

    @Test func aTOMLFloatIsAFractionAndAnIntegerACount() throws {
        #expect(try SettingRules.minAgreement(.double(1.0)) == .fraction(1.0))
        #expect(try SettingRules.minAgreement(.double(0.75)) == .fraction(0.75))
        #expect(try SettingRules.minAgreement(.int(3)) == .count(3))
        #expect(throws: SettingProblem.self) { try SettingRules.minAgreement(.double(2.0)) }
    }

    @Test func aFractionAboveOneIsRefusedNamingTheCount() {
        do {
            _ = try SettingRules.minAgreement(.string("2.0"))
            Issue.record("2.0 was accepted")
        } catch {
            #expect(error.problem.contains("2.0 is not a fraction"))
            #expect(error.problem.contains("for a count write 2"))
        }
    }

    @Test func oneHundredPercentFlagsAFourOfFiveAnswer() async {
        var h = Harness()
        let model = ChunkScript(workers: [
            1: [.text(#"{"label":"a"}"#), .stop(reason: "stop")], 2: [.text(#"{"label":"a"}"#), .stop(reason: "stop")],
            3: [.text(#"{"label":"b"}"#), .stop(reason: "stop")],
        ])
        h.models = { _ in model }
        #expect(await h.run(["run", "t", "--schema", "label: a|b", "--min-agreement", "1.0"] + Self.flags) == 0)
        #expect(h.err.text.contains("needs review: agreement under at least 100% on label (2/3)"))
    }

    @Test func aCountAboveTheWorkersIsRefused() async {
        let h = Harness()
        #expect(await h.run(["run", "t", "--schema", "label: a|b", "--min-agreement", "6", "--workers", "5"]) == 64)
        #expect(h.err.text.contains("min agreement: 6 is more than the 5 workers, so every answer would be flagged needs_review"))
    }

    @Test func minAgreementWithoutASchemaIsOneWarning() async {
        let h = Harness()
        #expect(await h.run(["run", "t", "--min-agreement", "0.6", "--workers", "2"]) == 0)
        let lines = h.err.text.split(separator: "\n").filter { $0.contains("min agreement") }
        #expect(lines.count == 1)
        #expect(lines.first?.contains("min agreement 0.6 (flag --min-agreement) is ignored without --schema") == true)
    }

    @Test func theDryRunShowsTheSchemaAndTheThreshold() async {
        let h = Harness()
        #expect(await h.run(["run", "t", "--dry-run", "--schema", "label: a|b, score int 1..5", "--min-agreement", "0.8"]) == 0)
        let all = h.out.text + h.err.text
        #expect(all.contains("schema: 2 fields: label, score · merged per field"))
        #expect(all.contains("min agreement: at least 80% of the answers per required field, else needs_review"))
    }

    @Test func chorusConfigShowsTheSchemaAndTheThreshold() async {
        let h = Harness()
        #expect(await h.run(["config", "--schema", "label: a|b", "--min-agreement", "0.8"]) == 0)
        let all = h.out.text + h.err.text
        #expect(all.contains("1 field: label"))
        #expect(all.contains("0.8"))
    }
}
