import Chorus
import ChorusTestSupport
import Foundation
import Testing

@testable import ChorusCLI

/// A model that answers worker N (focus "wN") with exactly the chunks given for N: reasoning,
/// text and stop words as a provider's decoder hands them over.
struct ChunkScript: ChatModel {
    var workers: [Int: [ChatChunk]]
    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatChunk, any Error> {
        let chunks = workers[Scripts.workerNumber(request) ?? 0] ?? [.text("merged")]
        return AsyncThrowingStream { continuation in
            for chunk in chunks { continuation.yield(chunk) }
            continuation.finish()
        }
    }
}

/// `chorus run` end to end in-process with reasoning models: what `--json`, the stderr warnings
/// and the Markdown export say about reasoning and stop reasons.
@Suite struct ReasoningRunTests {
    static let flags = ["--focus", "w1", "--focus", "w2", "--focus", "w3", "--strategy", "vote"]

    func harness(_ workers: [Int: [ChatChunk]]) -> Harness {
        var h = Harness()
        let model = ChunkScript(workers: workers)
        h.models = { _ in model }
        return h
    }

    // Small input 3: a cut answer succeeds, is marked, and the warnings name it.
    @Test func aCutAnswerIsRecordedAndWarnedAbout() async throws {
        let h = harness([
            1: [.text("391"), .stop(reason: "stop")],
            2: [.text("17*23 = 340 + 5"), .stop(reason: "length"), .usage(TokenUsage(promptTokens: 9, completionTokens: 8))],
            3: [.text("391"), .stop(reason: "stop")],
        ])
        #expect(await h.run(["run", "What is 17*23?", "--json"] + Self.flags) == 0)
        let json = try #require(decode(h.out.text))
        let workers = try #require(json["workers"] as? [[String: Any]])
        let attempts = workers.compactMap { ($0["attempts"] as? [[String: Any]])?.first }
        #expect(attempts.map { $0["stop_reason"] as? String } == ["stop", "length", "stop"])
        #expect(workers.map { $0["status"] as? String } == ["succeeded", "succeeded", "succeeded"])
        #expect(h.err.text.contains("warning: worker 2's answer was cut at max tokens (stop reason length); the merge used it as it was"))
        let warnings = json["warnings"] as? [String]
        #expect(warnings?.contains { $0.hasPrefix("worker 2's answer was cut at max tokens") } == true)
    }

    // Small input 1: only reasoning, the budget spent: every worker says so and what to raise.
    @Test func onlyReasoningFailsWithWhatToRaise() async throws {
        let thinking: [ChatChunk] = [
            .reasoning("17*23: 340"), .reasoning(" + 5"), .stop(reason: "length"),
            .usage(TokenUsage(promptTokens: 20, completionTokens: 64, reasoningTokens: 64)),
        ]
        let h = harness([1: thinking, 2: thinking, 3: thinking])
        #expect(await h.run(["run", "What is 17*23?", "--json", "--max-tokens", "64"] + Self.flags) == 3)
        #expect(h.err.text.contains("worker 1: only reasoning, no answer: stopped at max tokens (64) (stop reason length) while thinking; raise --max-tokens"))
        #expect(!h.err.text.contains("empty answer"))
        let json = try #require(decode(h.out.text))
        let workers = try #require(json["workers"] as? [[String: Any]])
        for worker in workers {
            let attempt = try #require((worker["attempts"] as? [[String: Any]])?.first)
            #expect(attempt["reasoning"] as? String == "17*23: 340 + 5")
            #expect(attempt["stop_reason"] as? String == "length")
            #expect((attempt["usage"] as? [String: Any])?["reasoning_tokens"] as? Int == 64)
            #expect(worker["text"] as? String == "")
        }
    }

    // Small input 6: inline thinking with a tentative guess; the vote reads the answers only.
    @Test func inlineThinkingNeverReachesTheVote() async throws {
        let answer: [ChatChunk] = [
            .text("<think>\n... maybe the answer is 381? ..."), .text(" 340 + 51 = 391.\n</thi"), .text("nk>\n\n**391**"),
            .stop(reason: "stop"),
        ]
        let h = harness([1: answer, 2: answer, 3: answer])
        #expect(await h.run(["run", "What is 17*23?", "--json"] + Self.flags) == 0)
        let json = try #require(decode(h.out.text))
        let output = try #require(json["output"] as? String)
        #expect(output.contains("391"))
        #expect(!output.contains("381"))
        let workers = try #require(json["workers"] as? [[String: Any]])
        #expect(workers.map { $0["text"] as? String } == ["**391**", "**391**", "**391**"])
        let attempt = try #require((workers[0]["attempts"] as? [[String: Any]])?.first)
        #expect((attempt["reasoning"] as? String)?.contains("maybe the answer is 381?") == true)
    }

    @Test func theExportFoldsReasoningAndNamesTheStop() throws {
        var record = Records.record([.succeeded, .succeeded, .failed])
        record.workers[0].attempts[0].reasoning = "First I add.\n\nThen 391."
        record.workers[0].attempts[0].firstReasoningMs = 100
        record.workers[0].attempts[0].stopReason = "stop"
        record.workers[0].attempts[0].usage = TokenUsage(promptTokens: 40, completionTokens: 90, reasoningTokens: 70, cachedPromptTokens: 32)
        record.workers[1].attempts[0].stopReason = "length"
        record.workers[2].attempts[0].reasoning = "Still thinking"
        record.workers[2].attempts[0].error = "only reasoning, no answer: stopped at max tokens (64) (stop reason length) while thinking; raise --max-tokens or lower --reasoning-effort"
        record.aggregations[0].warnings = ["worker 2's answer was cut at max tokens (stop reason length); the merge used it as it was"]
        let report = MarkdownReport.render(record)

        #expect(report.contains("## Answer\n\nParis.\n\n> Warning: worker 2's answer was cut at max tokens (stop reason length); the merge used it as it was"))
        #expect(report.contains(
            "- Result: attempt 1 of 1 · succeeded · elapsed 1.2 s · first reasoning 0.1 s · first token 0.3 s · stop reason stop · 90 tokens out (70 reasoning), 40 in (32 cached)"))
        // The reasoning comes after the answer, under its own folded heading, never inside it.
        #expect(report.contains("> Paris (1)\n\n<details><summary>Reasoning</summary>\n\n> First I add.\n>\n> Then 391.\n\n</details>"))
        #expect(report.contains("### Worker 2 · risk · succeeded (cut at max tokens)"))
        #expect(report.contains("stop reason length (cut at max tokens)"))
        #expect(report.contains("_only reasoning, no answer: stopped at max tokens (64)"))
        #expect(report.contains("<details><summary>Reasoning</summary>\n\n> Still thinking\n\n</details>"))
        #expect(!report.contains("### Worker 3 · speed · failed (")) // no stop mark on a failed worker's heading
    }

    @Test func earlierAttemptsKeepTheirReasoning() {
        var record = Records.record([.succeeded])
        var first = record.workers[0].attempts[0]
        first.status = .failed
        first.reasoning = "an earlier thought"
        first.error = "HTTP 500: boom"
        record.workers[0].attempts.insert(first, at: 0)
        record.workers[0].attempts[1].number = 2
        let report = MarkdownReport.render(record)
        #expect(report.contains("Reasoning:\n\n> an earlier thought\n\n</details>"))
    }
}
