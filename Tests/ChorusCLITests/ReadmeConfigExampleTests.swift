import Foundation
import Testing

@testable import ChorusCLI

/// README's config example states the ranges the settings table enforces (issue 15: it said
/// `workers = 3  # 1..64` while `--workers` took 1..256).
@Suite struct ReadmeConfigExampleTests {
    static let readme = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("README.md")

    @Test func theWorkersCommentIsTheSettingsRange() throws {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("workers = ") })
        let comment = line.split(separator: "#", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(comment == "1..\(SettingRules.maxWorkers)")
        #expect((try? SettingRules.workers(.int(SettingRules.maxWorkers))) == SettingRules.maxWorkers)
        #expect((try? SettingRules.workers(.int(SettingRules.maxWorkers + 1))) == nil)
    }
}
