import Chorus
import ChorusTestSupport
import Foundation
import Testing

@testable import ChorusCLI

/// `chorus run --continue SESSION "follow-up"` (issue 17): the next turn of a saved session,
/// appended to the same file; `--continue last`; what each mode sends; `--json`, `sessions` and
/// `export` over a conversation; the one-line refusals.
@Suite struct ContinueCommandTests {
    /// Worker N (focus "wN") answers "wN on <its last user message>"; the aggregator "merged <k>".
    struct Models {
        let workers: ScriptedModel
        let aggregator: ScriptedModel
        var factory: ModelFactory {
            let workers = self.workers, aggregator = self.aggregator
            return { choice in choice.model == "agg" ? aggregator : workers }
        }

        init() {
            workers = ScriptedModel(clock: ContinuousClock()) { request, _ in
                let n = Scripts.workerNumber(request) ?? 0
                return [.text("w\(n) on \(request.messages.last?.content ?? "")")]
            }
            aggregator = ScriptedModel(clock: ContinuousClock()) { _, call in [.text("merged \(call + 1)")] }
        }

        /// The requests worker `n` sent, oldest first.
        func sent(by n: Int) -> [[ChatMessage]] {
            workers.requests.filter { Scripts.workerNumber($0) == n }.map { $0.messages.filter { $0.role != .system } }
        }
    }

    func firstRun(_ models: Models) async throws -> (Harness, String) {
        var h = Harness()
        h.models = models.factory
        let file = h.home.path + "/talk.json"
        #expect(await h.run(["run", "Q1"] + Scripts.focusFlags + ["--save", file]) == 0, "\(h.err.text)")
        return (h, file)
    }

    @Test func continueAppendsTheTurnToTheSameFileWithEachWorkersOwnAnswer() async throws {
        let models = Models()
        let (h, file) = try await firstRun(models)
        var next = Harness.rerun(h, models: models.factory)
        next.models = models.factory
        #expect(await next.run(["run", "--continue", file, "Q2"]) == 0, "\(next.err.text)")
        #expect(next.out.text == "merged 2\n")
        for n in 1...3 {
            #expect(models.sent(by: n)[1] == [.user("Q1"), .assistant("w\(n) on Q1"), .user("Q2")])
        }
        let conversation = try SessionStore.loadConversation(file)
        #expect(conversation.turns.map(\.task) == ["Q1", "Q2"])
        #expect(conversation.turns.map(\.output) == ["merged 1", "merged 2"])
        #expect(conversation.latest.followUp == .own)
        // Nothing new in the sessions folder beyond the first run's autosave: the file grew instead.
        #expect(h.savedSessions().count == 1)
    }

    @Test func sharedModeSendsTheMergedAnswerAndJSONPrintsTheConversation() async throws {
        let models = Models()
        let (h, file) = try await firstRun(models)
        let next = Harness.rerun(h, models: models.factory)
        #expect(await next.run(["run", "--continue", file, "Q2", "--follow-up", "shared", "--json"]) == 0, "\(next.err.text)")
        for n in 1...3 {
            #expect(models.sent(by: n)[1] == [.user("Q1"), .assistant("merged 1"), .user("Q2")])
        }
        let json = try #require(decode(next.out.text))
        #expect(json["task"] as? String == "Q2")
        #expect(json["output"] as? String == "merged 2")
        #expect(json["turn"] as? Int == 2)
        #expect(json["follow_up"] as? String == "shared")
        #expect((json["earlier_turns"] as? [[String: Any]])?.map { $0["task"] as? String } == ["Q1"])
    }

    @Test func continueLastTakesTheNewestSessionAndSessionsCountsTurns() async throws {
        let models = Models()
        var h = Harness()
        h.models = models.factory
        #expect(await h.run(["run", "Q1"] + Scripts.focusFlags) == 0, "\(h.err.text)")
        let saved = try #require(h.savedSessions().first)
        let next = Harness.rerun(h, models: models.factory)
        #expect(await next.run(["run", "--continue", "last", "Q2"]) == 0, "\(next.err.text)")
        let third = Harness.rerun(h, models: models.factory)
        #expect(await third.run(["run", "--continue", "last", "Q3"]) == 0, "\(third.err.text)")
        #expect(h.savedSessions() == [saved])
        let conversation = try SessionStore.loadConversation(h.sessionsDirectory + "/" + saved)
        #expect(conversation.turns.map(\.task) == ["Q1", "Q2", "Q3"])
        #expect(models.sent(by: 2)[2] == [.user("Q1"), .assistant("w2 on Q1"), .user("Q2"), .assistant("w2 on Q2"), .user("Q3")])

        let list = Harness.rerun(h)
        #expect(await list.run(["sessions"]) == 0)
        #expect(list.out.text.contains("answered · synthesize · 3/3 ok · 3 turns  Q1"), "\(list.out.text)")

        let export = Harness.rerun(h)
        #expect(await export.run(["export", "--last"]) == 0, "\(export.err.text)")
        let report = export.out.text
        let order = ["# Turn 1 of 3", "merged 1", "# Turn 2 of 3", "merged 2", "# Turn 3 of 3", "merged 3"].map {
            report.range(of: $0)?.lowerBound
        }
        #expect(!order.contains(nil), "\(report)")
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
    }

    @Test func refusalsAreOneLine() async throws {
        let models = Models()
        let (h, file) = try await firstRun(models)
        let changed = Harness.rerun(h, models: models.factory)
        #expect(await changed.run(["run", "--continue", file, "Q2", "--workers", "5"]) == 64)
        #expect(changed.err.text == "chorus: --continue keeps the session's workers and aggregator; drop --workers (or start a new run with it)\n")

        let missing = Harness.rerun(h, models: models.factory)
        #expect(await missing.run(["run", "--continue", h.home.path + "/nope.json", "Q2"]) == 64)
        #expect(missing.err.text.contains("nope.json: no such session file"))

        let badMode = Harness.rerun(h, models: models.factory)
        #expect(await badMode.run(["run", "--continue", file, "Q2", "--follow-up", "both"]) == 64)
        #expect(badMode.err.text.contains("unknown follow-up mode; use own or shared"), "\(badMode.err.text)")

        // A session without an answer: nothing to follow up on, no model call.
        var failed = Records.record([.failed, .failed, .failed])
        failed.task = "Q1"
        let failedFile = h.home.path + "/failed.json"
        try SessionStore.save(failed, to: failedFile)
        let before = models.workers.calls
        let refused = Harness.rerun(h, models: models.factory)
        #expect(await refused.run(["run", "--continue", failedFile, "Q2"]) == 64)
        #expect(refused.err.text.hasPrefix("chorus: --continue \(failedFile): turn 1 has no answer"), "\(refused.err.text)")
        #expect(models.workers.calls == before)
    }
}
