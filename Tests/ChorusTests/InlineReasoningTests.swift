@testable import Chorus
import Testing

/// `InlineReasoning`: reasoning written inline as `<think>…</think>` (servers without a
/// reasoning parser) is split off the answer however the stream cuts the tags.
@Suite struct InlineReasoningTests {
    /// Feeds `pieces`, then ends the stream; returns what came out, joined per kind.
    static func split(_ pieces: [String]) -> (reasoning: String, text: String) {
        var inline = InlineReasoning()
        var out: [ChatChunk] = []
        for piece in pieces { out += inline.feed(piece) }
        out += inline.finish()
        var reasoning = ""
        var text = ""
        for chunk in out {
            switch chunk {
            case .reasoning(let piece): reasoning += piece
            case .text(let piece): text += piece
            default: Issue.record("unexpected chunk \(chunk)")
            }
        }
        return (reasoning, text)
    }

    /// Every way of cutting `whole` into one, two and three pieces gives the same split.
    static func expectEveryCut(_ whole: String, reasoning: String, text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let characters = Array(whole)
        let n = characters.count
        func piece(_ a: Int, _ b: Int) -> String { String(characters[a..<b]) }
        var failures = 0
        for i in 0...n {
            for j in i...n {
                let got = split([piece(0, i), piece(i, j), piece(j, n)])
                if got.reasoning != reasoning || got.text != text {
                    failures += 1
                    if failures <= 3 {
                        Issue.record(
                            "cut at \(i), \(j): reasoning \(got.reasoning.debugDescription), text \(got.text.debugDescription)",
                            sourceLocation: sourceLocation)
                    }
                }
            }
        }
        #expect(failures == 0, "\(failures) cuts gave another split", sourceLocation: sourceLocation)
    }

    // Small input 6's answer: the tentative 381 stays in the reasoning.
    @Test func thinkingThenAnAnswer() {
        Self.expectEveryCut(
            "<think>\n... maybe the answer is 381? ... 340 + 51 = 391.\n</think>\n\n**391**",
            reasoning: "\n... maybe the answer is 381? ... 340 + 51 = 391.\n", text: "**391**")
    }

    @Test func whiteSpaceBeforeTheOpeningTag() {
        Self.expectEveryCut(" \n\t<think>a < b</think> yes", reasoning: "a < b", text: "yes")
    }

    @Test func aTagInTheMiddleOfAnAnswerStaysText() {
        let answer = "Wrap it as <think>x</think> in the template."
        Self.expectEveryCut(answer, reasoning: "", text: answer)
    }

    @Test func somethingThatOnlyStartsLikeTheTagIsText() {
        Self.expectEveryCut("<thin ice>", reasoning: "", text: "<thin ice>")
        Self.expectEveryCut("<", reasoning: "", text: "<")
        Self.expectEveryCut("  <th", reasoning: "", text: "  <th")
    }

    @Test func anUnclosedThinkAtTheEndOfTheStreamIsAllReasoning() {
        Self.expectEveryCut("<think>17*23 is 340 + 5", reasoning: "17*23 is 340 + 5", text: "")
        // Even a half-written closing tag: the stream ended while thinking.
        Self.expectEveryCut("<think>so </thi", reasoning: "so </thi", text: "")
    }

    @Test func aClosingTagLikeTextInsideTheThinkingStaysReasoning() {
        Self.expectEveryCut("<think>a </b> c </thin</think>d", reasoning: "a </b> c </thin", text: "d")
    }

    @Test func nothingAfterTheThinking() {
        Self.expectEveryCut("<think>x</think>\n\n", reasoning: "x", text: "")
    }

    @Test func anAnswerWithoutTagsPassesThroughAsItCame() {
        var inline = InlineReasoning()
        #expect(inline.feed("The") == [.text("The")])
        #expect(inline.feed(" answer") == [.text(" answer")])
        #expect(inline.finish() == [])
    }

    /// A chat template that opens the tag in the prompt: the model writes only `</think>`. Split
    /// once the whole text is known (the state machine does it when the stream ends).
    @Test func aLoneClosingTag() {
        let split = InlineReasoning.splitAtLoneClosingTag("17*23 = 391.\n</think>\n\n**391**")
        #expect(split?.reasoning == "17*23 = 391.\n")
        #expect(split?.answer == "**391**")
        #expect(InlineReasoning.splitAtLoneClosingTag("no tags here") == nil)
        // An answer that shows both tags is about tags, not reasoning.
        #expect(InlineReasoning.splitAtLoneClosingTag("use <think> and </think>") == nil)

        var machine = Worker.StateMachine(startedAt: .zero, timeout: .seconds(15), idleTimeout: .seconds(10))
        _ = machine.receivedText("maybe 381? no: 391\n</think>\n\n391", at: .seconds(1))
        _ = machine.receivedStop("stop")
        #expect(machine.streamFinished(at: .seconds(2))?.status == .succeeded)
        let record = machine.record(number: 1, base: 0)
        #expect(record.text == "391")
        #expect(record.reasoning == "maybe 381? no: 391\n")
    }

    /// With reasoning already in a field, a lone closing tag in the text is left alone.
    @Test func aLoneClosingTagAfterFieldReasoningIsText() {
        var machine = Worker.StateMachine(startedAt: .zero, timeout: .seconds(15), idleTimeout: .seconds(10))
        _ = machine.receivedReasoning("thought", at: .seconds(1))
        _ = machine.receivedText("a</think>b", at: .seconds(1))
        _ = machine.streamFinished(at: .seconds(2))
        #expect(machine.record(number: 1, base: 0).text == "a</think>b")
    }
}
