import Chorus
import Testing
@testable import ChorusTUI

/// A reasoning model's panes, frame by frame: thinking (the reasoning streams dimmed, the status
/// says "thinking" with its own clock), answering (the answer takes the pane, the reasoning folds
/// to a line), done (folded; "first · answer" times; a cut answer and a refused setting marked),
/// unfolded with `t`; at 80x24 and 120x40 with 3 workers.
@Suite struct ReasoningSnapshotTests {
    static let sizes = [(80, 24), (120, 40)]
    static let only = "only reasoning, stopped at max_tokens (64): raise --max-tokens"

    /// Workers 1 and 2 reason, worker 3 answers plainly; at 4.2 s both still think.
    static func thinking(width: Int, height: Int) -> UIState {
        var state = Fixtures.state(workers: 3, width: width, height: height)
        let r = ReasoningFixtures.reasoning
        ReasoningFixtures.play(
            &state,
            ReasoningFixtures.thinking(worker: 0, reasoning: words(r[0], 18), start: 1000),
            ReasoningFixtures.thinking(worker: 1, reasoning: words(r[1], 9), start: 1000, firstAfterMs: 900, everyMs: 250),
            [(1000, .workerStarted(worker: 2, attempt: 1))],
            ReasoningFixtures.answering(worker: 2, text: words(Fixtures.answers[2], 8), start: 1400, everyMs: 200))
        state.update(.tick(now: 4200))
        return state
    }

    /// Worker 1 has thought and started its answer; worker 2 still thinks; worker 3 is done.
    static func answering(width: Int, height: Int) -> UIState {
        var state = Fixtures.state(workers: 3, width: width, height: height)
        let r = ReasoningFixtures.reasoning
        state.update(.tick(now: 1000))
        Fixtures.stream(&state, worker: 2, text: Fixtures.answers[2])
        ReasoningFixtures.play(
            &state,
            ReasoningFixtures.thinking(worker: 0, reasoning: r[0], start: 1000),
            ReasoningFixtures.answering(worker: 0, text: words(Fixtures.answers[0], 14), start: 5400, everyMs: 40),
            ReasoningFixtures.thinking(worker: 1, reasoning: words(r[1], 14), start: 1000, firstAfterMs: 900, everyMs: 300))
        state.update(.tick(now: 6000))
        return state
    }

    /// Every worker done: 1 whole, 2 cut at max tokens with its temperature refused, 3 failed
    /// with only reasoning; the answer merged from 1 and 2.
    static func folded(width: Int, height: Int) -> UIState {
        var state = Fixtures.state(workers: 3, width: width, height: height)
        let r = ReasoningFixtures.reasoning
        ReasoningFixtures.think(&state, worker: 0, reasoning: r[0], startAt: 1000)
        ReasoningFixtures.answer(&state, worker: 0, text: Fixtures.answers[0], at: 5400)
        state.update(.run(.workerFinished(worker: 0, record: ReasoningFixtures.record(text: Fixtures.answers[0], reasoning: r[0], reasoningTokens: 120))))
        ReasoningFixtures.think(&state, worker: 1, reasoning: r[1], startAt: 1000)
        ReasoningFixtures.answer(&state, worker: 1, text: Fixtures.answers[1], at: 5400)
        let cut = ReasoningFixtures.record(
            text: Fixtures.answers[1], reasoning: r[1], firstTokenMs: 3900, tokens: 200, stopReason: "length",
            notApplied: ["temperature: the server refused it"])
        state.update(.run(.workerFinished(worker: 1, record: cut)))
        ReasoningFixtures.think(&state, worker: 2, reasoning: r[2], startAt: 1000)
        let failed = ReasoningFixtures.record(.failed, text: "", reasoning: r[2], error: only, tokens: 64, stopReason: "length")
        state.update(.run(.workerFinished(worker: 2, record: failed)))
        state.update(.run(.aggregationStarted(strategy: .synthesize)))
        let output = "Keep one service until the team and the traffic force a split."
        state.update(.run(.aggregationFinished(record: Fixtures.aggregation(output: output, inputs: [0, 1]))))
        state.update(.tick(now: 9000))
        return state
    }

    /// The first `n` words.
    static func words(_ text: String, _ n: Int) -> String { text.split(separator: " ").prefix(n).joined(separator: " ") }

    @Test(arguments: sizes)
    func thinkingFrames(width: Int, height: Int) {
        let state = Self.thinking(width: width, height: height)
        let grid = Renderer.render(state)
        Snapshot.check(grid, named: "reasoning-thinking-\(width)x\(height)-3w")
        #expect(grid.plainText.contains("◌ thinking 2.9s"), "thinking, on its own clock from the first reasoning token")
        #expect(grid.plainText.contains("The team has five people."))
        #expect(!grid.plainText.contains("thought for"), "nothing is folded while the model only thinks")
    }

    @Test(arguments: sizes)
    func answeringFrames(width: Int, height: Int) {
        let grid = Renderer.render(Self.answering(width: width, height: height))
        Snapshot.check(grid, named: "reasoning-answering-\(width)x\(height)-3w")
        #expect(grid.plainText.contains("▸ thought for 4.1s · ~36 tok"), "folded once the answer started")
        #expect(!grid.plainText.contains("The team has five people."), "the answer took the pane")
        #expect(grid.plainText.contains("◌ thinking"), "worker 2 still thinks")
    }

    @Test(arguments: sizes)
    func foldedFrames(width: Int, height: Int) {
        let grid = Renderer.render(Self.folded(width: width, height: height))
        Snapshot.check(grid, named: "reasoning-folded-\(width)x\(height)-3w")
        let text = grid.plainText
        #expect(text.contains("▸ thought for 4.1s · 120 tok"), "the provider's reasoning_tokens, not the chunk count")
        #expect(text.contains("✓ done 5.2s · cut at max tokens"))
        #expect(text.contains("2 risk · t n/a · smollm2"), "the temperature the title names was not applied")
        #expect(text.contains("answer 4.4s"))
        #expect(text.contains(Self.only) || text.contains("only reasoning"))
    }

    @Test(arguments: sizes)
    func unfoldedFrames(width: Int, height: Int) {
        var state = Self.folded(width: width, height: height)
        state.update(.key(.character("t")))
        let grid = Renderer.render(state)
        Snapshot.check(grid, named: "reasoning-unfolded-\(width)x\(height)-3w")
        #expect(grid.plainText.contains("▾ thought for 4.1s"))
        #expect(grid.plainText.contains("The team has five people."))
    }

    /// No reasoning: a whole answer, one cut at max tokens, one whose temperature the server
    /// refused, each marked on its status line (the cut one in the warning role).
    @Test(arguments: sizes)
    func cutAtMaxTokensFrames(width: Int, height: Int) {
        var state = Fixtures.state(workers: 3, width: width, height: height)
        state.update(.tick(now: 1000))
        for w in 0..<3 {
            Fixtures.stream(&state, worker: w, text: Fixtures.answers[w], finish: nil)
            var record = ReasoningFixtures.record(text: Fixtures.answers[w], reasoning: nil, firstTokenMs: 300, elapsedMs: 2400, tokens: 96)
            if w == 1 { record.stopReason = "length" }
            if w == 2 { record.notApplied = ["temperature: Unsupported value: 'temperature' does not support 1.0"] }
            state.update(.run(.workerFinished(worker: w, record: record)))
        }
        state.update(.run(.aggregationStarted(strategy: .synthesize)))
        state.update(.run(.aggregationFinished(record: Fixtures.aggregation(output: "Keep one service.", inputs: [0, 1, 2]))))
        state.update(.tick(now: 5000))
        let grid = Renderer.render(state)
        Snapshot.check(grid, named: "cut-at-max-tokens-\(width)x\(height)-3w")
        #expect(grid.plainText.contains("✓ done 2.4s · cut at max tokens"))
        #expect(grid.plainText.contains("3 speed · t n/a · smollm2"))
        #expect(!grid.plainText.contains("answer 0.3s"), "no reasoning: one time to first token")
    }

    @Test func reopenedSessionShowsTheRecordsReasoningFolded() {
        var record = Fixtures.record(workers: 3)
        for w in 0..<3 {
            record.workers[w].attempts = [ReasoningFixtures.record(text: Fixtures.answers[w], reasoning: "\n" + ReasoningFixtures.reasoning[w] + "\n\n")]
        }
        record.aggregations = [Fixtures.aggregation(output: "Keep one service.", inputs: [0, 1, 2])]
        record.status = .succeeded
        var state = UIState(record: record, width: 120, height: 40, reopened: true)
        #expect(state.selectsAnswer)
        state.update(.key(.tab))
        state.update(.key(.tab))
        Snapshot.check(Renderer.render(state), named: "reasoning-reopened-120x40-3w")
        #expect(state.panes.allSatisfy { $0.bodyParts == [.foldLine, .answer] })
        #expect(state.panes[1].reasoning.source == ReasoningFixtures.reasoning[1], "blank lines around the reasoning cost no rows")
        state.update(.key(.character("t")))
        let text = Renderer.render(state).plainText
        #expect(text.contains("▾ thought for 4.1s · ~25 tok"))
        #expect(text.contains("Risk first: every network call"))
    }
}
