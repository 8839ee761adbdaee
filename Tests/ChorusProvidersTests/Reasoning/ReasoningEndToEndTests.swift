import Chorus
import FakeLLMServer
import Foundation
import Testing

@testable import ChorusProviders

/// The issue's small inputs end to end: the real engine (`RunController`, 3 workers, the vote)
/// over real providers and the fake server sending each real server's bytes.
@Suite(.timeLimit(.minutes(1))) struct ReasoningEndToEndTests {
    typealias W = WireShapes

    func run(_ kind: ProviderKind, _ response: FakeResponse, maxTokens: Int? = nil) async throws -> RunRecord {
        try await withHarness(script: .always(response)) { h in
            let base = kind == .openai ? h.server.baseURL : h.server.rootURL
            let settings = ProviderSettings(kind: kind, baseURL: base, apiKey: Harness.secretKey, retry: .never)
            let choice = ModelChoice(provider: kind.rawValue, model: "m")
            let plan = Plan(
                task: "What is 17*23?", workerCount: 3, model: choice, maxTokens: maxTokens,
                aggregator: AggregatorSpec(strategy: .vote, model: choice))
            let http = h.http
            return await RunController(plan: plan, models: { _ in try makeModel(settings, http: http) }).start()
        }
    }

    // 1. OpenAI-compatible, `content: null` and `reasoning_content` only, cut at 64 tokens.
    @Test func onlyReasoningOnTheOpenAIWire() async throws {
        let record = try await run(
            .openai,
            .raw(
                W.openAI([
                    W.delta(#""role":"assistant","content":null"#),
                    W.delta(#""content":null,"reasoning_content":"17*23: 17*20 = 340, 17*3 = 51, so""#),
                    W.delta(#""content":null,"reasoning_content":" 340 + 5""#, finish: "length"),
                    W.usage(prompt: 20, completion: 64, reasoning: 64),
                ])),
            maxTokens: 64)
        #expect(record.status == .failed)
        #expect(record.failure == .allFailed)
        for worker in record.workers {
            #expect(worker.status == .failed)
            #expect(
                worker.error
                    == "only reasoning, no answer: stopped at max tokens (64) (stop reason length) while thinking; raise --max-tokens or lower --reasoning-effort")
            #expect(worker.latest?.reasoning == "17*23: 17*20 = 340, 17*3 = 51, so 340 + 5")
            #expect(worker.latest?.stopReason == "length")
            #expect(worker.latest?.usage?.reasoningTokens == 64)
            #expect(worker.latest?.firstReasoningMs != nil)
            #expect(worker.latest?.firstTokenMs == nil)  // no answer token ever came
        }
        #expect(record.error?.contains("empty answer") == false)
    }

    // 2. Anthropic, only a thinking block (then its signature), stopped at max_tokens.
    @Test func onlyThinkingOnTheAnthropicWire() async throws {
        let record = try await run(
            .anthropic,
            .raw(
                W.anthropic([
                    W.messageStart(), W.blockStart(0, #"{"type":"thinking","thinking":""}"#),
                    W.thinking(0, "17*23: 340"), W.thinking(0, " + 5"), W.signature(0), W.blockStop(0),
                    W.messageDelta("max_tokens", output: 64), W.messageStop,
                ])),
            maxTokens: 64)
        #expect(record.status == .failed)
        for worker in record.workers {
            #expect(worker.error?.hasPrefix("only reasoning, no answer: stopped at max tokens (64) (stop reason max_tokens)") == true)
            #expect(worker.latest?.reasoning == "17*23: 340 + 5")
        }
    }

    // 3. A normal stream cut mid-sentence: succeeds, marked, and the merge says so.
    @Test func aCutAnswerIsMarkedAndWarnedAbout() async throws {
        let record = try await run(
            .openai,
            .raw(W.openAI([W.delta(#""content":"17*23 = 340""#), W.delta(#""content":" + 5""#, finish: "length")])),
            maxTokens: 8)
        #expect(record.status == .succeeded)
        #expect(record.workers.allSatisfy { $0.latest?.stopReason == "length" && $0.latest?.stopMark == "cut at max tokens" })
        #expect(record.warnings.filter { $0.contains("was cut at max tokens (stop reason length)") }.count == 3)
    }

    // 5. Mistral: thinking parts, a text part, then a plain string.
    @Test func mistralPartsEndToEnd() async throws {
        let record = try await run(
            .openai,
            .raw(
                W.openAI([
                    W.delta(#""content":[{"type":"thinking","thinking":[{"type":"text","text":"17*23: 340+51"}]}]"#),
                    W.delta(#""content":[{"type":"text","text":"The answer is "}]"#),
                    W.delta(#""content":"391.""#, finish: "stop"),
                ])))
        #expect(record.status == .succeeded)
        #expect(record.workers.map(\.text) == ["The answer is 391.", "The answer is 391.", "The answer is 391."])
        #expect(record.workers.allSatisfy { $0.latest?.reasoning == "17*23: 340+51" })
        #expect(record.output?.contains("391") == true)
        #expect(record.warnings.isEmpty)
    }

    // 6. Inline `<think>` with a tentative 381: the vote reports 391, the thinking is recorded.
    @Test func inlineThinkingVotesOnTheAnswer() async throws {
        let record = try await run(
            .openai,
            .raw(
                W.openAI([
                    W.delta(#""content":"<think>\n... maybe the answer is 381? ...""#),
                    W.delta(#""content":" 340 + 51 = 391.\n</th""#),
                    W.delta(#""content":"ink>\n\n**391**""#, finish: "stop"),
                ])))
        #expect(record.status == .succeeded)
        let output = try #require(record.output)
        #expect(output.contains("391"))
        #expect(!output.contains("381"))
        #expect(record.latestAggregation?.tally.groups.first?.display.contains("391") == true)
        #expect(record.workers.map(\.text) == ["**391**", "**391**", "**391**"])
        #expect(record.workers.allSatisfy { $0.latest?.reasoning == "\n... maybe the answer is 381? ... 340 + 51 = 391.\n" })
    }

    /// Each stop word, through the engine, on both wires: the record keeps it and the worker's
    /// status follows `StopReason`'s table.
    @Test(arguments: [
        ("stop", AttemptStatus.succeeded), ("length", .succeeded), ("content_filter", .failed), ("tool_calls", .succeeded),
        ("end_turn", .succeeded), ("max_tokens", .succeeded), ("refusal", .failed), ("pause_turn", .succeeded),
    ] as [(String, AttemptStatus)])
    func eachStopReasonCounts(word: String, status: AttemptStatus) async throws {
        let openAI = try await run(.openai, .raw(W.openAI([W.delta(#""content":"391""#, finish: word)])))
        let anthropic = try await run(
            .anthropic,
            .raw(W.anthropic([W.messageStart(), W.textDelta(0, "391"), W.messageDelta(word, output: 1), W.messageStop])))
        for record in [openAI, anthropic] {
            #expect(record.workers.map(\.status) == [status, status, status])
            #expect(record.workers.allSatisfy { $0.latest?.stopReason == word && $0.latest?.text == "391" })
            let cut = StopReason(word).isWhole ? 0 : (status == .succeeded ? 3 : 0)
            #expect(record.warnings.filter { $0.contains("(stop reason \(word))") }.count == cut)
        }
    }
}
