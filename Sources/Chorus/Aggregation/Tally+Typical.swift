/// Which of a group's answers names the group (`Tally.Group.display`).
///
/// The group's members all count as one answer, but wrote it differently: "PARIS!", "It is
/// Paris.", "Paris". The display was the first worker's, so a group read "PARIS" (found by a
/// trial) however the others wrote it. Now it is the form most members wrote (the extracted
/// final answers, hedging openers already dropped: `AnswerExtraction.displayed`), and among
/// forms written equally often the one written as a name is (upper and lower case letters:
/// "Paris", not "PARIS" or "paris"), then the first worker's.
extension Tally.Group {
    /// The most typical of `answers` (what each member said, in worker order); "" when empty.
    public static func typical(_ answers: [String]) -> String {
        var forms: [(text: String, count: Int)] = []
        for answer in answers {
            if let i = forms.firstIndex(where: { $0.text == answer }) {
                forms[i].count += 1
            } else {
                forms.append((answer, 1))
            }
        }
        var best: (text: String, count: Int)?
        for form in forms {
            guard let current = best else {
                best = form
                continue
            }
            if form.count > current.count || (form.count == current.count && mixedCase(form.text) && !mixedCase(current.text)) {
                best = form
            }
        }
        return best?.text ?? ""
    }

    /// Whether `text` has both upper and lower case letters, as a name is written.
    static func mixedCase(_ text: String) -> Bool {
        text.contains { $0.isUppercase } && text.contains { $0.isLowercase }
    }
}
