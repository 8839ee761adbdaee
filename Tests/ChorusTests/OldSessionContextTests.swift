import Foundation
import Testing

@testable import Chorus

/// A session saved by main before issue 17 (`Tests/Fixtures/session-main-before-issue17-context.json`,
/// written by `chorus run ... --save` against the fake server) opens unchanged: no `context`, the
/// prompt is the task, and it encodes back to the same JSON.
@Suite struct OldSessionContextTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/session-main-before-issue17-context.json")

    @Test func anOldSessionDecodesWithoutContextAndEncodesTheSame() throws {
        let data = try Data(contentsOf: Self.fixture)
        let record = try RunRecord.makeDecoder().decode(RunRecord.self, from: data)
        #expect(record.context == nil)
        #expect(record.prompt == "What is the capital of France?")
        #expect(record.prompt == record.task)
        let original = try JSONSerialization.jsonObject(with: data) as? NSDictionary
        let again = try JSONSerialization.jsonObject(with: record.jsonData()) as? NSDictionary
        #expect(original != nil)
        #expect(original == again)
    }
}
