import Chorus
import Foundation
import Testing

/// Issue 15: the grouping rules. Numbers and short answers are grouped by their final answer,
/// never by shared words; a trailing full stop or a unit does not split a group; an answer that
/// names two candidates is its own group, marked; a paragraph joins the short answers it agrees
/// with; long answers with no key words agree with nothing.
@Suite("Tally grouping rules")
struct TallyGroupingTests {
    static func answers(_ texts: [String]) -> [Answer] {
        texts.enumerated().map { Answer(worker: $0.offset, label: String($0.offset + 1), text: $0.element) }
    }

    static func groups(_ texts: [String], task: String, strategy: StrategyName? = nil) -> [[Int]] {
        AggregationInput(task: task, answers: answers(texts), strategy: strategy).tally.groups.map(\.workers)
    }

    @Test("units and a trailing full stop: one group")
    func units() {
        let task = "How tall is Mount Everest in metres?"
        #expect(Self.groups(["8,849 m", "8849 metres", "8849.", "8848"], task: task) == [[0, 1, 2], [3]])
        #expect(Self.groups(["12 apples", "12", "13"], task: "How many apples does Tom have?") == [[0, 1], [2]])
    }

    @Test("dates, names with titles and multiple choice written several ways: one group each")
    func shapes() {
        #expect(Self.groups(["July 4, 1776", "4 July 1776", "1776"], task: "When was the Declaration signed?") == [[0, 1], [2]])
        #expect(Self.groups(["Sir Isaac Newton", "Isaac Newton", "Albert Einstein"], task: "Who formulated the laws of motion?") == [[0, 1], [2]])
        let planets = "Which planet is known as the Red Planet?\nA) Venus\nB) Mars\nC) Jupiter"
        #expect(Self.groups(["B", "(B) Mars", "The answer is B) Mars.", "Mars", "A"], task: planets) == [[0, 1, 2, 3], [4]])
        #expect(Self.groups(["Yes, it is.", "yes", "No."], task: "Is the Earth round?") == [[0, 1], [2]])
    }

    /// Found by a trial: "I think Lyon" stood alone, "Probably Lyon." joined "Lyon" but named the
    /// group "Probably Lyon", and "PARIS!" with "It is Paris." was shown "PARIS".
    @Test("hedging openers group with the plain answer; a group is named by its most typical answer")
    func hedgesAndDisplay() {
        let task = "Which city hosts the summit?"
        let input = AggregationInput(
            task: task, answers: Self.answers(["Probably Lyon.", "I think Lyon", "Lyon", "PARIS!", "It is Paris.", "Maybe Lyon"]))
        let groups = input.tally.groups
        #expect(groups.map(\.workers) == [[0, 1, 2, 5], [3, 4]])
        #expect(groups.map(\.display) == ["Lyon", "Paris"])
        #expect(groups[0].answers == ["Lyon", "Lyon", "Lyon", "Lyon"])
        #expect(groups[1].answers == ["PARIS", "Paris"])
        // The form most members wrote wins over a name's case; on a tie, the name's case; then
        // the first worker's.
        #expect(Tally.Group.typical(["PARIS", "PARIS", "Paris"]) == "PARIS")
        #expect(Tally.Group.typical(["paris", "Paris"]) == "Paris")
        #expect(Tally.Group.typical(["USA", "usa"]) == "USA")
        #expect(Tally.Group.typical([]) == "")
    }

    @Test("an answer naming two candidates matches neither, is marked, and the vote's reason says so")
    func twoCandidates() async throws {
        let input = AggregationInput(task: "Which city hosts the summit?", answers: Self.answers(["Paris or Lyon", "Paris", "Lyon"]))
        let groups = input.tally.groups
        #expect(groups.map(\.workers) == [[0], [1], [2]])
        #expect(groups.map(\.hedged) == [true, false, false])
        #expect(groups[0].answer == "paris or lyon")
        #expect(input.tally.summary.contains("Paris or Lyon [names two answers: a vote for neither]"))
        // Marked in the record's JSON, absent when false (older records decode as unmarked).
        let json = String(decoding: try JSONEncoder().encode(groups[0]), as: UTF8.self)
        #expect(json.contains("\"hedged\":true"))
        #expect(!String(decoding: try JSONEncoder().encode(groups[1]), as: UTF8.self).contains("hedged"))
        // Two workers who both hedge agree with each other, and still win nothing.
        let both = AggregationInput(task: "What is 5 + 8?", answers: Self.answers(["either 12 or 13", "12 or 13", "13"]))
        #expect(both.exactTally.groups.first?.workers == [0, 1])
        #expect(both.exactTally.groups.first?.hedged == true)
        #expect(both.clearWinner == nil)
    }

    @Test("a sentence or two whose final answer is short is counted exactly, so the full-sentence style votes")
    func sentencesVote() {
        let task = "What is the capital of France?"
        let input = AggregationInput(
            task: task,
            answers: Self.answers([
                "The capital of France is Paris, a city of 2 million.", "Paris is the capital of France.",
                "The capital of France is Lyon.", "It is Paris.",
            ]))
        #expect(input.allShort)
        #expect(input.tally.method == .exact)
        #expect(input.tally.groups.map(\.workers) == [[0, 1, 3], [2]])
        #expect(input.tally.groups[0].answers == ["Paris", "Paris", "Paris"])
        #expect(input.clearWinner?.answer == "paris")
    }

    static let paragraphs = [
        "Caching the results at the edge keeps latency predictable, because repeated requests never reach the origin servers at all. It also shields the database from bursts, and the team can tune expiry per route without touching the application code. Over a month that saves real money on compute and keeps the pager quiet during launches.",
        "Caching results at the edge keeps latency predictable: repeated requests never reach the origin servers, so load stays flat. The database is shielded from bursts and expiry can be tuned per route without touching application code, which saves money on compute and keeps launches calm for everyone involved.",
        "Sharding the database by customer spreads writes evenly, though cross-customer reports become slower and harder to write. It needs a routing layer and careful migrations, and every new feature must be checked for queries that cross shards, which slows the team down for months before the gain shows up.",
    ]

    @Test("a long answer joins the short answers it agrees with by its final answer")
    func longJoinsShort() {
        let task = "What is the capital of France?"
        let essay = Self.paragraphs[0] + "\nSo the capital of France is Paris."
        let texts = [essay, "Paris", Self.paragraphs[1], Self.paragraphs[2], "paris."]
        let input = AggregationInput(task: task, answers: Self.answers(texts))
        // A paragraph whose last sentence plainly answers is counted by that answer.
        #expect(input.extracted[0].isShort)
        #expect(input.extracted[0].key == "paris")
        #expect(!input.extracted[2].isShort && !input.extracted[3].isShort, "paragraphs that never say it are long")
        #expect(input.tally.groups.first?.workers == [0, 1, 4])
        // The rule itself, for a long answer that is not counted exactly: its final answer is a
        // short group's key, so it joins that group; the other long answers are grouped by key words.
        var extracted = input.extracted
        extracted[0].isShort = false
        let tally = Agreement.mixedTally(Self.answers(texts), extracted: extracted)
        #expect(tally.method == .overlap)
        #expect(tally.groups.first?.workers == [0, 1, 4])
        #expect(tally.groups.first?.answers == ["Paris", "Paris", "paris"])
        #expect(Set(tally.groups.dropFirst().map(\.workers)) == [[2], [3]])
    }

    @Test("long answers with no key words at all do not agree with each other")
    func noKeyWords() {
        // Not a word of four letters or more in either: no key words, so no overlap.
        let a = "It is not the one you saw, nor is it the one he saw, and we do not yet see who saw it or why we saw it."
        let b = "So far as I can see, it may be so, or it may not be so; we can try it out and see how it all is in the end."
        #expect(Agreement.overlapTally(Self.answers([a, b])).groups.map(\.workers) == [[0], [1]])
        #expect(Agreement.overlapTally(Self.answers([a, a])).groups.map(\.workers) == [[0], [1]])
    }

    @Test("the group's representative is its most typical member, ties by worker index")
    func representative() throws {
        let input = AggregationInput(
            task: "What is 17 * 23?", answers: Self.answers(["17 * 23 = 389", "389", "The answer is 389.", "380"]))
        let group = try #require(input.clearWinner)
        #expect(group.workers == [0, 1, 2])
        #expect(input.representative(of: group).worker == 1)
        let two = AggregationInput(task: "What is 17 * 23?", answers: Self.answers(["380", "17 * 23 = 389", "389"]))
        #expect(two.representative(of: two.clearWinner!).worker == 1, "two members are equally central: the lower index")
    }
}
