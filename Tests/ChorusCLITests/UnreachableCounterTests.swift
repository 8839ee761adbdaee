import Chorus
import ChorusTestSupport
import Testing

@testable import ChorusCLI

@Suite struct UnreachableCounterTests {
    struct Refused: Error {}

    @Test func countsOnlyUnreachableFailuresAndPassesEverythingThrough() async throws {
        let counter = UnreachableCounter { $0 is Refused }
        let refused = counter.observing(ScriptedModelFailing(error: Refused()))
        let other = counter.observing(ScriptedModelFailing(error: CancellationError()))
        let fine = counter.observing(InstantModel(answer: "ok"))
        var text = ""
        for try await chunk in fine.stream(ChatRequest(messages: [.user("q")], temperature: 0, model: "m")) {
            if case .text(let t) = chunk { text += t }
        }
        #expect(text == "ok")
        await #expect(throws: Refused.self) { for try await _ in refused.stream(ChatRequest(messages: [], temperature: 0, model: "m")) {} }
        await #expect(throws: CancellationError.self) { for try await _ in other.stream(ChatRequest(messages: [], temperature: 0, model: "m")) {} }
        #expect(counter.value == 1)
    }
}
