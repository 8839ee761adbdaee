import Chorus
import Testing
@testable import ChorusTUI

/// The reducer's handling of engine events and of the backend's own messages.
@Suite struct ReducerEventTests {
    @Test func aNewRunStartsWithEveryPaneWaitingToStart() {
        let state = Fixtures.state()
        #expect(state.panes.count == 3)
        #expect(state.panes.allSatisfy { $0.status == nil && $0.text.isEmpty })
        #expect(state.runStarting)
        #expect(state.isWorking)
        #expect(!state.answer.isVisible)
        #expect(state.panes.map(\.displayName) == ["1 cost", "2 risk", "3 speed"])
    }

    @Test func workerStartedChunksUsageAndFinishedFillThePane() {
        var state = Fixtures.state()
        state.update(.tick(now: 1000))
        state.update(.run(.workerStarted(worker: 1, attempt: 1)))
        #expect(state.panes[1].status == .waiting)
        #expect(state.panes[1].startedAt == 1000)
        #expect(!state.runStarting)

        state.update(.tick(now: 1300))
        state.update(.run(.workerChunk(worker: 1, attempt: 1, text: "Hello")))
        state.update(.run(.workerChunk(worker: 1, attempt: 1, text: " world")))
        #expect(state.panes[1].status == .streaming)
        #expect(state.panes[1].firstTokenMs == 300)
        #expect(state.panes[1].chunks == 2)
        #expect(state.panes[1].text.source == "Hello world")
        #expect(state.panes[1].tokens?.count == 2)
        #expect(state.panes[1].tokens?.approximate == true)

        state.update(.run(.workerUsage(worker: 1, attempt: 1, usage: TokenUsage(completionTokens: 7))))
        #expect(state.panes[1].tokens?.count == 7)
        #expect(state.panes[1].tokens?.approximate == false)

        state.update(.tick(now: 2500))
        #expect(state.panes[1].elapsedMs(now: state.now) == 1500)

        let record = Fixtures.attempt(.succeeded, text: "Hello world!", elapsedMs: 1800, firstTokenMs: 280, tokens: 9)
        state.update(.run(.workerFinished(worker: 1, record: record)))
        #expect(state.panes[1].status == .succeeded)
        #expect(state.panes[1].text.source == "Hello world!", "the record's text is authoritative")
        #expect(state.panes[1].elapsedMs(now: 99_999) == 1800, "a finished attempt stops ticking")
        #expect(state.panes[1].firstTokenMs == 280)
    }

    @Test func providerRetryIsShownUntilTheFirstToken() {
        var state = Fixtures.state()
        state.update(.run(.workerStarted(worker: 0, attempt: 1)))
        state.update(.run(.workerRetrying(worker: 0, attempt: 1, reason: "HTTP 429")))
        state.update(.run(.workerRetrying(worker: 0, attempt: 1, reason: "HTTP 503")))
        #expect(state.panes[0].providerRetry == .init(count: 2, reason: "HTTP 503"))
        let status = Renderer.status(state.panes[0], now: 0, width: 60).map(\.text).joined()
        #expect(status.contains("retrying 2: HTTP 503"))
        state.update(.run(.workerChunk(worker: 0, attempt: 1, text: "x")))
        #expect(state.panes[0].providerRetry == nil)
    }

    @Test func chunksOfAnOlderAttemptAreIgnored() {
        var state = Fixtures.state()
        Fixtures.stream(&state, worker: 2, text: "", finish: .failed, error: "HTTP 500")
        state.update(.run(.workerStarted(worker: 2, attempt: 2)))
        state.update(.run(.workerChunk(worker: 2, attempt: 1, text: "late text of attempt 1")))
        #expect(state.panes[2].text.isEmpty)
        #expect(state.panes[2].attempt == 2)
        state.update(.run(.workerChunk(worker: 2, attempt: 2, text: "new")))
        #expect(state.panes[2].text.source == "new")
    }

    @Test func aRetryStartsWithAnEmptyPaneAndFollowsTheNewText() {
        var state = Fixtures.state()
        Fixtures.stream(&state, worker: 0, text: "partial answer", finish: .timedOut, error: "timed out after 15 s")
        state.panes[0].scrollTop = 0
        state.update(.run(.workerStarted(worker: 0, attempt: 2)))
        #expect(state.panes[0].text.isEmpty)
        #expect(state.panes[0].scrollTop == nil)
        #expect(state.panes[0].status == .waiting)
        #expect(state.panes[0].finished == nil)
    }

    @Test func aggregationStreamsThenShowsTheRecordFromItsStart() {
        var state = Fixtures.state()
        for w in 0..<3 { Fixtures.stream(&state, worker: w, text: Fixtures.answers[w]) }
        state.update(.run(.aggregationStarted(strategy: .synthesize)))
        #expect(state.answer.phase == .merging(.synthesize, inputs: 3))
        #expect(state.isWorking)
        state.update(.run(.aggregationChunk(text: "Keep one ")))
        state.update(.run(.aggregationChunk(text: "service.")))
        #expect(state.answer.text.source == "Keep one service.")
        #expect(state.answer.scrollTop == nil)

        let record = Fixtures.aggregation(output: "Keep one service until it hurts.", inputs: [0, 1, 2])
        state.update(.run(.aggregationFinished(record: record)))
        #expect(state.answer.phase == .done(record))
        #expect(state.answer.text.source == "Keep one service until it hurts.")
        #expect(state.answer.scrollTop == 0)
        #expect(state.answer.savableOutput == "Keep one service until it hurts.")
        #expect(!state.isWorking)
    }

    @Test func aSupersededAggregationDoesNotReplaceTheNewerOne() {
        var state = Fixtures.state()
        for w in 0..<3 { Fixtures.stream(&state, worker: w, text: Fixtures.answers[w]) }
        state.update(.run(.aggregationStarted(strategy: .synthesize)))
        state.update(.run(.aggregationStarted(strategy: .concatenate)))
        let stale = Fixtures.aggregation(.synthesize, output: "stale", inputs: [0, 1, 2], fallback: true, error: "cancelled")
        state.update(.run(.aggregationFinished(record: stale)))
        #expect(state.answer.phase == .merging(.concatenate, inputs: 3))
        let fresh = Fixtures.aggregation(.concatenate, output: "fresh", inputs: [0, 1, 2])
        state.update(.run(.aggregationFinished(record: fresh)))
        #expect(state.answer.phase == .done(fresh))
        #expect(state.strategy == .concatenate)
    }

    @Test func fallbackJudgeVoteAndAutoExplainThemselvesInNotes() {
        var state = Fixtures.state()
        var fallback = Fixtures.aggregation(
            .synthesize, output: "a\n\nb", inputs: [0, 1], fallback: true,
            error: "synthesize failed (HTTP 500); showing the answers concatenated")
        fallback.warnings = [
            "fallback: synthesize failed (HTTP 500); showing the answers concatenated",
            "1 of 3 workers left out (worker 3 failed)",
        ]
        state.update(.run(.aggregationStarted(strategy: .synthesize)))
        state.update(.run(.aggregationFinished(record: fallback)))
        #expect(state.answer.notes == [
            .init(text: "fallback: synthesize failed (HTTP 500); showing the answers concatenated", role: .warning),
            .init(text: "1 of 3 workers left out (worker 3 failed)", role: .warning),
        ])

        var judge = Fixtures.aggregation(.judge, output: "b", inputs: [0, 1])
        judge.chosenWorker = 1
        judge.reason = "more complete"
        state.update(.run(.aggregationStarted(strategy: .judge)))
        state.update(.run(.aggregationFinished(record: judge)))
        #expect(state.answer.notes == [.init(text: "judge chose worker 2: more complete", role: .dimText)])

        var vote = Fixtures.aggregation(.vote, output: "paris", inputs: [0, 1, 2])
        vote.tally = Tally(groups: [.init(answer: "paris", display: "Paris", workers: [0, 2]), .init(answer: "lyon", display: "Lyon", workers: [1])])
        state.update(.run(.aggregationStarted(strategy: .vote)))
        state.update(.run(.aggregationFinished(record: vote)))
        #expect(state.answer.notes.map(\.text) == ["2 of 3 answers agree"])

        var auto = Fixtures.aggregation(.auto, output: "Paris", inputs: [0, 1, 2])
        auto.path = .vote
        auto.reason = "2 of 3 short answers agree (Paris): took the vote"
        state.update(.run(.aggregationStarted(strategy: .auto)))
        state.update(.run(.aggregationFinished(record: auto)))
        #expect(state.answer.notes.map(\.text) == ["2 of 3 short answers agree (Paris): took the vote"])
        #expect(Renderer.render(state).plainText.contains("Answer · auto → vote · 3 of 3 merged"))
    }

    @Test func aggregatorRetryVoidsTheStreamedTextAndSaysWhy() {
        var state = Fixtures.state()
        state.update(.run(.aggregationStarted(strategy: .synthesize)))
        state.update(.run(.aggregationChunk(text: "half an answ")))
        state.update(.run(.aggregationRetrying(model: "backup-model", reason: "HTTP 503")))
        #expect(state.answer.text.isEmpty)
        #expect(state.answer.notes == [.init(text: "aggregator failed (HTTP 503); trying backup-model", role: .warning)])
        state.update(.run(.aggregationChunk(text: "A whole answer.")))
        state.update(.run(.aggregationFinished(record: Fixtures.aggregation(.synthesize, output: "A whole answer.", inputs: [0, 1]))))
        #expect(state.answer.notes.isEmpty)
        #expect(state.answer.text.source == "A whole answer.")
    }

    @Test func aMergeThatDisagreesWithTheMajorityIsMarked() {
        var state = Fixtures.state()
        var record = Fixtures.aggregation(.synthesize, output: "Lyon", inputs: [0, 1, 2])
        record.disagreesWithMajority = true
        record.warnings = ["the merged answer (Lyon) differs from the majority: 2 of 3 workers say Paris"]
        state.update(.run(.aggregationStarted(strategy: .synthesize)))
        state.update(.run(.aggregationFinished(record: record)))
        let text = Renderer.render(state).plainText
        #expect(text.contains("differs from the majority"))
        #expect(text.contains("2 of 3 workers say Paris"))
    }

    @Test func aQuorumFailureShowsWhyInsteadOfAnAnswer() {
        var state = Fixtures.state()
        Fixtures.stream(&state, worker: 0, text: "fine")
        Fixtures.stream(&state, worker: 1, text: "", finish: .failed, error: "HTTP 500: boom")
        Fixtures.stream(&state, worker: 2, text: "", finish: .timedOut, error: "timed out after 15 s")
        var record = Fixtures.record(workers: 3)
        record.workers[0].attempts = [Fixtures.attempt(.succeeded, text: "fine")]
        record.workers[1].attempts = [Fixtures.attempt(.failed, error: "HTTP 500: boom")]
        record.workers[2].attempts = [Fixtures.attempt(.timedOut, error: "timed out after 15 s")]
        let failure = record.quorumFailure()!
        record.status = .failed
        record.failure = failure.kind
        record.error = failure.message
        state.update(.run(.runUpdated(record: record)))
        #expect(state.answer.phase == .failed(succeeded: 1, required: 2))
        #expect(state.answer.text.source.contains("Only 1 of 3 workers succeeded; 2 are needed"))
        #expect(state.answer.text.source.contains("worker 2: HTTP 500: boom"))
        #expect(state.answer.text.source.contains("worker 3: timed out after 15 s"))
        #expect(state.answer.savableOutput == nil)
    }

    @Test func runUpdatedCatchesUpOnMissedEvents() {
        var state = Fixtures.state()
        var record = Fixtures.record(workers: 3)
        for w in 0..<3 { record.workers[w].attempts = [Fixtures.attempt(.succeeded, text: Fixtures.answers[w])] }
        let aggregation = Fixtures.aggregation(.vote, output: "merged", inputs: [0, 1, 2])
        record.aggregations = [aggregation]
        record.status = .succeeded
        state.update(.run(.runUpdated(record: record)))
        #expect(state.panes.allSatisfy { $0.status == .succeeded })
        #expect(state.panes[1].text.source == Fixtures.answers[1])
        #expect(state.answer.phase == .done(aggregation))
        #expect(state.strategy == .vote)
        #expect(!state.isWorking)
    }

    @Test func controllerReturnedClearsRetryRequestsTheControllerTurnedDown() {
        var state = Fixtures.state()
        Fixtures.stream(&state, worker: 0, text: "", finish: .failed, error: "HTTP 500")
        state.selection = 0
        #expect(state.update(.key(.character("r"))) == [.retry(worker: 0)])
        #expect(state.panes[0].request == .retry)
        #expect(state.isWorking, "a requested retry counts as work, so q asks first")
        var record = Fixtures.record(workers: 3)
        record.workers[0].attempts = [Fixtures.attempt(.failed, error: "HTTP 500")]
        state.update(.controllerReturned(record, after: .retry(worker: 0)))
        #expect(state.panes[0].request == nil)
    }

    @Test func aReaggregationThatSentNoEventsStillEndsWhenTheCallReturns() {
        var state = ReducerKeyTests.finished()
        var record = Fixtures.record(workers: 3)
        for w in 0..<3 { record.workers[w].attempts = [Fixtures.attempt(.succeeded, text: Fixtures.answers[w])] }
        let first = Fixtures.aggregation(output: "merged answer", inputs: [0, 1, 2])
        record.aggregations = [first]
        record.status = .succeeded
        state.update(.key(.character("s")))
        state.update(.key(.character("s")))
        #expect(state.reaggregationsInFlight == 2)
        state.update(.controllerReturned(record, after: .reaggregate(.concatenate)))
        #expect(state.answer.isMerging, "the vote asked for after it is still coming")
        state.update(.controllerReturned(record, after: .reaggregate(.vote)))
        #expect(state.answer.phase == .done(first))
        #expect(state.strategy == .synthesize)
        #expect(!state.isWorking)
    }

    @Test func startReturningEndsTheStartingPhaseEvenWithNoEvents() {
        var state = Fixtures.state()
        #expect(state.runStarting)
        state.update(.controllerReturned(Fixtures.record(workers: 3), after: nil))
        #expect(!state.runStarting)
    }

    @Test func ticksMoveTimeAndExpireMessages() {
        var state = Fixtures.state()
        state.update(.tick(now: 500))
        state.update(.key(.character("y")))
        #expect(state.message?.text == "no answer to save yet")
        state.update(.tick(now: 500 + UIState.messageDuration - 1))
        #expect(state.message != nil)
        state.update(.tick(now: 500 + UIState.messageDuration))
        #expect(state.message == nil)
        state.update(.tick(now: 100))
        #expect(state.now == 500 + UIState.messageDuration, "time never goes back")
    }

    @Test func resizeRewrapsEveryPane() {
        var state = Fixtures.state(width: 120, height: 24)
        Fixtures.stream(&state, worker: 0, text: Fixtures.answers[0])
        let wide = state.panes[0].text.rowCount
        state.update(.resize(width: 40, height: 24))
        #expect(state.panes[0].text.width == 38)
        #expect(state.panes[0].text.rowCount == wide, "one column of panes at 40: same 38-cell width")
        state.update(.resize(width: 200, height: 60))
        #expect(state.panes[0].text.width == 200 / 3 + 1 - 2)
        #expect(state.panes[0].text.rowCount < wide)
        state.update(.resize(width: 0, height: 0))
        #expect(state.layout.tooSmall)
    }

    @Test func savedAndSaveFailedAreReported() {
        var state = Fixtures.state()
        state.update(.saved(path: "./chorus-answer-1.md"))
        #expect(state.savedPaths == ["./chorus-answer-1.md"])
        #expect(state.message?.text == "saved the answer to ./chorus-answer-1.md")
        state.update(.saveFailed("./x.md: Permission denied"))
        #expect(state.message?.role == .warning)
        #expect(state.message?.text.contains("Permission denied") == true)
    }

    @Test func aSignalLeavesAtOnceAndCancelsRunningWork() {
        var state = Fixtures.state()
        state.update(.run(.workerStarted(worker: 0, attempt: 1)))
        #expect(state.update(.terminate(signal: 15)) == [.cancelAll, .quit])
        #expect(state.hasQuit)
        #expect(state.quitWhileRunning)
    }

    @Test func reopenedSessionsShowEachPaneFromItsStartAndSelectTheAnswer() {
        var record = Fixtures.record(workers: 3)
        for w in 0..<3 { record.workers[w].attempts = [Fixtures.attempt(.succeeded, text: Fixtures.answers[w])] }
        record.workers[2].attempts = [Fixtures.attempt(.failed, error: "HTTP 500"), Fixtures.attempt(.succeeded, number: 2, text: "second try")]
        record.aggregations = [Fixtures.aggregation(output: "merged", inputs: [0, 1, 2])]
        record.status = .succeeded
        let state = UIState(record: record, width: 120, height: 24, reopened: true)
        #expect(!state.runStarting)
        #expect(!state.isWorking)
        #expect(state.panes[2].attempt == 2)
        #expect(state.panes[2].text.source == "second try")
        #expect(state.panes.allSatisfy { $0.scrollTop == 0 })
        #expect(state.selectsAnswer)
        #expect(state.answer.savableOutput == "merged")
    }
}
