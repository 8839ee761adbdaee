import Chorus
import Testing
@testable import ChorusTUI

/// Issue 14: the task always in view (a header line, `T` for the whole task) and room where it
/// matters (the answer gets the room once the workers are done; `l` toggles).
@Suite struct HeaderAndRoomTests {
    static let longTask =
        "Should a five-person startup with one product, two customers and a single Postgres database split its Rails monolith into microservices before its Series A, given that the CTO wants to hire for it?\n\nAnswer in three sentences."

    static func running(width: Int, height: Int, profile: String? = "fast") -> UIState {
        var plan = Fixtures.plan(workers: 3, task: longTask)
        plan.profile = profile
        var state = UIState(record: RunRecord(plan: plan, startedAt: Fixtures.startedAt), width: width, height: height)
        state.update(.tick(now: 1000))
        Fixtures.stream(&state, worker: 0, text: Fixtures.answers[0])
        Fixtures.stream(&state, worker: 1, text: "Splitting early", finish: nil)
        state.update(.run(.workerStarted(worker: 2, attempt: 1)))
        var record = RunRecord(plan: plan, startedAt: Fixtures.startedAt)
        record.workers[0].attempts = [Fixtures.attempt(.succeeded, text: Fixtures.answers[0], tokens: 96)]
        record.workers[0].attempts[0].usage = TokenUsage(promptTokens: 40, completionTokens: 96)
        record.workers[0].attempts[0].cost = Cost(usd: 0.0123, approximate: false)
        state.update(.run(.runUpdated(record: record)))
        state.update(.tick(now: 13_400))
        return state
    }

    @Test(arguments: [(120, 30), (80, 24), (40, 12), (30, 10)])
    func theHeaderShowsTheTaskProfileAndTotals(width: Int, height: Int) {
        let state = Self.running(width: width, height: height)
        let grid = Renderer.render(state)
        Snapshot.check(grid, named: "header-\(width)x\(height)")
        let top = grid.plainText.split(separator: "\n", omittingEmptySubsequences: false)[0]
        // The task keeps its room; the " │ " separator before the totals takes 2 cells more.
        #expect(top.hasPrefix(" Task: Should a fi"))
        if width >= 80 {
            #expect(top.contains("profile fast"))
            #expect(top.contains("~138 tok"), "40 + 96 from the record, 2 live chunks of the running worker")
            #expect(top.contains("$0.012"))
        }
        #expect(top.contains("…"), "a long task is cut, and says so")
    }

    @Test func belowTenRowsTheHeaderGivesItsRowToTheWork() {
        let state = Self.running(width: 24, height: 8)
        #expect(state.layout.header == nil)
        let grid = Renderer.render(state)
        #expect(!grid.plainText.contains("Task:"))
        Snapshot.check(grid, named: "header-24x8")
    }

    @Test func theHeaderStaysInTheHelpAndTheAgreementView() {
        var state = ReducerKeyTests.finished(width: 80, height: 24)
        state.update(.key(.character("?")))
        #expect(Renderer.render(state).plainText.hasPrefix(" Task: Should a five-person startup use microservices?"))
        state.update(.key(.escape))
        state.update(.key(.character("a")))
        let grid = Renderer.render(state)
        #expect(grid.plainText.hasPrefix(" Task: Should a five-person startup use microservices?"))
        Snapshot.check(grid, named: "header-agreement-80x24")
    }

    @Test func tShowsTheWholeTaskScrollablyAndAnyOtherKeyClosesIt() {
        var state = Self.running(width: 40, height: 10)
        #expect(state.update(.key(.character("T"))) == [])
        var grid = Renderer.render(state)
        Snapshot.check(grid, named: "task-view-40x10")
        #expect(grid.plainText.contains("T or Esc closes"))
        #expect(state.taskRows.rowCount > (state.taskTextRect?.height ?? 0), "this task needs scrolling at 40x12")
        state.update(.key(.end))
        grid = Renderer.render(state)
        #expect(grid.plainText.contains("three sentences."))
        state.update(.key(.character("q")))
        #expect(state.taskViewTop == nil)
        #expect(!state.hasQuit, "q closes the view; it does not quit")
    }

    /// Three one-line answers and four warnings at 120x40 (issue 14's case): before, 36-row panes
    /// and a 4-row answer with its warnings cut.
    static func threeShortAnswers(width: Int = 120, height: Int = 40) -> UIState {
        var state = Fixtures.state(workers: 3, width: width, height: height)
        for w in 0..<3 { Fixtures.stream(&state, worker: w, text: ["391", "391", "389"][w]) }
        state.update(.run(.aggregationStarted(strategy: .synthesize)))
        var record = Fixtures.aggregation(output: "17 × 23 = 391.\n\nTwo of three workers say 391; one says 389.", inputs: [0, 1, 2])
        record.warnings = [
            "worker 3's answer was cut at max tokens (stop reason length); the merge used it as it was",
            "the judge's model (smollm2) also answered as workers 1-3: judges tend to favour their own answers",
            "the merged answer (391) differs from worker 3's",
            "1 of 3 workers left out (worker 3 timed out)",
        ]
        state.update(.run(.aggregationFinished(record: record)))
        state.update(.tick(now: 5000))
        return state
    }

    @Test func whenTheWorkersAreDoneTheAnswerGetsTheRoomItNeeds() {
        var state = Self.threeShortAnswers()
        #expect(state.answerFirst)
        let layout = state.layout
        let answer = layout.answer!
        #expect(answer.height == 2 + 3 + 4, "the text's 3 rows and all 4 warnings")
        #expect(layout.panes[0]!.height == 40 - 2 - answer.height)
        var grid = Renderer.render(state)
        Snapshot.check(grid, named: "answer-first-120x40")
        for warning in ["cut at max tokens", "judges tend", "differs from", "left out"] {
            #expect(grid.plainText.contains(warning))
        }
        // `l` gives the room back to the panes: the answer is at most 2/5 of the screen again.
        state.update(.key(.character("l")))
        #expect(!state.answerFirst)
        grid = Renderer.render(state)
        Snapshot.check(grid, named: "panes-first-120x40")
        state.update(.key(.character("l")))
        #expect(state.answerFirst)
    }

    @Test func aLongAnswerTakesTheScreenAndThePanesShrinkToTheirFirstLine() {
        var state = Fixtures.state(workers: 3, width: 80, height: 24)
        for w in 0..<3 { Fixtures.stream(&state, worker: w, text: Fixtures.answers[w]) }
        state.update(.run(.aggregationStarted(strategy: .synthesize)))
        let long = (1...30).map { "Line \($0) of a long merged answer." }.joined(separator: "\n")
        state.update(.run(.aggregationFinished(record: Fixtures.aggregation(output: long, inputs: [0, 1, 2]))))
        let layout = state.layout
        #expect(layout.panes[0]?.height == Layout.compactPaneHeight)
        #expect(layout.answer!.height == 24 - 2 - Layout.compactPaneHeight)
        let grid = Renderer.render(state)
        Snapshot.check(grid, named: "answer-first-long-80x24")
        #expect(grid.plainText.contains("A five-person startup"), "each pane shows its first line")
    }

    @Test func whileWorkersRunThePanesHaveTheRoom() {
        var state = Fixtures.state(workers: 3, width: 120, height: 40)
        Fixtures.stream(&state, worker: 0, text: "391")
        state.update(.run(.workerStarted(worker: 1, attempt: 1)))
        #expect(!state.answerFirst)
        state.update(.key(.character("l")))
        #expect(state.answerFirstChoice == true, "the choice holds for when the answer comes")
    }

    @Test func aHostileTaskIsShownHarmlesslyOnOneLine() {
        let plan = Fixtures.plan(workers: 1, task: "line one\nESC \u{1B}[31mred\u{1B}[0m bidi \u{202E}txet\u{202C}")
        let state = UIState(record: RunRecord(plan: plan, startedAt: Fixtures.startedAt), width: 80, height: 12)
        let top = Renderer.render(state).plainText.split(separator: "\n", omittingEmptySubsequences: false)[0]
        #expect(top.hasPrefix(" Task: line one ESC ␛[31mred␛[0m bidi"))
        #expect(!top.contains("\u{1B}") && !top.contains("\u{202E}"))
    }
}
