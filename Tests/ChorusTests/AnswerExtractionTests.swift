import Chorus
import Testing

@Suite("Answer extraction and normalisation")
struct AnswerExtractionTests {
    @Test("final answer", arguments: [
        ("Paris", "Paris"),
        ("The answer is Paris.", "Paris"),
        ("Let me think. 3 + 4 = 7.\nThe answer is 7.", "7"),
        ("Final answer: 3.5 km", "3.5 km"),
        ("It is **Mount Everest**, the tallest.", "Mount Everest"),
        ("Some reasoning\n\nTokyo", "Tokyo"),
        ("  \"Berlin\"  ", "Berlin"),
        ("", ""),
    ])
    func finalAnswer(raw: String, expected: String) {
        #expect(AnswerExtraction.finalAnswer(raw) == expected)
    }

    @Test("normalise", arguments: [
        ("Paris", "paris"),
        ("The Eiffel Tower!", "eiffel tower"),
        ("twelve", "12"),
        ("twenty-one", "21"),
        ("one hundred and five", "105"),
        ("12.0", "12"),
        ("3.50", "3.5"),
        ("1,000", "1000"),
        ("-4", "-4"),
        ("A dog", "dog"),
        ("Well-known", "well known"),
        ("France's capital", "france capital"),
    ])
    func normalise(raw: String, expected: String) {
        #expect(AnswerExtraction.normalise(raw) == expected)
    }

    @Test("the tally groups equal answers and orders by size, then by first worker")
    func tally() {
        let answers = ["Lyon", "Paris", "paris.", "The answer is Paris", "Nice"].enumerated().map {
            Answer(worker: $0.offset, label: "\($0.offset + 1)", text: $0.element)
        }
        let tally = Vote.tally(answers)
        #expect(tally.groups.map(\.answer) == ["paris", "lyon", "nice"])
        #expect(tally.groups[0].workers == [1, 2, 3])
        #expect(tally.winner?.answer == "paris")
        #expect(tally.total == 5)
        #expect(tally.summary.hasPrefix("3 of 5 answers say: Paris (workers 2, 3, 4)"))
    }
}

@Suite("Answer keys: task words and units")
struct AnswerKeyTests {
    @Test("key", arguments: [
        ("The capital of France is Paris.", "What is the capital of France?", "paris"),
        ("Paris", "What is the capital of France?", "paris"),
        ("6 times 7 is 42", "What is 6 times 7?", "42"),
        ("42 apples", "How many apples?", "42"),
        ("12 km", "How far is it?", "12"),
        ("Apollo 11", "Which mission first landed people on the Moon?", "apollo 11"),
        ("7", "What is 49 divided by 7?", "7"),
        ("The tallest mountain in the world is Mount Everest, with a height of 8,849 m.", "What is the tallest mountain in the world?", "mount everest"),
        ("The capital of India is New Delhi, not Mumbai.", "What is the capital of India?", "new delhi"),
        ("Poland is the capital of Poland.", "What is the capital of Poland?", "poland is capital of poland"),
    ])
    func key(answer: String, task: String, expected: String) {
        #expect(AnswerExtraction.key(answer, task: task) == expected)
    }
}
