import Chorus

/// Whether an answer is right: its final answer, keyed the way the vote keys answers, equals an
/// accepted answer, or contains it as whole words when the final answer is short.
enum Grade {
    static func isCorrect(_ output: String?, accepted: [String], task: String) -> Bool {
        guard let output else { return false }
        let final = AnswerExtraction.finalAnswer(output)
        let key = AnswerExtraction.key(final, task: task)
        let words = AnswerExtraction.normalise(final).split(separator: " ").map(String.init)
        for answer in accepted {
            let target = AnswerExtraction.normalise(answer)
            if key == target { return true }
            let targetWords = target.split(separator: " ").map(String.init)
            if words.count <= 8, contains(words, targetWords) { return true }
        }
        return false
    }

    static func contains(_ words: [String], _ part: [String]) -> Bool {
        guard !part.isEmpty, part.count <= words.count else { return false }
        for start in 0...(words.count - part.count) where Array(words[start..<start + part.count]) == part { return true }
        return false
    }
}
