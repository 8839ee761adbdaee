import ChorusTestSupport
import Foundation
import Testing

/// `chorus run --continue` as built, against the fake server over real HTTP (issue 17): the
/// journal's request bodies show what each worker's follow-up request carried as its assistant
/// turns, in each mode, and the session file grows by one turn each time.
@Suite(.serialized) struct FollowUpBinaryTests {
    let home = TemporaryHome()

    /// The chat messages (role, content) of every worker request whose last user message is
    /// `message` (the aggregator's requests are left out: its model is "agg").
    func sent(_ journal: [String: Any], asking message: String) -> [[[String]]] {
        let requests = journal["requests"] as? [[String: Any]] ?? []
        return requests.compactMap { request -> [[String]]? in
            guard request["model"] as? String != "agg", let body = request["body"] as? String,
                let json = jsonObject(body), let messages = json["messages"] as? [[String: Any]],
                messages.last?["content"] as? String == message
            else { return nil }
            return messages.map { [$0["role"] as? String ?? "", $0["content"] as? String ?? ""] }
        }
    }

    @Test func continueSendsOwnThenSharedAssistantTurnsAndAppends() async throws {
        let server = try FakeServerProcess()
        let file = home.path + "/talk.json"
        // Every worker answers "first" (model "say=first"); the aggregator ("agg", no directive)
        // answers the server's default text, so "first" in an assistant turn is a worker's own.
        let first = try await runChorus(
            ["run", "Q1", "--model", "say=first", "--workers", "2", "--focus", "cost", "--focus", "risk", "--strategy", "synthesize",
             "--aggregator-model", "agg", "--base-url", server.baseURL, "--save", file],
            home: home.path)
        #expect(first.status == 0, "\(first.stderr)")

        let second = try await runChorus(["run", "--continue", file, "Q2"], home: home.path)
        #expect(second.status == 0, "\(second.stderr)")
        let own = sent(try await server.journal(), asking: "Q2")
        #expect(own.count == 2)
        for messages in own {
            #expect(messages.map { $0[0] } == ["system", "user", "assistant", "user"])
            #expect(messages[1] == ["user", "Q1"])
            #expect(messages[2] == ["assistant", "first"], "each worker's own turn-1 text")
        }

        let third = try await runChorus(["run", "--continue", "last", "Q3", "--follow-up", "shared"], home: home.path)
        #expect(third.status == 0, "\(third.stderr)")
        // `last` is the newest autosave: the first run's, which --continue file did not touch.
        let shared = sent(try await server.journal(), asking: "Q3")
        #expect(shared.count == 2)
        let autosaved = try #require(
            try FileManager.default.contentsOfDirectory(atPath: home.path + "/.local/state/chorus/sessions").first { $0.hasSuffix(".json") })
        let firstAnswer = try #require(
            jsonObject(try String(contentsOfFile: home.path + "/.local/state/chorus/sessions/" + autosaved, encoding: .utf8)))
        let turns = try #require(firstAnswer["earlier_turns"] as? [[String: Any]])
        #expect(turns.count == 1)
        let turnOneOutput = try #require(turns[0]["output"] as? String)
        for messages in shared {
            #expect(messages.map { $0[0] } == ["system", "user", "assistant", "user"])
            #expect(messages[2] == ["assistant", turnOneOutput], "the merged answer of turn 1")
            #expect(turnOneOutput != "first")
        }
        let saved = try #require(jsonObject(try String(contentsOfFile: file, encoding: .utf8)))
        #expect(saved["turn"] as? Int == 2)
        #expect(saved["task"] as? String == "Q2")
    }
}
