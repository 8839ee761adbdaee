import Chorus
import Foundation
import Testing

@testable import ChorusCLI

/// The stderr lines for settings an attempt did not apply: once per setting and model, saying
/// what the workers differ by instead; and the plan's notes, in the record and on stderr.
@Suite struct NotAppliedWarningTests {
    static func record(notes: [String] = [], focus: [String?] = [nil, nil, nil]) -> RunRecord {
        var record = Records.record([.succeeded, .succeeded, .succeeded])
        record.notes = notes
        for i in record.workers.indices {
            record.workers[i].spec.focus = focus[i]
            record.workers[i].attempts[0].notApplied = [
                "temperature: the server refused it (Unsupported value: 'temperature' does not support 0.2 with this model.); sent without it",
                "max_tokens: the server refused it (Unsupported parameter: 'max_tokens'); sent as max_completion_tokens",
            ]
        }
        return record
    }

    @Test func oneLinePerSettingAndModelSayingWhatVariesInstead() {
        let lines = RunWarnings.lines(for: Self.record())
        #expect(lines.filter { $0.contains("was not applied") }.count == 2)
        #expect(lines.contains(
            "warning: temperature was not applied for smollm2 (the server refused it (Unsupported value: 'temperature' does not support 0.2 with this model.); sent without it); the 3 workers are samples of one setting: give them focus areas (--focus) or their own reasoning effort (a profile's workers)"))
        #expect(lines.contains(
            "warning: max_tokens was not applied for smollm2 (the server refused it (Unsupported parameter: 'max_tokens'); sent as max_completion_tokens)"))
        let focused = RunWarnings.lines(for: Self.record(focus: ["cost", "risk", "speed"]))
        #expect(focused.contains { $0.hasSuffix("sent without it); the workers differ by focus area") })
    }

    @Test func planNotesAreShownAndReplaceTheSuffix() {
        let note = "gpt-5-mini takes only the default temperature (1), so the temperature spread is not applied; the workers differ by seed (1, 2, 3)"
        let lines = RunWarnings.lines(for: Self.record(notes: [note]))
        #expect(lines.contains("note: " + note))
        #expect(lines.contains { $0.hasSuffix("sent without it)") })
    }

    @Test func notesAreInTheRecordOnlyWhenThereAreSome() throws {
        let plain = try #require(try JSONSerialization.jsonObject(with: Self.record().jsonData()) as? [String: Any])
        #expect(plain["notes"] == nil)
        let noted = Self.record(notes: ["n"])
        let json = try #require(try JSONSerialization.jsonObject(with: noted.jsonData()) as? [String: Any])
        #expect(json["notes"] as? [String] == ["n"])
        let decoded = try RunRecord.makeDecoder().decode(RunRecord.self, from: noted.jsonData())
        #expect(decoded.notes == ["n"])
        #expect(decoded.plan.notes == ["n"])
    }
}

extension NotAppliedWarningTests {
    @Test func aWorkersSeedAndReasoningEffortRoundTripThroughTheRecord() throws {
        var record = Self.record()
        record.workers[0].spec.seed = 7
        record.workers[0].spec.reasoningEffort = .low
        let json = try #require(try JSONSerialization.jsonObject(with: record.jsonData()) as? [String: Any])
        let workers = try #require(json["workers"] as? [[String: Any]])
        #expect(workers[0]["seed"] as? Int == 7 && workers[0]["reasoning_effort"] as? String == "low")
        #expect(workers[1]["seed"] == nil && workers[1]["reasoning_effort"] == nil, "written only when set")
        let decoded = try RunRecord.makeDecoder().decode(RunRecord.self, from: record.jsonData())
        #expect(decoded.workers[0].spec.seed == 7 && decoded.workers[0].spec.reasoningEffort == .low)
    }
}
