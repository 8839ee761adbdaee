import Chorus
import Testing

@testable import ChorusTUI

/// The diff view (`d`) and copy (`Y`), issue 17: the reducer's keys, the rows' colours, the
/// similarity line, snapshots, and the OSC 52 bytes.
@Suite struct DiffViewTests {
    /// Three long answers and a judge's answer (worker 1's words), panes-first.
    func state(width: Int = 80, height: Int = 24) -> UIState {
        AgreementFixtures.overlap(width: width, height: height)
    }

    @Test func dOpensTheSelectedPaneAgainstTheAnswerAndTabChoosesTheOther() {
        var s = state()
        s.update(.key(.right))  // worker 2
        s.update(.key(.character("d")))
        #expect(s.diff == DiffView(first: .worker(1), second: .answer))
        s.update(.key(.tab))
        #expect(s.diff?.second == .worker(0))
        s.update(.key(.tab))
        #expect(s.diff?.second == .worker(2))
        s.update(.key(.backTab))
        #expect(s.diff?.second == .worker(0))
        s.update(.key(.escape))
        #expect(s.diff == nil)
    }

    @Test func theAnswerSelectedDiffsItAgainstWorkerOne() {
        var s = state()
        s.selection = s.panes.count
        s.update(.key(.character("d")))
        #expect(s.diff == DiffView(first: .answer, second: .worker(0)))
    }

    @Test func oneTextAloneCannotBeDiffed() {
        var s = UIState(record: Fixtures.record(workers: 1), width: 80, height: 24)
        s.update(.key(.character("d")))
        #expect(s.diff == nil)
        #expect(s.message?.text == "the diff needs two texts: at least two workers, or a worker and the answer")
    }

    @Test func rowsColourTheWordsOnlyOneSideHas() {
        var s = state(width: 200, height: 40)
        s.update(.key(.right))
        s.update(.key(.character("d")))  // worker 2 against the answer (= worker 1's text)
        let rows = s.diffRows
        func words(_ role: StyleRole) -> [String] {
            rows.dropFirst(2).flatMap { row in
                String(row.pieces.map { $0.role == role ? $0.glyph.character : " " }).split(separator: " ").map(String.init)
            }
        }
        let expected = WordDiff(from: AgreementFixtures.longAnswers[1], to: AgreementFixtures.longAnswers[0])
        #expect(words(.diffDeleted) == expected.tokens.filter { $0.kind == .deleted }.map(\.text))
        #expect(words(.diffInserted) == expected.tokens.filter { $0.kind == .inserted }.map(\.text))
        #expect(words(.diffDeleted).contains("Split"))
        #expect(words(.diffInserted).contains("Keep"))
    }

    @Test func theSimilarityLineCoversEveryPairOfWorkers() {
        let s = state()
        let answers = AgreementFixtures.longAnswers
        let ratio = { (a: Int, b: Int) in Int((WordDiff(from: answers[a], to: answers[b]).ratio * 100).rounded(.down)) }
        #expect(s.similarityLine == "similarity (shared words): 1–2 \(ratio(0, 1))%  1–3 \(ratio(0, 2))%  2–3 \(ratio(1, 2))%")
        #expect(ratio(0, 2) > ratio(0, 1), "workers 1 and 3 say the same thing; 2 disagrees")
    }

    @Test func scrollingStopsAtBothEnds() {
        var s = state(width: 40, height: 12)
        s.update(.key(.character("d")))
        s.update(.key(.end))
        let bottom = s.diffTop
        #expect(bottom > 0)
        s.update(.key(.down))
        #expect(s.diffTop == bottom)
        s.update(.key(.home))
        #expect(s.diffTop == 0)
        s.update(.key(.up))
        #expect(s.diffTop == 0)
    }

    @Test(arguments: ["80x24", "40x12"])
    func diffSnapshot(size: String) {
        let dims = size.split(separator: "x").compactMap { Int($0) }
        var s = state(width: dims[0], height: dims[1])
        s.update(.key(.right))
        s.update(.key(.character("d")))
        Snapshot.check(Renderer.render(s), named: "diff-worker2-answer-\(size)")
    }

    // MARK: - Copy

    @Test func yCopiesTheSelectedPaneOrTheAnswer() {
        var s = state()
        s.update(.key(.right))
        #expect(s.update(.key(.character("Y"))) == [.copy(text: AgreementFixtures.longAnswers[1], label: "worker 2")])
        s.selection = s.panes.count
        #expect(s.update(.key(.character("Y"))) == [.copy(text: AgreementFixtures.longAnswers[0], label: "the answer")])
        s.update(.copied(label: "the answer", path: "/tmp/chorus-copy-1.md", clipboard: true))
        #expect(s.message?.text == "copied the answer (OSC 52, if the terminal allows it); also saved to /tmp/chorus-copy-1.md")
        #expect(s.savedPaths == ["/tmp/chorus-copy-1.md"])
    }

    @Test func yOnAnEmptyPaneSaysSo() {
        var s = UIState(record: Fixtures.record(workers: 2), width: 80, height: 24)
        #expect(s.update(.key(.character("Y"))).isEmpty)
        #expect(s.message?.text == "worker 1 has no text to copy yet")
    }

    @Test func osc52IsTheClipboardSequenceInBase64() {
        #expect(OSC52.sequence("hello") == "\u{1B}]52;c;aGVsbG8=\u{07}")
        #expect(Array(OSC52.sequence("é\n")!.utf8) == [0x1B, 0x5D, 0x35, 0x32, 0x3B, 0x63, 0x3B] + Array("w6kK".utf8) + [0x07])
        #expect(OSC52.sequence(String(repeating: "x", count: OSC52.maxBytes)) != nil)
        #expect(OSC52.sequence(String(repeating: "x", count: OSC52.maxBytes + 1)) == nil)
    }
}

extension DiffViewTests {
    /// 256 workers would be 32 640 diffs a frame: the line pairs the first 8 and says so.
    @Test func theSimilarityLineStopsAtEightWorkers() {
        var s = UIState(record: Fixtures.record(workers: 12), width: 200, height: 60)
        for w in 0..<12 { Fixtures.stream(&s, worker: w, text: "answer \(w % 2)") }
        let line = s.similarityLine
        #expect(line.hasPrefix("similarity (shared words): 1–2 50%  1–3 100%"))
        #expect(line.hasSuffix("7–8 50%  (workers 1–8 of 12)"))
        #expect(line.components(separatedBy: "%").count - 1 == 28)
    }
}
