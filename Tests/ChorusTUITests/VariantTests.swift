import Chorus
import Testing
@testable import ChorusTUI

/// Variant reruns in the UI (README "Variant reruns"): the form `v` opens, the tabs in a pane's
/// title, `<`/`>` and `m`, and `r` inside a variant, through the reducer and as frames.
@Suite struct VariantTests {
    /// Three workers answered and merged; the controller's record to match.
    static func finished(width: Int = 120, height: Int = 24) -> (UIState, RunRecord) {
        var state = ReducerKeyTests.finished(width: width, height: height)
        var record = Fixtures.record(workers: 3)
        for w in 0..<3 { record.workers[w].attempts = [Fixtures.attempt(.succeeded, text: Fixtures.answers[w], tokens: 96)] }
        record.aggregations = [Fixtures.aggregation(output: "merged answer", inputs: [0, 1, 2])]
        record.status = .succeeded
        state.update(.run(.runUpdated(record: record)))
        return (state, record)
    }

    /// `finished`, then worker 2 (index 1) rerun on "bigger" at temperature 0 as the controller
    /// does it: the record with the new variant, the attempt's events, then the record with it
    /// chosen and merged again (or not chosen, when `status` is not success).
    static func rerun(status: AttemptStatus = .succeeded, width: Int = 120, height: Int = 24) -> (UIState, RunRecord) {
        var (state, record) = finished(width: width, height: height)
        var spec = record.workers[1].spec
        spec.model = ModelChoice(provider: "openai", model: "bigger")
        spec.temperature = 0
        record.workers[1].variants.append(WorkerVariant(spec: spec))
        state.update(.run(.runUpdated(record: record)))
        let text = status == .succeeded ? "A second opinion from a bigger model: keep one service." : ""
        Fixtures.stream(&state, worker: 1, text: text, finish: status, error: status == .succeeded ? nil : "HTTP 502")
        record.workers[1].variants[1].attempts = [
            Fixtures.attempt(status, text: text, error: status == .succeeded ? nil : "HTTP 502", tokens: 40)
        ]
        if status == .succeeded {
            record.workers[1].chosen = 1
            record.aggregations.append(Fixtures.aggregation(output: "merged again", inputs: [0, 1, 2]))
        }
        state.update(.run(.runUpdated(record: record)))
        return (state, record)
    }

    // MARK: - The form

    @Test func vOpensTheFormWithTheShownValuesAndEnterSendsOnlyWhatChanged() {
        var (state, _) = Self.finished()
        state.selection = 1
        #expect(state.update(.key(.character("v"))) == [])
        let form = try! #require(state.variantForm)
        #expect(form.worker == 1)
        #expect(form.text(.model) == "smollm2")
        #expect(form.text(.provider) == "openai")
        #expect(form.text(.temperature) == Format.temperature(state.panes[1].spec.temperature))
        #expect(form.text(.focus) == "risk")
        #expect(form.text(.maxTokens) == "")
        // Model: cut the line (Backspace x7), type a new one; Tab to the temperature, set 0.
        for _ in 0..<7 { state.update(.key(.backspace)) }
        for c in "bigger" { state.update(.key(.character(c))) }
        state.update(.key(.tab))
        state.update(.key(.tab))
        for _ in 0..<4 { state.update(.key(.backspace)) }
        state.update(.key(.character("0")))
        // Keys that act elsewhere are text here: q does not quit.
        state.update(.key(.tab))
        state.update(.key(.tab))
        state.update(.key(.paste("800")))
        #expect(!state.hasQuit)
        let commands = state.update(.key(.enter))
        #expect(commands == [.rerun(worker: 1, change: VariantChange(model: "bigger", temperature: 0, maxTokens: .some(800)))])
        #expect(state.variantForm == nil)
        #expect(state.panes[1].request == .retry)
        #expect(state.message?.text == "rerunning worker 2 as variant 2…")
        #expect(state.isWorking)
    }

    @Test func escClosesTheFormAndNothingRuns() {
        var (state, _) = Self.finished()
        state.update(.key(.character("v")))
        state.update(.key(.character("q")))
        #expect(state.update(.key(.escape)) == [])
        #expect(state.variantForm == nil)
        #expect(!state.hasQuit)
        #expect(state.message?.text == "variant form closed; nothing runs")
    }

    @Test(arguments: [
        (VariantForm.Field.temperature, "3", "temperature \"3\" is not a number from 0 to 2"),
        (.temperature, "warm", "temperature \"warm\" is not a number from 0 to 2"),
        (.maxTokens, "-5", "max tokens \"-5\" is not a whole number above 0; clear it for no limit"),
        (.model, "", "model is empty; type a model name"),
    ])
    func aBadFieldKeepsTheFormOpenWithOneLine(field: VariantForm.Field, value: String, problem: String) {
        var (state, _) = Self.finished()
        state.update(.key(.character("v")))
        for _ in 0..<field.rawValue { state.update(.key(.tab)) }
        for _ in 0..<20 { state.update(.key(.backspace)) }
        if !value.isEmpty { state.update(.key(.paste(value))) }
        #expect(state.update(.key(.enter)) == [])
        #expect(state.variantForm?.problem == problem)
        #expect(Renderer.render(state).plainText.contains(problem))
    }

    @Test func enterWithNothingChangedSaysSo() {
        var (state, _) = Self.finished()
        state.update(.key(.character("v")))
        #expect(state.update(.key(.enter)) == [])
        #expect(state.variantForm?.problem == "nothing changed; edit a field (Tab moves), then Enter")
    }

    @Test func clearingTheFocusRemovesItAndNoneLiftsTheLimit() {
        var form = VariantForm(worker: 0, spec: Fixtures.record(workers: 1).workers[0].spec)
        form.focused = .focus
        for _ in 0..<10 { _ = form.handle(.backspace) }
        #expect(form.change() == .success(VariantChange(focus: "")))
        form.focused = .maxTokens
        _ = form.handle(.paste("none"))
        #expect(form.change() == .success(VariantChange(focus: "", maxTokens: .some(nil))))
    }

    @Test func vOnTheAnswerOrARunningWorkerSaysWhatToDo() {
        var (state, _) = Self.finished()
        state.selection = state.panes.count
        state.update(.key(.character("v")))
        #expect(state.variantForm == nil)
        #expect(state.message?.text == "select a worker's pane first (←/→); v reruns it with another model or settings")
        var running = Fixtures.state()
        running.update(.run(.workerStarted(worker: 0, attempt: 1)))
        running.update(.key(.character("v")))
        #expect(running.variantForm == nil)
        #expect(running.message?.text == "worker 1 is running; v reruns it once it has ended")
    }

    @Test func rOnAFinishedWorkerPointsToTheVariantRerun() {
        var (state, _) = Self.finished()
        #expect(state.update(.key(.character("r"))) == [])
        #expect(state.message?.text == "worker 1 finished with an answer; v reruns it as a variant (another model or settings), kept next to this one")
    }

    @Test func aRefusedRerunClearsTheRequestAndSaysWhy() {
        var (state, _) = Self.finished()
        state.selection = 1
        state.update(.key(.character("v")))
        state.update(.key(.character("x")))
        #expect(state.update(.key(.enter)).count == 1)
        state.update(.rerunRefused(worker: 1, reason: "provider 'x': no such provider"))
        #expect(state.panes[1].request == nil)
        #expect(!state.isWorking)
        #expect(state.message?.text == "worker 2 not rerun: provider 'x': no such provider")
    }

    // MARK: - Tabs, switching, choosing

    @Test func aNewVariantShowsItselfAndBecomesTheMergedTab() {
        let (state, _) = Self.rerun()
        let pane = state.panes[1]
        #expect(pane.variantCount == 2)
        #expect(pane.shownVariant == 1)
        #expect(pane.chosenVariant == 1)
        #expect(pane.spec.model.model == "bigger")
        #expect(pane.text.source == "A second opinion from a bigger model: keep one service.")
        let frame = Renderer.render(state).plainText
        #expect(frame.contains("2 risk · v1 · [v2✓] · t 0.00 · bigg"))
        #expect(state.answer.text.source == "merged again")
    }

    @Test func anglesSwitchTheShownVariantFromTheRecord() {
        var (state, _) = Self.rerun()
        state.selection = 1
        state.update(.key(.character("<")))
        #expect(state.panes[1].shownVariant == 0)
        #expect(state.panes[1].spec.model.model == "smollm2")
        #expect(state.panes[1].text.source == Fixtures.answers[1])
        #expect(Renderer.render(state).plainText.contains("2 risk · [v1] · v2✓ · t 0.60 · smol"))
        state.update(.key(.character(">")))
        #expect(state.panes[1].shownVariant == 1)
        state.update(.key(.character(">")))
        #expect(state.panes[1].shownVariant == 0, "wraps around")
        // A worker with one variant says how to make a second.
        state.selection = 0
        state.update(.key(.character(">")))
        #expect(state.message?.text == "worker 1 has one variant; v reruns it with other settings as a second")
    }

    @Test func mChoosesTheShownVariantAndMergesAgainWithoutRerunning() {
        var (state, record) = Self.rerun()
        state.selection = 1
        #expect(state.update(.key(.character("m"))) == [])
        #expect(state.message?.text == "variant 2 of worker 2 is the one merged already")
        state.update(.key(.character("<")))
        #expect(state.update(.key(.character("m"))) == [.chooseVariant(worker: 1, variant: 0)])
        #expect(state.panes[1].chosenVariant == 0)
        #expect(state.answer.isMerging)
        // The controller's answer: the original chosen, merged again.
        record.workers[1].chosen = 0
        record.aggregations.append(Fixtures.aggregation(output: "merged with the original", inputs: [0, 1, 2]))
        state.update(.controllerReturned(record, after: .chooseVariant(worker: 1, variant: 0)))
        #expect(state.answer.text.source == "merged with the original")
        #expect(!state.answer.isMerging)
        #expect(Renderer.render(state).plainText.contains("2 risk · [v1✓] · v2 · t 0.60 · smol"))
    }

    @Test func aFailedVariantIsNotMergedAndRRetriesThatVariant() {
        var (state, _) = Self.rerun(status: .failed)
        state.selection = 1
        #expect(state.panes[1].shownVariant == 1)
        #expect(state.panes[1].chosenVariant == 0)
        #expect(state.update(.key(.character("m"))) == [])
        #expect(state.message?.text == "variant 2 of worker 2 has no answer to merge; r retries it")
        #expect(state.update(.key(.character("r"))) == [.retryVariant(worker: 1, variant: 1)])
    }

    @Test func aReopenedSessionShowsTheChosenVariant() {
        let (_, record) = Self.rerun()
        var chosenOriginal = record
        chosenOriginal.workers[1].chosen = 0
        let state = UIState(record: chosenOriginal, width: 120, height: 24, reopened: true)
        #expect(state.panes[1].shownVariant == 0)
        #expect(state.panes[1].text.source == Fixtures.answers[1])
        #expect(state.panes[1].variantCount == 2)
    }

    @Test func helpAndKeyLineListTheVariantKeys() {
        #expect(UIState.keyHelp.contains { $0.keys == "v / < > / m" })
        // The rarest keys: shown where the line has room (follow-up, diff and copy compete).
        var (one, _) = Self.finished()
        one.update(.resize(width: 200, height: 24))
        #expect(Renderer.render(one).plainText.contains("v variant"))
        var (two, _) = Self.rerun()
        two.update(.resize(width: 200, height: 24))
        two.selection = 1
        #expect(Renderer.render(two).plainText.contains("v < > m variants"))
    }

    // MARK: - Frames

    @Test func formFrame() {
        var (state, _) = Self.finished(width: 80, height: 24)
        state.selection = 1
        state.update(.key(.character("v")))
        state.update(.key(.tab))
        state.update(.key(.paste("x")))
        Snapshot.check(Renderer.render(state), named: "variant-form-80x24")
    }

    @Test func tabsFrame() {
        let (state, _) = Self.rerun(width: 120, height: 24)
        Snapshot.check(Renderer.render(state), named: "variant-tabs-120x24")
    }
}

extension VariantTests {
    @Test func pOnAVariantThatIsNotMergedPointsToTheMergedOne() {
        var (state, _) = Self.rerun(status: .failed)
        state.selection = 1
        #expect(state.update(.key(.character("p"))) == [])
        #expect(state.message?.text == "p accepts the merged variant's partial answer; < or > shows variant 1, the merged one")
    }
}
