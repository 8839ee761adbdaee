import Chorus
import Testing
@testable import ChorusTUI

/// Every key the help overlay lists, through the reducer.
@Suite struct ReducerKeyTests {
    /// Three workers finished, answer shown.
    static func finished(width: Int = 120, height: Int = 24) -> UIState {
        var state = Fixtures.state(width: width, height: height)
        for w in 0..<3 { Fixtures.stream(&state, worker: w, text: Fixtures.answers[w]) }
        state.update(.run(.aggregationStarted(strategy: .synthesize)))
        state.update(.run(.aggregationFinished(record: Fixtures.aggregation(output: "merged answer", inputs: [0, 1, 2]))))
        return state
    }

    @Test func questionMarkOpensHelpAndAnyKeyClosesItWithoutActing() {
        var state = Self.finished()
        #expect(state.update(.key(.character("?"))) == [])
        #expect(state.showHelp)
        #expect(Renderer.render(state).plainText.contains("any key closes this help"))
        #expect(state.update(.key(.character("q"))) == [], "q closes the help; it does not quit")
        #expect(!state.showHelp)
        #expect(!state.hasQuit)
    }

    @Test func helpListsEveryKeyTheReducerHandles() {
        let keys = UIState.keyHelp.map(\.keys).joined(separator: " ")
        for key in ["←/→", "Tab", "↑/↓", "Enter", "Esc", "PgUp/PgDn", "j/k", "r", "R", "s", "c", "y", "?", "q", "Ctrl-C"] {
            #expect(keys.contains(key), "help is missing \(key)")
        }
    }

    @Test func quitWhenIdleLeavesAtOnce() {
        var state = Self.finished()
        #expect(state.update(.key(.character("q"))) == [.quit])
        #expect(state.hasQuit)
        #expect(!state.quitWhileRunning)
    }

    @Test func quitWhileWorkingAsksFirst() {
        var state = Fixtures.state()
        state.update(.run(.workerStarted(worker: 0, attempt: 1)))
        #expect(state.update(.key(.character("q"))) == [])
        #expect(state.confirmingQuit)
        #expect(Renderer.render(state).plainText.contains("Quit and cancel it?"))
        #expect(state.update(.key(.character("n"))) == [])
        #expect(!state.confirmingQuit)
        #expect(!state.hasQuit)

        state.update(.key(.character("q")))
        #expect(state.update(.key(.character("y"))) == [.cancelAll, .quit])
        #expect(state.hasQuit)
        #expect(state.quitWhileRunning)
    }

    @Test func escapeAlsoDeclinesTheQuitQuestion() {
        var state = Fixtures.state()
        state.update(.key(.character("q")))
        #expect(state.confirmingQuit, "a run that has not started yet still counts as work")
        state.update(.key(.escape))
        #expect(!state.confirmingQuit)
        #expect(!state.hasQuit)
    }

    @Test func ctrlCQuitsAtOnceEvenWhileWorking() {
        var state = Fixtures.state()
        state.update(.run(.workerStarted(worker: 0, attempt: 1)))
        #expect(state.update(.key(.interrupt)) == [.cancelAll, .quit])
        #expect(state.hasQuit)
    }

    @Test func enterZoomsAndEnterOrEscapeLeaves() {
        var state = Self.finished()
        state.selection = 1
        let gridWidth = state.panes[1].text.width
        state.update(.key(.enter))
        #expect(state.zoomed)
        #expect(state.layout.panes.keys.sorted() == [1])
        #expect(state.panes[1].text.width == 118, "zoomed text wraps to the full width")
        state.update(.key(.enter))
        #expect(!state.zoomed)
        #expect(state.panes[1].text.width == gridWidth)
        state.update(.key(.enter))
        state.update(.key(.escape))
        #expect(!state.zoomed)
    }

    @Test func tabAndArrowsCycleThroughPanesAndTheAnswer() {
        var state = Self.finished()
        #expect(state.selection == 0)
        state.update(.key(.tab))
        #expect(state.selection == 1)
        state.update(.key(.right))
        state.update(.key(.right))
        #expect(state.selectsAnswer)
        state.update(.key(.tab))
        #expect(state.selection == 0, "wraps around")
        state.update(.key(.backTab))
        #expect(state.selectsAnswer)
        state.update(.key(.left))
        #expect(state.selection == 2)
    }

    @Test func theAnswerIsNotSelectableBeforeItExists() {
        var state = Fixtures.state()
        state.update(.key(.left))
        #expect(state.selection == 2)
        state.update(.key(.right))
        #expect(state.selection == 0)
    }

    @Test func tabInZoomShowsTheNextPaneZoomed() {
        var state = Self.finished()
        state.update(.key(.enter))
        state.update(.key(.tab))
        #expect(state.zoomed)
        #expect(state.layout.panes.keys.sorted() == [1])
        #expect(state.panes[1].text.width == 118)
        #expect(state.panes[0].text.width == 38)
    }

    @Test func upAndDownMoveByGridRowsAndReachTheAnswer() {
        var state = Fixtures.state(workers: 8, width: 80, height: 40)
        for w in 0..<8 { Fixtures.stream(&state, worker: w, text: "answer \(w)") }
        state.update(.run(.aggregationStarted(strategy: .concatenate)))
        state.update(.run(.aggregationFinished(record: Fixtures.aggregation(.concatenate, output: "all", inputs: Array(0..<8)))))
        #expect(state.layout.columns == 2)
        state.update(.key(.down))
        #expect(state.selection == 2)
        state.update(.key(.down))
        state.update(.key(.down))
        #expect(state.selection == 6)
        state.update(.key(.down))
        #expect(state.selectsAnswer)
        state.update(.key(.down))
        #expect(state.selectsAnswer)
        state.update(.key(.up))
        #expect(state.selection == 7)
        state.update(.key(.up))
        #expect(state.selection == 5)
    }

    @Test func downKeepsTheSelectedPaneOnScreenWhenPanesScroll() {
        var state = Fixtures.state(workers: 20, width: 80, height: 24)
        let layout = state.layout
        #expect(layout.visibleRows < layout.totalRows)
        for _ in 0..<9 { state.update(.key(.down)) }
        #expect(state.selection == 18)
        #expect(state.layout.panes[18] != nil)
        #expect(state.layout.panes[0] == nil)
        #expect(Renderer.render(state).plainText.contains("of 20"))
        state.update(.key(.tab))
        state.update(.key(.tab))
        #expect(state.selection == 0)
        #expect(state.layout.panes[0] != nil)
    }

    @Test func scrollKeysMoveTheSelectedPaneAndEndFollowsAgain() {
        var state = Fixtures.state(width: 120, height: 12)
        let long = (1...40).map { "line \($0)" }.joined(separator: "\n")
        Fixtures.stream(&state, worker: 0, text: long, finish: nil)
        let height = state.viewportHeight
        let rows = state.panes[0].text.rowCount
        #expect(rows == 40)
        #expect(state.panes[0].scrollTop == nil)
        state.update(.key(.character("k")))
        #expect(state.panes[0].scrollTop == rows - height - 1)
        state.update(.key(.character("j")))
        #expect(state.panes[0].scrollTop == nil, "back at the bottom: following again")
        state.update(.key(.pageUp))
        #expect(state.panes[0].scrollTop == rows - height - (height - 1))
        state.update(.key(.home))
        #expect(state.panes[0].scrollTop == 0)
        state.update(.run(.workerChunk(worker: 0, attempt: 1, text: "\nmore")))
        #expect(state.panes[0].scrollTop == 0, "new text does not move a view the user placed")
        state.update(.key(.pageDown))
        #expect(state.panes[0].scrollTop == height - 1)
        state.update(.key(.end))
        #expect(state.panes[0].scrollTop == nil)
        state.update(.key(.character("g")))
        #expect(state.panes[0].scrollTop == 0)
        state.update(.key(.character("G")))
        #expect(state.panes[0].scrollTop == nil)
    }

    @Test func upAndDownScrollWhenZoomed() {
        var state = Fixtures.state(width: 60, height: 10)
        // Still streaming: the pane follows the end (a finished one is shown from its start).
        Fixtures.stream(&state, worker: 0, text: (1...30).map { "line \($0)" }.joined(separator: "\n"), finish: nil)
        state.update(.key(.enter))
        state.update(.key(.up))
        #expect(state.selection == 0)
        #expect(state.panes[0].scrollTop == 30 - state.viewportHeight - 1)
        state.update(.key(.down))
        #expect(state.panes[0].scrollTop == nil)
    }

    @Test func scrollingTheAnswer() {
        var state = Self.finished(width: 120, height: 16)
        let long = (1...30).map { "point \($0)" }.joined(separator: "\n")
        state.update(.run(.aggregationStarted(strategy: .concatenate)))
        state.update(.run(.aggregationFinished(record: Fixtures.aggregation(.concatenate, output: long, inputs: [0, 1, 2]))))
        state.selection = 3
        #expect(state.answer.scrollTop == 0)
        state.update(.key(.pageDown))
        #expect(state.answer.scrollTop == state.viewportHeight - 1)
        state.update(.key(.end))
        #expect(state.answer.scrollTop == nil)
    }

    @Test func rRetriesTheSelectedWorkerOnlyWhenItCanBeRetried() {
        var state = Fixtures.state()
        Fixtures.stream(&state, worker: 0, text: "ok")
        Fixtures.stream(&state, worker: 1, text: "", finish: .failed, error: "HTTP 500")
        Fixtures.stream(&state, worker: 2, text: "part", finish: nil)

        state.selection = 0
        #expect(state.update(.key(.character("r"))) == [])
        #expect(state.message?.text.contains("worker 1 finished with an answer") == true)

        state.selection = 2
        #expect(state.update(.key(.character("r"))) == [])
        #expect(state.message?.text.contains("worker 3 is streaming") == true)

        state.selection = 1
        #expect(state.update(.key(.character("r"))) == [.retry(worker: 1)])
        #expect(state.panes[1].request == .retry)
        #expect(Renderer.status(state.panes[1], now: 0, width: 60).first?.text == "↻ retry requested…")
        #expect(state.update(.key(.character("r"))) == [], "a second r while the first is pending does nothing")
    }

    @Test func rAlsoRetriesTimedOutAndCancelledWorkers() {
        var state = Fixtures.state()
        Fixtures.stream(&state, worker: 0, text: "", finish: .timedOut, error: "timed out")
        Fixtures.stream(&state, worker: 1, text: "x", finish: .cancelled)
        state.selection = 0
        #expect(state.update(.key(.character("r"))) == [.retry(worker: 0)])
        state.selection = 1
        #expect(state.update(.key(.character("r"))) == [.retry(worker: 1)])
    }

    @Test func rOnTheAnswerExplainsWhatToDo() {
        var state = Self.finished()
        state.selection = 3
        #expect(state.update(.key(.character("r"))) == [])
        #expect(state.message?.text.contains("select a worker's pane first") == true)
    }

    @Test func capitalRRetriesEveryFailedWorker() {
        var state = Fixtures.state()
        #expect(state.update(.key(.character("R"))) == [])
        #expect(state.message?.text == "no failed, timed-out or cancelled workers to retry")
        Fixtures.stream(&state, worker: 0, text: "", finish: .failed, error: "HTTP 500")
        Fixtures.stream(&state, worker: 1, text: "ok")
        Fixtures.stream(&state, worker: 2, text: "", finish: .timedOut, error: "timed out")
        #expect(state.update(.key(.character("R"))) == [.retryFailed])
        #expect(state.panes.map(\.request) == [.retry, nil, .retry])
        #expect(state.message?.text == "retrying 2 workers…")
    }

    @Test func sCyclesTheStrategyAndReaggregates() {
        var state = Self.finished()
        #expect(state.strategy == .synthesize)
        #expect(state.update(.key(.character("s"))) == [.reaggregate(.concatenate)])
        #expect(state.answer.phase == .merging(.concatenate, inputs: 3))
        #expect(state.update(.key(.character("s"))) == [.reaggregate(.vote)], "s again while merging supersedes it")
        #expect(state.update(.key(.character("s"))) == [.reaggregate(.judge)])
        #expect(state.update(.key(.character("s"))) == [.reaggregate(.auto)])
        #expect(state.update(.key(.character("s"))) == [.reaggregate(.synthesize)])
    }

    @Test func sBeforeAnyAnswerOrAfterAQuorumFailureExplains() {
        var state = Fixtures.state()
        #expect(state.update(.key(.character("s"))) == [])
        #expect(state.message?.text.contains("once the workers have finished") == true)
        state.answer.phase = .failed(succeeded: 1, required: 2)
        #expect(state.update(.key(.character("s"))) == [])
        #expect(state.message?.text.contains("needs 2 successful workers") == true)
    }

    @Test func cCancelsARunningWorkerOnly() {
        var state = Fixtures.state()
        Fixtures.stream(&state, worker: 0, text: "streaming", finish: nil)
        Fixtures.stream(&state, worker: 1, text: "done")
        state.selection = 0
        #expect(state.update(.key(.character("c"))) == [.cancel(worker: 0)])
        #expect(state.panes[0].request == .cancel)
        #expect(Renderer.status(state.panes[0], now: 0, width: 60).first?.text == "⊘ cancelling…")
        state.selection = 1
        #expect(state.update(.key(.character("c"))) == [])
        #expect(state.message?.text.contains("c cancels a running worker") == true)
    }

    @Test func ySavesTheFinishedAnswerOnly() {
        var state = Fixtures.state()
        #expect(state.update(.key(.character("y"))) == [])
        state.update(.run(.aggregationStarted(strategy: .synthesize)))
        #expect(state.update(.key(.character("y"))) == [])
        #expect(state.message?.text.contains("still being merged") == true)
        state.update(.run(.aggregationFinished(record: Fixtures.aggregation(output: "the answer", inputs: [0, 1]))))
        #expect(state.update(.key(.character("y"))) == [.saveAnswer(text: "the answer")])
    }

    @Test func unknownKeysDoNothing() {
        var state = Self.finished()
        let before = Renderer.render(state)
        #expect(state.update(.key(.character("x"))) == [])
        #expect(state.update(.key(.character("世"))) == [])
        #expect(Renderer.render(state) == before)
    }
}
