@testable import Chorus
import Testing

/// How each stop reason counts (`StopReason`), and the reason a finished stream that does not
/// count gives (`Worker.StateMachine.problem`): it names what happened and what to do.
@Suite struct StopReasonTests {
    typealias Machine = Worker.StateMachine

    static func problem(text: String = "", reasoning: String = "", stop: String?, maxTokens: Int? = nil) -> String? {
        Machine.problem(text: text, reasoning: reasoning, stop: stop.map(StopReason.init), maxTokens: maxTokens)
    }

    @Test func onlyReasoningCutAtTheLimitSaysWhatToRaise() {
        #expect(
            Self.problem(reasoning: "340 + 5", stop: "length", maxTokens: 64)
                == "only reasoning, no answer: stopped at max tokens (64) (stop reason length) while thinking; raise --max-tokens or lower --reasoning-effort")
        let anthropic = Self.problem(reasoning: "340 + 5", stop: "max_tokens", maxTokens: nil)
        #expect(anthropic?.hasPrefix("only reasoning, no answer: stopped at the provider's token limit (stop reason max_tokens)") == true)
        #expect(anthropic?.contains("raise --max-tokens (set one above the model's default)") == true)
        #expect(anthropic?.contains("empty answer") == false)
    }

    @Test func onlyReasoningWithoutALimitSaysSo() {
        let reason = Self.problem(reasoning: "hmm", stop: "stop")
        #expect(reason?.hasPrefix("only reasoning, no answer (stop reason stop)") == true)
        #expect(Self.problem(reasoning: "hmm", stop: nil)?.hasPrefix("only reasoning, no answer;") == true)
    }

    @Test(arguments: ["content_filter", "safety", "recitation"]) func aContentFilterFailsEvenWithText(word: String) {
        let reason = Self.problem(text: "The first half of", stop: word)
        #expect(reason?.hasPrefix("stopped by the provider's content filter (stop reason \(word))") == true)
        #expect(reason?.contains("not merged") == true)
    }

    @Test func aRefusalFails() {
        #expect(Self.problem(text: "I can't help with that.", stop: "refusal") == "the model refused to answer (stop reason refusal)")
        #expect(Self.problem(stop: "refusal") == "the model refused to answer (stop reason refusal)")
    }

    @Test(arguments: ["length", "max_tokens", "stop", "end_turn", "stop_sequence", "pause_turn", "tool_calls", "tool_use"])
    func anAnswerWithTextCounts(word: String) {
        #expect(Self.problem(text: "340 + 5", reasoning: "x", stop: word, maxTokens: 64) == nil)
    }

    @Test func toolCallsWithoutTextFail() {
        #expect(Self.problem(stop: "tool_calls")?.contains("Chorus offers no tools") == true)
    }

    @Test func anEmptyAnswerNamesAStopThatIsNotWhole() {
        #expect(Self.problem(stop: "stop") == "the model returned an empty answer")
        #expect(Self.problem(stop: nil) == "the model returned an empty answer")
        #expect(Self.problem(text: " \n", stop: "length") == "the model returned an empty answer (stop reason length)")
    }

    /// The machine applies the rule: a cut answer succeeds and its record carries the mark.
    @Test(arguments: [
        ("stop", AttemptStatus.succeeded, nil), ("end_turn", .succeeded, nil),
        ("length", .succeeded, "cut at max tokens"), ("max_tokens", .succeeded, "cut at max tokens"),
        ("content_filter", .failed, "stopped by the provider's content filter"), ("refusal", .failed, "refused"),
        ("tool_calls", .succeeded, "stopped to call a tool"), ("pause_turn", .succeeded, "stopped: pause_turn"),
    ] as [(String, AttemptStatus, String?)])
    func theMachineRecordsTheStopAndItsMark(word: String, status: AttemptStatus, mark: String?) {
        var machine = Machine(startedAt: .zero, timeout: .seconds(15), idleTimeout: .seconds(10), maxTokens: 64)
        _ = machine.receivedText("340 + 5", at: .seconds(1))
        _ = machine.receivedStop(word)
        #expect(machine.streamFinished(at: .seconds(2))?.status == status)
        let record = machine.record(number: 1, base: 0)
        #expect(record.stopReason == word)
        #expect(record.stopMark == mark)
        #expect(record.text == "340 + 5")  // kept in the record even when it does not count
    }

    @Test func theKindsAndMarks() {
        #expect(StopReason("STOP").kind == .complete)
        #expect(StopReason("model_length").kind == .length)
        #expect(StopReason("end_turn").isWhole)
        #expect(!StopReason("length").isWhole)
        #expect(StopReason("something_new").mark == "stopped: something_new")
    }
}
