import Chorus
import Foundation
import Testing

/// Pins every duration format (`Duration+Text.swift`): scripts, tests and snapshots match these
/// strings, so a change to one is a change of contract, not a tidy-up.
@Suite("Duration text")
struct DurationTextTests {
    @Test("timeoutText: whole seconds bare, else a tenth (worker and aggregator timeouts)")
    func timeoutText() {
        #expect(Duration.seconds(15).timeoutText == "15 s")
        #expect(Duration.milliseconds(1500).timeoutText == "1.5 s")
        #expect(Duration.milliseconds(250).timeoutText == "0.3 s")
        #expect(Duration.milliseconds(1960).timeoutText == "2.0 s")
    }

    @Test("secondsText: below a second in milliseconds (provider messages)")
    func secondsText() {
        #expect(Duration.seconds(10).secondsText == "10 s")
        #expect(Duration.milliseconds(1500).secondsText == "1.5 s")
        #expect(Duration.milliseconds(250).secondsText == "250 ms")
    }

    @Test("clockText: the UI's clock, tenths rounded, padded seconds past a minute")
    func clockText() {
        #expect(Duration.milliseconds(420).clockText == "0.4s")
        #expect(Duration.milliseconds(11_960).clockText == "12.0s")
        #expect(Duration.milliseconds(65_000).clockText == "1m05s")
        #expect(Duration.milliseconds(-5).clockText == "0.0s")
    }

    @Test("progressClockText: the progress board's clock, tenths cut")
    func progressClockText() {
        #expect(Duration.milliseconds(2_460).progressClockText == "2.4s")
        #expect(Duration.milliseconds(65_000).progressClockText == "1m5s")
    }

    @Test("exportText and settingText: the Markdown export and the config report")
    func exportAndSetting() {
        #expect(Duration.seconds(15).exportText == "15.0 s")
        #expect(Duration.milliseconds(300).exportText == "0.3 s")
        #expect(Duration.settingText(seconds: 15) == "15 s")
        #expect(Duration.settingText(seconds: 2.25) == "2.25 s")
    }
}

@Suite("Durations in the record")
struct DurationRecordTests {
    @Test("durations are whole milliseconds in the JSON, and read back")
    func millisecondsRoundTrip() throws {
        let spec = WorkerSpec(
            index: 0, temperature: 0.2, model: ModelChoice(provider: "p", model: "m"),
            timeout: .milliseconds(1500), idleTimeout: .seconds(10))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(spec), as: UTF8.self)
        #expect(json.contains("\"idle_timeout_ms\":10000"))
        #expect(json.contains("\"timeout_ms\":1500"))
        #expect(try JSONDecoder().decode(WorkerSpec.self, from: Data(json.utf8)) == spec)
    }
}
