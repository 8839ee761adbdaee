import ChorusTestSupport
import Foundation
import Testing

@testable import Chorus

/// Issue 14, "one truth in every view": with the issue's eight answers the record's tally (method
/// `overlap`) put six different numbers into one group while the vote's reason said "tie: 389
/// (workers 2, 8) vs 380 (workers 3, 7)". The record's tally and the vote's reason are now one
/// computation, and key words never group short answers.
@Suite struct OneTallyTests {
    static let task = "What is 17 * 23? Answer with just the number."
    /// The issue's eight answers, in worker order (answer 6: a sentence, then a line that is no number).
    static let texts = [
        "17 * 23 = 406", "17 * 23 = 389", "The answer is 380", "17 * 23 = 396.", "405",
        "Multiplying these two numbers in my head is something I would rather check twice before I say it.\nThe answer is just a number.",
        "380.", "17 * 23 = 389",
    ]
    static var answers: [Answer] {
        texts.enumerated().map { Answer(worker: $0.offset, label: String($0.offset + 1), text: $0.element) }
    }

    static func run(_ strategy: StrategyName) async -> RunRecord {
        let controller = RunController(
            plan: testPlan(workers: texts.count, strategy: strategy, task: task),
            models: { choice in
                guard choice.model.hasPrefix("w"), let i = Int(choice.model.dropFirst()) else {
                    return ChunksModel(chunks: [.text("389")])
                }
                return ChunksModel(chunks: [.text(texts[i]), .stop(reason: "stop")])
            },
            clock: ManualClock(), now: { fixedDate })
        return await controller.start()
    }

    @Test func theVotesReasonAndTheRecordsTallyAgree() async throws {
        let record = await Self.run(.vote)
        let a = try #require(record.latestAggregation)
        #expect(a.tally.method == .exact)
        // Issue 15: worker 6's group is its own sentence's answer, never "The answer is just a
        // number." (a line that only talks about the answer), and each number is read out of its
        // sentence ("17 * 23 = 389" is 389: the task's 17 and 23 are not candidates).
        #expect(a.tally.groups.map(\.answer).prefix(5) == ["389", "380", "406", "396", "405"])
        #expect(a.tally.groups[5].display == "Multiplying these two numbers in my head is something I would rather check twice before I say it")
        #expect(a.tally.groups.map(\.workers) == [[1, 7], [2, 6], [0], [3], [4], [5]])
        #expect(a.tally.isTie)
        // The reason names exactly the record's tied groups.
        let tied = a.tally.tied.map { "\($0.display) (\(Worker.names($0.workers)))" }.joined(separator: " vs ")
        #expect(a.reason == "tie: \(tied)")
        #expect(a.reason == "tie: 389 (workers 2, 8) vs 380 (workers 3, 7)")
        #expect(a.chosenWorker == nil)
        // Each member's final answer, in worker order: "The answer is 380" and "380." are one 380.
        #expect(a.tally.groups[0].answers == ["389", "389"])
        #expect(a.tally.groups[1].answers == ["380", "380"])
        #expect(a.tally.groups[1].distinctAnswers.map(\.text) == ["380"])
    }

    @Test(arguments: [StrategyName.auto, .synthesize, .judge, .concatenate])
    func mostlyShortAnswersAreCountedExactlyWhateverTheStrategy(strategy: StrategyName) async throws {
        let record = await Self.run(strategy)
        let tally = try #require(record.latestAggregation?.tally)
        #expect(tally.method == .exact)
        #expect(tally.groups.first?.workers == [1, 7])
        #expect(tally.groups.allSatisfy { Set($0.answers.map { AnswerExtraction.key($0, task: Self.task) }).count == 1 })
    }

    @Test func keyWordsNeverGroupShortAnswers() {
        // Mostly long answers, with three short numbers among them: the numbers share no key word
        // (nothing of four letters), which is not agreement.
        let essay = "Caching the results at the edge keeps latency predictable, because repeated requests never reach the origin servers at all."
        let other = "Caching results at the edge keeps latency predictable: repeated requests never reach the origin servers, so load stays flat."
        let third = "Sharding the database by customer spreads writes evenly, though cross-customer reports become slower and harder to write."
        let answers = [essay, "406", other, "389", third, "389."].enumerated().map {
            Answer(worker: $0.offset, label: String($0.offset + 1), text: $0.element)
        }
        let input = AggregationInput(task: "How should we scale?", answers: answers, strategy: .synthesize)
        #expect(!input.mostlyShort)
        let tally = input.tally
        #expect(tally.method == .overlap)
        let byWorkers = Set(tally.groups.map(\.workers))
        #expect(byWorkers.contains([3, 5]), "389 and 389. are one answer")
        #expect(byWorkers.contains([1]), "406 stands alone")
        #expect(byWorkers.contains([0, 2]), "the two caching essays share a view")
        #expect(byWorkers.contains([4]))
        #expect(tally.total == 6)
    }

    @Test func aVoteOverLongAnswersRecordsWhatItCounted() {
        let long = (0..<3).map { i in
            Answer(worker: i, label: String(i + 1), text: "Keep one deployable service until the team grows past two squads, then split along team lines \(i).")
        }
        let input = AggregationInput(task: "Monolith?", answers: long, strategy: .vote)
        #expect(input.tally == input.exactTally)
    }

    @Test func groupAnswersRoundTripAndOlderRecordsStillDecode() throws {
        let group = Tally.Group(answer: "389", display: "17 * 23 = 389", workers: [1, 7], answers: ["17 * 23 = 389", "389"])
        let data = try JSONEncoder().encode(group)
        #expect(try JSONDecoder().decode(Tally.Group.self, from: data) == group)
        let old = #"{"answer":"389","display":"389","workers":[1,7],"count":2}"#
        let decoded = try JSONDecoder().decode(Tally.Group.self, from: Data(old.utf8))
        #expect(decoded.answers.isEmpty)
        #expect(decoded.distinctAnswers.map(\.text) == ["389"])
        #expect(decoded.distinctAnswers.map(\.workers) == [[1, 7]])
        #expect(group.distinctAnswers.map(\.text) == ["17 * 23 = 389", "389"])
    }

    @Test func howMadeSaysWhatHappened() async throws {
        let tie = try #require(await Self.run(.vote).latestAggregation)
        #expect(tie.howMade.hasPrefix("vote: no answer chosen (tie: "))
        #expect(!tie.howMade.contains("chose worker"))
        let synth = try #require(await Self.run(.synthesize).latestAggregation)
        #expect(synth.howMade.hasPrefix("synthesize: a model (agg) merged the answers into one, choosing no single worker"))
        var fallback = synth
        fallback.fallbackUsed = true
        fallback.error = "synthesize failed (HTTP 500); showing the answers concatenated"
        #expect(fallback.howMade == "synthesize failed (HTTP 500); showing the answers concatenated")
        fallback.error = nil
        #expect(fallback.howMade == "synthesize failed; the answers are concatenated, not merged")
    }
}
