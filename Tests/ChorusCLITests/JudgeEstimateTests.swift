import Chorus
import Foundation
import Testing

@testable import ChorusCLI

/// The dry run and `--budget` count the judge's two passes (issue 15: the estimate counted one
/// aggregator call, so `--budget` under-checked a judge run). The config is the shape a user
/// prices a local server with: `[providers.x] kind, base_url, price_in, price_out`.
@Suite struct JudgeEstimateTests {
    static let config = """
        [providers.fake]
        kind = "openai"
        base_url = "http://127.0.0.1:9/v1"
        price_in = 1000
        price_out = 1000
        """

    static func args(_ strategy: String, budget: Double) -> [String] {
        ["run", "What is 2+2?", "--provider", "fake", "--model", "m", "--workers", "2", "--max-tokens", "100",
         "--aggregator-max-tokens", "100", "--strategy", strategy, "--dry-run", "--budget", String(budget)]
    }

    /// Worst-case tokens of one aggregator pass over two answers of at most 100 tokens:
    /// the prompt, the task ("What is 2+2?", 3 tokens), two messages' framing (8), a line per
    /// answer (16), the answers (200) and its own 100 out.
    static func passTokens(_ version: String) throws -> Int {
        let prompt = try PromptLibrary.load(version)
        return RunEstimate.tokens(in: prompt.system) + RunEstimate.tokens(in: prompt.instruction) + 3 + 8 + 16 + 200 + 100
    }

    @Test func theJudgesTwoPassesAreEachCountedAndCheckedAgainstTheBudget() async throws {
        // $1000 per 1M tokens is $0.001 a token. Each worker: 7 in + 100 out.
        let workers = 2.0 * 107 * 0.001
        let pass = Double(try Self.passTokens(Judge.promptVersion)) * 0.001
        // Room for the workers and one and a half passes: one pass fits, two do not.
        let budget = ((workers + 1.5 * pass) * 1000).rounded() / 1000
        let h = Harness()
        h.writeConfig(Self.config)
        #expect(await h.run(Self.args("judge", budget: budget)) == 0, "\(h.err.text)")
        let text = h.out.text
        #expect(text.contains("aggregator (judge, pass 1 of 2)"), "\(text)")
        #expect(text.contains("aggregator (judge, pass 2 of 2)"))
        #expect(text.contains("exceeds it; the run would not start without --over-budget"), "\(text)")

        // A one-call merge gets one row.
        let one = Harness()
        one.writeConfig(Self.config)
        #expect(await one.run(Self.args("synthesize", budget: budget)) == 0, "\(one.err.text)")
        #expect(one.out.text.contains("aggregator (synthesize) "))
        #expect(!one.out.text.contains("pass 1"))
    }

    @Test func theEstimateAsksTheStrategyHowManyCalls() {
        #expect(StrategyName.judge.mostModelCalls == 2)
        #expect(Judge(passes: 1).mostModelCalls == 1)
        #expect(StrategyName.synthesize.mostModelCalls == 1)
        #expect(StrategyName.auto.mostModelCalls == 1)
        #expect(StrategyName.vote.mostModelCalls == 0)
        #expect(StrategyName.concatenate.mostModelCalls == 0)
    }
}
