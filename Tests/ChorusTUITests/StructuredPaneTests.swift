import Chorus
import Foundation
import Testing
@testable import ChorusTUI

/// Issue 18 (a new user's findings), in the panes of a `--schema` run: a schema stepped down to
/// another form names that form (never "schema n/a", which read as "no schema enforced"), and a
/// partial answer is marked but never offered to `p`, which says why in one line.
@Suite struct StructuredPaneTests {
    static let schema = try! StructuredSchema(concise: "label: a|b")

    static func state(schema: StructuredSchema? = StructuredPaneTests.schema) -> UIState {
        var plan = Plan(task: "t", workerCount: 2, focusAreas: [], model: Fixtures.model)
        for i in plan.workers.indices { plan.workers[i].schema = schema }
        return UIState(record: RunRecord(plan: plan, startedAt: Fixtures.startedAt), width: 100, height: 30)
    }

    static func finished(_ status: AttemptStatus, text: String, notApplied: [String] = []) -> AttemptRecord {
        var attempt = AttemptRecord(number: 1, status: status, text: text, error: status == .succeeded ? nil : "stalled", startedMs: 0, elapsedMs: 100)
        attempt.notApplied = notApplied
        return attempt
    }

    static let jsonObjectNote =
        "schema: the server refused response_format json_schema (Input should be 'text' or 'json_object'); sent as response_format json_object with the schema (llama-cpp-python's form) and the schema in the prompt"
    static let promptNote =
        "schema: the server refused response_format json_object (unsupported); sent without response_format: the schema is an instruction in the prompt and the JSON is read from the answer text"

    @Test func aSchemaSentAsJSONObjectNamesTheFormNotNA() {
        var state = Self.state()
        state.panes[0].progress.finished = Self.finished(.succeeded, text: #"{"label":"a"}"#, notApplied: [Self.jsonObjectNote])
        let marks = Renderer.marks(state.panes[0]).map(\.text)
        #expect(marks.contains("schema: json_object"))
        #expect(!marks.contains { $0.contains("n/a") })
        #expect(Renderer.marks(state.panes[0]).first { $0.text == "schema: json_object" }?.role == .dimText)
    }

    @Test func aSchemaThatFellToThePromptSaysPromptAsAWarning() {
        var state = Self.state()
        state.panes[0].progress.finished = Self.finished(
            .succeeded, text: #"{"label":"a"}"#, notApplied: [Self.jsonObjectNote, Self.promptNote])
        let part = Renderer.marks(state.panes[0]).first { $0.text.hasPrefix("schema") }
        #expect(part?.text == "schema: prompt")
        #expect(part?.role == .warning)
        // The Anthropic wire's step down reads the same way.
        var anthropic = Self.finished(.succeeded, text: "{}")
        anthropic.notApplied = ["schema: the server refused the schema's tool (no tools); sent without the tool: the schema is an instruction in the prompt and the JSON is read from the answer text"]
        #expect(anthropic.schemaForm == .prompt)
        #expect(Self.finished(.succeeded, text: "{}").schemaForm == nil)
    }

    @Test func otherRefusedSettingsStillReadNA() {
        var state = Self.state()
        state.panes[0].progress.finished = Self.finished(
            .succeeded, text: "{}", notApplied: ["seed: the server refused it", Self.jsonObjectNote])
        let texts = Renderer.marks(state.panes[0]).map(\.text)
        #expect(texts.contains("seed n/a"))
        #expect(texts.contains("schema: json_object"))
    }

    @Test func aPartialAnswerInASchemaRunIsMarkedButPDoesNotTakeIt() {
        var state = Self.state()
        state.panes[0].progress.finished = Self.finished(.timedOut, text: #"{"label":"#)
        let mark = Renderer.partialMark(state.panes[0]).map(\.text).joined()
        #expect(mark == " · partial")
        state.selection = 0
        #expect(state.acceptPartialSelected() == [])
        #expect(state.message?.text == "worker 1's partial answer cannot be checked against the schema, so it cannot be merged; r retries it")
        #expect(state.panes[0].progress.finished?.acceptedPartial == false)

        // Without a schema the same pane offers p.
        var free = Self.state(schema: nil)
        free.panes[0].progress.finished = Self.finished(.timedOut, text: "The capital is Par")
        #expect(Renderer.partialMark(free.panes[0]).map(\.text).joined() == " · partial · p accept")
    }

    @Test func anAnswerThatFailedTheSchemaIsNotPartial() {
        var state = Self.state()
        var attempt = Self.finished(.failed, text: #"{"label":"c"}"#)
        attempt.schemaInvalid = true
        state.panes[0].progress.finished = attempt
        #expect(Renderer.partialMark(state.panes[0]).isEmpty)
        state.selection = 0
        #expect(state.acceptPartialSelected() == [])
        #expect(state.message?.text.contains("no partial answer") == true)
    }
}
