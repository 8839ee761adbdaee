import Chorus
import Testing
@testable import ChorusTUI

/// The reasoning in a pane through the reducer: where reasoning chunks go, when the reasoning
/// folds, what `t` does in each state, and what the record settles.
@Suite struct ReasoningReducerTests {
    /// Worker 1 thought and answered; its record arrived.
    static func finished(width: Int = 120, height: Int = 24) -> UIState {
        var state = Fixtures.state(width: width, height: height)
        ReasoningFixtures.think(&state, worker: 0, reasoning: ReasoningFixtures.reasoning[0], startAt: 1000)
        ReasoningFixtures.answer(&state, worker: 0, text: Fixtures.answers[0], at: 5400)
        let record = ReasoningFixtures.record(text: Fixtures.answers[0], reasoning: ReasoningFixtures.reasoning[0])
        state.update(.run(.workerFinished(worker: 0, record: record)))
        return state
    }

    @Test func reasoningChunksGoToTheReasoningNotTheAnswer() {
        var state = Fixtures.state()
        ReasoningFixtures.think(&state, worker: 0, reasoning: "\nfirst thought second thought", startAt: 0)
        #expect(state.panes[0].reasoning.source == "first thought second thought", "the opening blank line costs no row")
        #expect(state.panes[0].text.isEmpty)
        #expect(state.panes[0].isThinking)
        #expect(state.panes[0].showsThinking)
        #expect(state.panes[0].bodyParts == [.reasoning])
        #expect(state.panes[0].reasoningChunks == 4)
    }

    @Test func theAnswerFoldsTheReasoningAndTakesThePane() {
        var state = Fixtures.state(height: 12)
        ReasoningFixtures.think(&state, worker: 0, reasoning: ReasoningFixtures.reasoning.joined(separator: " "), startAt: 0)
        #expect(state.panes[0].bodyRowCount > state.viewportHeight, "the fixture overflows the pane")
        state.update(.key(.pageUp))
        #expect(state.panes[0].scrollTop != nil, "scrolled up in the reasoning")
        ReasoningFixtures.answer(&state, worker: 0, text: "Keep one service.", at: 9000)
        #expect(!state.panes[0].showsThinking)
        #expect(state.panes[0].bodyParts == [.foldLine, .answer])
        #expect(state.panes[0].scrollTop == nil, "the answer takes the pane: it follows the answer")
        #expect(state.panes[0].bodyRowCount == 2)
    }

    @Test func tOpensAndFoldsTheSelectedPanesReasoning() {
        var state = Self.finished()
        #expect(state.update(.key(.character("t"))) == [])
        #expect(state.panes[0].showsReasoning)
        #expect(state.panes[0].bodyParts == [.foldLine, .reasoning, .answer])
        #expect(state.panes[0].scrollTop == 0, "a finished pane shows the opened reasoning from its start")
        #expect(state.panes[0].bodyRowCount == 1 + state.panes[0].reasoning.rowCount + state.panes[0].text.rowCount)
        state.update(.key(.character("t")))
        #expect(!state.panes[0].showsReasoning)
        #expect(state.panes[0].bodyParts == [.foldLine, .answer])
        #expect(state.panes[1].showsReasoning == false, "only the selected pane")
    }

    @Test func theOpenedReasoningScrollsWithThePane() {
        var state = Self.finished(width: 60, height: 12)
        state.update(.key(.character("t")))
        let rows = state.panes[0].bodyRowCount
        let height = state.viewportHeight
        #expect(rows > height, "the fixture overflows the pane")
        state.update(.key(.end))
        #expect(UIState.top(scrollTop: state.panes[0].scrollTop, rows: rows, height: height) == rows - height)
        state.update(.key(.home))
        #expect(state.panes[0].scrollTop == 0)
        #expect(Renderer.render(state).plainText.contains("▾ thought for 4.1s"))
    }

    @Test func tWhileThinkingSetsWhatHappensWhenTheAnswerStarts() {
        var state = Fixtures.state()
        ReasoningFixtures.think(&state, worker: 0, reasoning: "weighing the options", startAt: 0)
        state.update(.key(.character("t")))
        #expect(state.message?.text == "worker 1's reasoning will stay open when its answer starts")
        #expect(state.panes[0].bodyParts == [.reasoning], "while thinking the reasoning has the pane anyway")
        ReasoningFixtures.answer(&state, worker: 0, text: "Keep one service.", at: 2000)
        #expect(state.panes[0].bodyParts == [.foldLine, .reasoning, .answer])
    }

    @Test func tSaysWhyWhenThereIsNothingToShow() {
        var state = ReducerKeyTests.finished()
        state.update(.key(.character("t")))
        #expect(state.message?.text == "worker 1 has no reasoning to show")
        #expect(!state.panes[0].showsReasoning)
        state.selection = state.panes.count
        state.update(.key(.character("t")))
        #expect(state.message?.text.contains("select a worker's pane first") == true)
    }

    @Test func aRetryStartsWithoutTheEarlierReasoning() {
        var state = Self.finished()
        state.update(.run(.workerStarted(worker: 0, attempt: 2)))
        #expect(state.panes[0].reasoning.isEmpty)
        #expect(state.panes[0].text.isEmpty)
        #expect(state.panes[0].bodyParts == [.answer])
    }

    /// A template that put `<think>` in the prompt: the model writes only `</think>`, so the
    /// reasoning streamed as text and is split off once the whole text is known. The record wins.
    @Test func theRecordsReasoningIsTheTruthOnceTheAttemptEnded() {
        var state = Fixtures.state()
        state.update(.run(.workerStarted(worker: 0, attempt: 1)))
        state.update(.run(.workerChunk(worker: 0, attempt: 1, text: "weighing it</think>Keep one service.")))
        var record = ReasoningFixtures.record(text: "Keep one service.", reasoning: "weighing it", firstReasoningMs: nil)
        record.reasoningChunks = 0
        state.update(.run(.workerFinished(worker: 0, record: record)))
        #expect(state.panes[0].text.source == "Keep one service.")
        #expect(state.panes[0].reasoning.source == "weighing it")
        #expect(state.panes[0].bodyParts == [.foldLine, .answer])
        #expect(Renderer.foldLine(state.panes[0], now: state.now, width: 60).map(\.text).joined() == "▸ thought  (t: show)")
    }

    /// Only reasoning, then the token limit: the pane folds it above the error, and `t` opens it.
    @Test func aWorkerThatOnlyReasonedShowsItsErrorBelowTheFold() {
        var state = Fixtures.state()
        ReasoningFixtures.think(&state, worker: 0, reasoning: "still weighing", startAt: 0)
        let error = "only reasoning, stopped at max_tokens (64): raise --max-tokens"
        let record = ReasoningFixtures.record(.failed, text: "", reasoning: "still weighing", error: error, stopReason: "length")
        state.update(.run(.workerFinished(worker: 0, record: record)))
        #expect(state.panes[0].bodyParts == [.foldLine, .placeholder])
        #expect(state.panes[0].placeholder.role == .statusFailed)
        let text = Renderer.render(state).plainText
        #expect(text.contains("▸ thought for 4.9s · ~2 tok"))
        #expect(text.contains("raise --max-tokens"))
    }

    @Test func statusLinesSayThinkingThenFirstAndAnswerTimes() {
        var state = Fixtures.state()
        ReasoningFixtures.think(&state, worker: 0, reasoning: "a b c d", startAt: 1000)
        state.update(.tick(now: 4500))
        let thinking = Renderer.status(state.panes[0], now: state.now, width: 60).map(\.text).joined()
        #expect(thinking == "◌ thinking 3.2s · first 0.3s · ~4 tok · 1.3/s")
        ReasoningFixtures.answer(&state, worker: 0, text: "Keep one", at: 5400)
        let streaming = Renderer.status(state.panes[0], now: 5400, width: 80).map(\.text).joined()
        #expect(streaming.hasSuffix("streaming 4.4s · first 0.3s · answer 4.4s · ~6 tok · 1.5/s"))
        // Narrow: the rate goes first, then the reasoning's "first", then "answer".
        #expect(Renderer.status(state.panes[0], now: 5400, width: 40).map(\.text).joined().hasSuffix("streaming 4.4s · answer 4.4s · ~6 tok"))
        #expect(Renderer.status(state.panes[0], now: 5400, width: 30).map(\.text).joined().hasSuffix("streaming 4.4s · ~6 tok"))
    }

    @Test func marksStayLongestOnANarrowStatusLine() {
        var state = Fixtures.state()
        Fixtures.stream(&state, worker: 0, text: "Keep one service", finish: nil)
        var record = ReasoningFixtures.record(text: "Keep one service", reasoning: nil, elapsedMs: 2400, stopReason: "max_tokens")
        record.notApplied = ["temperature: the server refused it", "seed: not supported"]
        state.update(.run(.workerFinished(worker: 0, record: record)))
        let wide = Renderer.status(state.panes[0], now: 0, width: 100).map(\.text).joined()
        #expect(wide == "✓ done 2.4s · cut at max tokens · seed n/a · first 4.4s · 230 tok", "the title marks the temperature")
        #expect(Renderer.render(state).plainText.contains("1 cost · t n/a · smollm2"))
        let narrow = Renderer.status(state.panes[0], now: 0, width: 32).map(\.text).joined()
        #expect(narrow == "✓ done 2.4s · cut at max tokens")
        let segments = Renderer.status(state.panes[0], now: 0, width: 100)
        #expect(segments.first { $0.text == "cut at max tokens" }?.role == .warning)
    }

    @Test func theHelpAndTheKeyLineListT() {
        #expect(UIState.keyHelp.contains { $0.keys.contains("t") && $0.action.contains("reasoning") })
        var state = Self.finished(width: 120, height: 24)
        #expect(Renderer.render(state).plainText.contains("t reasoning"), "the selected pane has reasoning")
        state.update(.key(.tab))
        #expect(!Renderer.render(state).plainText.contains("t reasoning"), "worker 2 has none")
    }
}
