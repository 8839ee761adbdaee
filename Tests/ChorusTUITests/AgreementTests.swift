import Chorus
import ChorusTestSupport
import Synchronization
import Testing
@testable import ChorusTUI

/// The agreement view (`a`) and the answer's honest-answer marks: keys, scrolling, content, and
/// one run through the real engine so the marks are checked on a record the core really made.
@Suite struct AgreementTests {
    // MARK: - Keys

    @Test func aOpensTheViewAndAEscapeOrQCloseItWithoutQuitting() {
        var state = AgreementFixtures.exactMajority(width: 80, height: 24)
        #expect(state.update(.key(.character("a"))) == [])
        #expect(state.agreement != nil)
        #expect(Renderer.render(state).plainText.contains("Agreement · auto → vote · 5 answers"))
        state.update(.key(.character("a")))
        #expect(state.agreement == nil)
        #expect(!Renderer.render(state).plainText.contains("Agreement ·"))

        for close in [Key.escape, .character("q")] {
            state.update(.key(.character("a")))
            #expect(state.agreement != nil)
            #expect(state.update(.key(close)) == [])
            #expect(state.agreement == nil, "\(close) closes the view")
            #expect(!state.hasQuit, "\(close) does not quit from the view")
        }
    }

    @Test func helpAndKeyLineNameTheKey() {
        #expect(UIState.keyHelp.contains { $0.keys.hasPrefix("a") && $0.action.contains("agreement") })
        var running = Fixtures.state(width: 200, height: 30)
        Fixtures.stream(&running, worker: 0, text: "Canberra")
        #expect(!Renderer.render(running).plainText.contains("a agreement"), "no hint before there is an answer")
        let answered = AgreementFixtures.exactMajority(width: 200, height: 30)
        #expect(Renderer.render(answered).plainText.contains("a agreement"))
        var open = answered
        open.update(.key(.character("a")))
        #expect(Renderer.render(open).plainText.contains("a Esc close"))
    }

    /// Eight workers with eight different answers (an eight-way tie): more groups than fit in 80x24.
    static func manyGroups() -> UIState {
        let answers: [String?] = ["one", "two", "three", "four", "five", "six", "seven", "eight"]
        return AgreementFixtures.state(answers: answers, width: 80, height: 24, task: "Name a number.") { tally, _ in
            AggregationRecord(strategy: .vote, status: .succeeded, output: "one", inputs: Array(0..<8), tally: tally, startedMs: 0)
        }
    }

    @Test func theViewScrollsAndStopsAtBothEnds() throws {
        var state = Self.manyGroups()
        state.update(.key(.character("a")))
        let rows = state.agreementRows.count
        let height = try #require(state.agreementTextRect).height
        #expect(rows > height, "the report is longer than the screen")
        #expect(Renderer.render(state).plainText.contains("↓\(rows - height)"))

        state.update(.key(.up))
        #expect(state.agreement?.scrollTop == 0, "cannot scroll above the top")
        state.update(.key(.down))
        state.update(.key(.character("j")))
        #expect(state.agreement?.scrollTop == 2)
        state.update(.key(.character("k")))
        #expect(state.agreement?.scrollTop == 1)
        state.update(.key(.pageDown))
        #expect(state.agreement?.scrollTop == min(1 + height - 1, rows - height))
        state.update(.key(.end))
        #expect(state.agreement?.scrollTop == rows - height)
        state.update(.key(.down))
        #expect(state.agreement?.scrollTop == rows - height, "cannot scroll past the end")
        let bottom = Renderer.render(state).plainText
        #expect(bottom.contains("↑\(rows - height)"))
        #expect(bottom.contains("No warnings."), "the end of the report is in view")
        #expect(!bottom.contains("No two answers agree"), "the start is scrolled away")
        state.update(.key(.pageUp))
        #expect(state.agreement?.scrollTop == max(0, rows - height - (height - 1)))
        state.update(.key(.home))
        #expect(state.agreement?.scrollTop == 0)
        #expect(Renderer.render(state).plainText.contains("No two answers agree: each of the 8 stands alone."))
    }

    @Test func aResizeKeepsTheScrollInsideTheReport() throws {
        var state = Self.manyGroups()
        state.update(.key(.character("a")))
        state.update(.key(.end))
        state.update(.resize(width: 120, height: 60))
        let height = try #require(state.agreementTextRect).height
        #expect(state.agreementRows.count <= height, "everything fits at 120x60")
        #expect(state.agreementTop == 0)
        #expect(Renderer.render(state).plainText.contains("No two answers agree"))
        state.update(.key(.up))
        #expect(state.agreement?.scrollTop == 0)
    }

    @Test(arguments: [(0, 0), (1, 1), (10, 5), (23, 30), (100, 7), (24, 8)])
    func tinyTerminalsNeitherCrashNorLoseTheView(width: Int, height: Int) {
        var state = Self.manyGroups()
        state.update(.key(.character("a")))
        state.update(.resize(width: width, height: height))
        for key in [Key.down, .pageDown, .end, .up, .pageUp, .home] { state.update(.key(key)) }
        let grid = Renderer.render(state)
        #expect(grid.width == width && grid.height == height)
        if width < Layout.minimumWidth || height < Layout.minimumHeight {
            if width >= 18 && height >= 1 { #expect(grid.plainText.contains("terminal too small")) }
        } else {
            #expect(grid.plainText.contains("Agreement"))
        }
        #expect(state.agreement != nil, "the view is still open when the terminal grows again")
    }

    @Test func keysThatActOnAPaneSayHowToLeaveFirst() {
        var state = AgreementFixtures.exactMajority(width: 80, height: 24)
        state.update(.key(.character("a")))
        let selection = state.selection
        #expect(state.update(.key(.tab)) == [])
        #expect(state.update(.key(.character("c"))) == [])
        #expect(state.selection == selection)
        #expect(state.message?.text == "a or Esc closes the agreement view")
        #expect(state.agreement != nil)
    }

    @Test func strategyKeyWorksFromTheViewAndTheViewFollowsTheNewAnswer() {
        var state = AgreementFixtures.exactMajority(width: 80, height: 24)
        state.update(.key(.character("a")))
        #expect(state.update(.key(.character("s"))) == [.reaggregate(.synthesize)])
        #expect(state.agreement != nil)
        #expect(Renderer.render(state).plainText.contains("being merged (synthesize)"))
        state.update(.key(.character("?")))
        #expect(state.showHelp, "? opens the help over the view")
        state.update(.key(.character("x")))
        #expect(!state.showHelp && state.agreement != nil, "closing the help goes back to the view")
    }

    @Test func withoutAnAggregationTheViewSaysWhy() {
        var running = Fixtures.state(workers: 3, width: 80, height: 24)
        Fixtures.stream(&running, worker: 0, text: "Canberra", finish: nil)
        running.update(.key(.character("a")))
        #expect(Renderer.render(running).plainText.contains("No agreement yet: the workers are still answering."))

        var failed = Fixtures.state(workers: 3, width: 80, height: 24)
        var record = Fixtures.record(workers: 3)
        record.workers[0].attempts = [Fixtures.attempt(.succeeded, text: "Canberra")]
        record.workers[1].attempts = [Fixtures.attempt(.failed, error: "HTTP 500")]
        record.workers[2].attempts = [Fixtures.attempt(.failed, error: "HTTP 500")]
        record.status = .failed
        failed.update(.run(.runUpdated(record: record)))
        failed.update(.key(.character("a")))
        let text = Renderer.render(failed).plainText
        #expect(text.contains("No agreement: the quorum was not met: 1 of 3 workers"))
    }

    // MARK: - What it says

    @Test func majorityAndMinorityAreBothListedWithTheirWorkers() {
        var state = AgreementFixtures.exactMajority(width: 80, height: 24)
        guard case .done(let record) = state.answer.phase else {
            Issue.record("no answer")
            return
        }
        #expect(record.tally.groups.map(\.workers) == [[0, 2, 4], [1, 3]], "the core grouped the answers as the fixture means")
        state.update(.key(.character("a")))
        let text = Self.wholeReport(state)
        #expect(text.contains("Majority: 3 of 5 answers agree."))
        #expect(text.contains("3 of 5  ███░░  majority · the answer"))
        #expect(text.contains("1 cost · 3 speed · 5 operations"))
        #expect(text.contains("2 of 5  ██░░░  minority"))
        // Each answer the group holds, with who wrote it (issue 14: never one "e.g.").
        #expect(text.contains("Sydney  2 risk"))
        #expect(text.contains("sydney  4 hiring"))
        #expect(text.contains("auto → vote: 3 of 5 answers agree (Canberra), a majority: took the vote"))
        #expect(text.contains("! 1 of 6 workers left out (worker 6 timed out)"))
        #expect(text.contains("6 cost timed out: timed out after 15.0 s"))
    }

    @Test func aTieIsMarkedOnEverySide() {
        var state = AgreementFixtures.tie(width: 80, height: 24)
        state.update(.key(.character("a")))
        let text = Self.wholeReport(state)
        #expect(text.contains("Tie: no majority; 2 groups have 2 of 4 answers each."))
        #expect(text.components(separatedBy: "  tie").count - 1 == 2, "both groups are marked as tied")
        #expect(!text.contains("majority ·") && !text.contains("minority"))
    }

    @Test func overlapGroupsSayTheyAreGroupedByKeyWords() {
        var state = AgreementFixtures.overlap(width: 80, height: 24)
        state.update(.key(.character("a")))
        let text = Self.wholeReport(state)
        #expect(text.contains("grouped by shared key words"))
        #expect(text.contains("stands alone"))
        #expect(text.contains("Split early into microservices"))
        #expect(!text.contains("e.g."), "every answer of a group is listed, not one example")
        #expect(text.contains("judge chose 1 cost: It weighs"))
        #expect(text.contains("! the judge's model (smollm2) also answered as workers 1, 2, 3"))
    }

    /// Every row of the report as text (scrolling not needed).
    static func wholeReport(_ state: UIState) -> String {
        state.agreementRows.map { row in
            String(repeating: " ", count: row.indent) + String(row.pieces.map(\.glyph.character))
        }.joined(separator: "\n")
    }

    // MARK: - Marks in the answer area

    @Test func aMergeThatDiffersFromTheMajorityIsMarkedInTitleBorderAndNote() {
        let state = AgreementFixtures.disagreeing(width: 80, height: 24)
        let grid = Renderer.render(state)
        let rect = state.layout.answer!
        let title = Self.row(grid, rect.y)
        #expect(title.contains("Answer · synthesize · by smollm2 · ≠ majority · 5 of 5 merged"))
        let mark = title.range(of: "≠ majority")!
        let column = title.distance(from: title.startIndex, to: mark.lowerBound)
        #expect(grid[column, rect.y].role == .warning)
        #expect(grid[rect.x, rect.y + 1].role == .warning, "the border is in the warning colour")
        #expect(Self.row(grid, rect.y + 1).contains("the merged answer (Sydney) differs from the majority"))
    }

    @Test func autoShowsWhichPathItTook() {
        let grid = Renderer.render(AgreementFixtures.exactMajority(width: 120, height: 30))
        #expect(grid.plainText.contains("Answer · auto → vote · 5 of 6 merged"))
        #expect(!grid.plainText.contains("merged · 0.0s"), "no time for a vote that called no model")
        #expect(grid.plainText.contains("3 of 5 answers agree (Canberra), a majority: took the vote"))
    }

    @Test func warningsThatFindNoLineAreCountedOnTheEdge() {
        // 40x12: the answer has room for one note; the judge's self-preference warning is hidden.
        var state = AgreementFixtures.overlap(width: 40, height: 12)
        guard case .done(var record) = state.answer.phase else {
            Issue.record("no answer")
            return
        }
        record.warnings.insert("1 of 4 workers left out (worker 4 failed)", at: 0)
        state.update(.run(.aggregationStarted(strategy: .judge)))
        state.update(.run(.aggregationFinished(record: record)))
        // Answer-first (the workers are done) wraps each warning; at 40x12 the second still finds
        // no room. Panes-first (`l`) says so on the status line, which takes its own row, so no
        // warning finds a line: both are counted.
        #expect(Renderer.render(state).plainText.contains("a +1 warning"))
        state.update(.key(.character("l")))
        let text = Renderer.render(state).plainText
        #expect(text.contains("a +2 warnings"))
        state.update(.resize(width: 120, height: 40))
        #expect(!Renderer.render(state).plainText.contains("+1 warning"), "panes-first has 3 lines: every warning shows")
        state.update(.key(.character("l")))
        #expect(state.answerFirst)
        #expect(!Renderer.render(state).plainText.contains("+1 warning"), "nothing to count when every warning shows")
    }

    static func row(_ grid: CellGrid, _ y: Int) -> String {
        String((0..<grid.width).map { grid[$0, y].character })
    }

    // MARK: - Through the real engine

    @Test func aRealRunsDisagreementReachesTheScreen() async {
        let answers = ["Canberra", "Sydney", "Canberra", "Sydney", "Canberra"]
        let clock = ManualClock()
        let plan = Plan(
            task: AgreementFixtures.capitalTask, workerCount: 5, focusAreas: AgreementFixtures.focus, model: Fixtures.model,
            aggregator: AggregatorSpec(strategy: .synthesize, model: ModelChoice(provider: "openai", model: "merge")))
        let temperatures = plan.workers.map(\.temperature)
        let workers = ScriptedModel(clock: clock) { request, _ in
            [.text(answers[temperatures.firstIndex(of: request.temperature) ?? 0])]
        }
        let merger = ScriptedModel(clock: clock, steps: [.text("Sydney")])
        let events = Mutex<[RunEvent]>([])
        let controller = RunController(
            plan: plan, models: { $0.model == "merge" ? merger : workers }, clock: clock,
            events: { event in events.withLock { $0.append(event) } })
        let record = await controller.start()

        var state = UIState(record: RunRecord(plan: plan, startedAt: Fixtures.startedAt), width: 100, height: 30)
        for event in events.withLock({ $0 }) { state.update(.run(event)) }
        state.update(.controllerReturned(record, after: nil))
        let answer = Renderer.render(state).plainText
        #expect(answer.contains("≠ majority"))
        #expect(answer.contains("differs from the majority: 3 of 5 workers say Canberra"))

        state.update(.key(.character("a")))
        let report = Self.wholeReport(state)
        #expect(report.contains("3 of 5  ███░░  majority"))
        #expect(report.contains("1 cost · 3 speed · 5 operations"))
        #expect(report.contains("2 risk · 4 hiring"))
        #expect(report.contains("model merge"))
        #expect(report.contains("2 of 5  ██░░░  minority · the merged answer"), "the view shows which side the merge took")
    }

    @Test func aMergedAnswerThatNoWorkerGaveIsSaidToBeNone() {
        var state = AgreementFixtures.disagreeing(width: 80, height: 24)
        guard case .done(var record) = state.answer.phase else {
            Issue.record("no answer")
            return
        }
        state.update(.key(.character("a")))
        #expect(Self.wholeReport(state).contains("2 of 5  ██░░░  minority · the merged answer"))
        record.output = "Perth"
        state.update(.run(.aggregationStarted(strategy: .synthesize)))
        state.update(.run(.aggregationFinished(record: record)))
        let report = Self.wholeReport(state)
        #expect(!report.contains("the merged answer\n"))
        #expect(report.contains("the merged answer (Perth) is none of the workers' answers"))
    }
}
