import Chorus
import ChorusTestSupport

/// A scripted judge that reads the prompt it was sent and names the number shown there for the
/// answer containing `text`, replying `{"best": k, "reason": reason}`. The judge shows the
/// answers shuffled and then reversed (`Judge.Ordering`), so a fixed "BEST: 2" means a different
/// worker in each pass; this judge picks by content, as a real one should.
func judgePicking(_ text: String, reason: String, clock: ManualClock) -> ScriptedModel {
    ScriptedModel(clock: clock) { request, _ in
        var prompt = request.messages.last?.content ?? ""
        if let agreement = prompt.range(of: "\n\nAgreement between the answers:") { prompt = String(prompt[..<agreement.lowerBound]) }
        let sections = prompt.components(separatedBy: "\n\nAnswer ").dropFirst()
        let k = sections.first { $0.contains(text) }.flatMap { Int($0.prefix { $0.isNumber }) } ?? 0
        return [.text(#"{"best": \#(k), "reason": "\#(reason)"}"#)]
    }
}
