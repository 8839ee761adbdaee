import Foundation
import Testing

@testable import Chorus

/// Issue 17: the context attached to a task, in the plan and the record. What is sent is the
/// task then a block per file; what is kept is the names and sizes, the text only when asked;
/// a record without the key (every older one) still decodes.
@Suite struct PromptContextTests {
    let context = PromptContext(files: [
        PromptContext.File(name: "stdin", text: "piped\n"), PromptContext.File(name: "a \"b\".md", text: "ünï"),
    ])

    @Test func thePromptIsTheTaskThenADelimitedBlockPerFile() {
        #expect(
            context.prompt(task: "Q")
                == "Q\n\n<context name=\"stdin\" bytes=\"6\">\npiped\n</context>\n\n<context name=\"a 'b'.md\" bytes=\"5\">\nünï\n</context>")
        #expect(PromptContext(files: []).prompt(task: "Q") == "Q")
        #expect(context.totalBytes == 11)
    }

    @Test func theRecordKeepsNamesAndSizesUnlessAsked() throws {
        var plan = Plan(task: "Q", workerCount: 1, model: ModelChoice(provider: "openai", model: "m"))
        plan.context = context
        let record = RunRecord(plan: plan, startedAt: Date(timeIntervalSince1970: 0))
        #expect(record.prompt == context.prompt(task: "Q"))
        let json = String(decoding: try record.jsonData(), as: UTF8.self)
        #expect(json.contains("\"bytes\" : 6"))
        #expect(!json.contains("piped"), "the text is not kept by default")
        let decoded = try RunRecord.makeDecoder().decode(RunRecord.self, from: Data(json.utf8))
        #expect(decoded.context?.files.map(\.name) == ["stdin", "a \"b\".md"])
        #expect(decoded.context?.files.map(\.text) == [nil, nil])
        #expect(decoded.prompt.contains("<context name=\"stdin\" bytes=\"6\">(not kept in the saved session)</context>"))

        var kept = record
        kept.context?.keepsText = true
        let again = try RunRecord.makeDecoder().decode(RunRecord.self, from: kept.jsonData())
        #expect(again.prompt == record.prompt)
    }

    @Test func aRecordWithoutContextDecodesAndEncodesWithoutTheKey() throws {
        let plan = Plan(task: "Q", workerCount: 1, model: ModelChoice(provider: "openai", model: "m"))
        let record = RunRecord(plan: plan, startedAt: Date(timeIntervalSince1970: 0))
        let json = String(decoding: try record.jsonData(), as: UTF8.self)
        #expect(!json.contains("\"context\""))
        let decoded = try RunRecord.makeDecoder().decode(RunRecord.self, from: Data(json.utf8))
        #expect(decoded.context == nil)
        #expect(decoded.prompt == "Q")
    }
}
