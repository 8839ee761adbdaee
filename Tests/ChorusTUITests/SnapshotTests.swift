import Chorus
import Testing
@testable import ChorusTUI

/// Frames at several sizes and worker counts, compared with text snapshots.
@Suite struct SnapshotTests {
    static let hostile =
        "ESC: \u{1B}[31mred\u{1B}[0m OSC: \u{1B}]0;pwned\u{07} CSI8bit: \u{9B}2J bidi: \u{202E}txet\u{202C} \u{2066}iso\u{2069} DEL:\u{7F} NUL:\u{0}\n"
        + "wide: 漢字かなカナ 한국어 emoji 🙂👩‍👩‍👧 flag 🇫🇷 keycap #️⃣ heart ❤️ combining: e\u{301}a\u{308}\n\u{301}orphan mark, tab:\tend"

    /// A run in the middle: worker i is done, streaming, failed or waiting by i mod 4.
    static func midRun(workers: Int, width: Int, height: Int) -> UIState {
        var state = Fixtures.state(workers: workers, width: width, height: height, focus: ["cost", "risk", "speed", "hiring", "operations"])
        state.update(.tick(now: 1000))
        for w in 0..<workers {
            let text = Fixtures.answers[w % 3]
            switch w % 4 {
            case 0: Fixtures.stream(&state, worker: w, text: text)
            case 1: Fixtures.stream(&state, worker: w, text: String(text.prefix(90)), finish: nil)
            case 2: Fixtures.stream(&state, worker: w, text: "", finish: .failed, error: "HTTP 500: internal server error")
            default:
                state.update(.run(.workerStarted(worker: w, attempt: 1)))
                if w % 8 == 7 { state.update(.run(.workerRetrying(worker: w, attempt: 1, reason: "HTTP 429"))) }
            }
        }
        state.update(.tick(now: 3456))
        return state
    }

    /// Every worker done, the answer merged.
    static func answered(workers: Int, width: Int, height: Int) -> UIState {
        var state = Fixtures.state(workers: workers, width: width, height: height, focus: ["cost", "risk", "speed", "hiring", "operations"])
        state.update(.tick(now: 1000))
        for w in 0..<workers { Fixtures.stream(&state, worker: w, text: Fixtures.answers[w % 3]) }
        state.update(.run(.aggregationStarted(strategy: .synthesize)))
        let output = "Keep one service until the team and the traffic force a split; the cost and the failure modes of many services only pay off at a size a five-person team has not reached."
        state.update(.run(.aggregationFinished(record: Fixtures.aggregation(output: output, inputs: Array(0..<workers)))))
        state.update(.tick(now: 5000))
        return state
    }

    static let sizes = [(40, 12), (80, 24), (200, 60)]
    static let counts = [1, 3, 8, 20]

    @Test(arguments: sizes.flatMap { size in counts.map { (size.0, size.1, $0) } })
    func midRunFrames(width: Int, height: Int, workers: Int) {
        Snapshot.check(Renderer.render(Self.midRun(workers: workers, width: width, height: height)), named: "midrun-\(width)x\(height)-\(workers)w")
    }

    @Test(arguments: sizes.flatMap { size in counts.map { (size.0, size.1, $0) } })
    func answeredFrames(width: Int, height: Int, workers: Int) {
        Snapshot.check(Renderer.render(Self.answered(workers: workers, width: width, height: height)), named: "answered-\(width)x\(height)-\(workers)w")
    }

    @Test(arguments: [(40, 12), (80, 24), (120, 30)])
    func hostileAndWideText(width: Int, height: Int) {
        var state = Fixtures.state(workers: 2, width: width, height: height)
        Fixtures.stream(&state, worker: 0, text: Self.hostile)
        Fixtures.stream(&state, worker: 1, text: String(repeating: "漢字", count: 40) + "x" + String(repeating: "🙂", count: 30), finish: nil)
        let grid = Renderer.render(state)
        Snapshot.check(grid, named: "hostile-\(width)x\(height)")
        for cell in grid.cells {
            for scalar in cell.character.unicodeScalars {
                #expect(!SafeText.isDangerous(scalar), "cell holds U+\(String(scalar.value, radix: 16))")
            }
        }
    }

    @Test func hostileTextIsShownAsVisibleSymbols() {
        var state = Fixtures.state(workers: 1, width: 120, height: 20)
        Fixtures.stream(&state, worker: 0, text: Self.hostile)
        let text = Renderer.render(state).plainText
        #expect(text.contains("␛[31mred␛[0m"))
        #expect(text.contains("␛]0;pwned␇"))
        #expect(text.contains("bidi: �txet� �iso�"))
        #expect(text.contains("DEL:␡ NUL:␀"))
        #expect(text.contains("◌\u{301}orphan"))
        #expect(text.contains("tab:    end"))
    }

    @Test func helpOverlay() {
        var state = Self.answered(workers: 3, width: 80, height: 24)
        state.update(.key(.character("?")))
        Snapshot.check(Renderer.render(state), named: "help-80x24")
    }

    @Test func quitQuestion() {
        var state = Self.midRun(workers: 3, width: 80, height: 24)
        state.update(.key(.character("q")))
        Snapshot.check(Renderer.render(state), named: "quit-question-80x24")
    }

    @Test func zoomedPane() {
        var state = Self.answered(workers: 3, width: 80, height: 24)
        state.update(.key(.tab))
        state.update(.key(.enter))
        Snapshot.check(Renderer.render(state), named: "zoom-80x24")
    }

    @Test func quorumFailure() {
        var state = Fixtures.state(workers: 3, width: 80, height: 24)
        Fixtures.stream(&state, worker: 0, text: Fixtures.answers[0])
        Fixtures.stream(&state, worker: 1, text: "", finish: .failed, error: "HTTP 500: internal server error")
        Fixtures.stream(&state, worker: 2, text: "", finish: .timedOut, error: "timed out after 15.0 s")
        var record = Fixtures.record(workers: 3)
        record.workers[0].attempts = [Fixtures.attempt(.succeeded, text: Fixtures.answers[0])]
        record.workers[1].attempts = [Fixtures.attempt(.failed, error: "HTTP 500: internal server error")]
        record.workers[2].attempts = [Fixtures.attempt(.timedOut, error: "timed out after 15.0 s")]
        record.status = .failed
        state.update(.run(.runUpdated(record: record)))
        Snapshot.check(Renderer.render(state), named: "quorum-failure-80x24")
    }

    @Test func fallbackAnswer() {
        var state = Self.answered(workers: 3, width: 80, height: 24)
        state.update(.run(.aggregationStarted(strategy: .synthesize)))
        let record = Fixtures.aggregation(
            .synthesize, output: "## Worker 1 (cost)\n\nKeep one service.\n\n## Worker 2 (risk)\n\nSplit late.", inputs: [0, 1, 2],
            fallback: true, error: "synthesize failed (timed out after 45.0 s); showing the answers concatenated")
        state.update(.run(.aggregationFinished(record: record)))
        Snapshot.check(Renderer.render(state), named: "fallback-80x24")
    }

    @Test func mergingAnswerStreams() {
        var state = Self.answered(workers: 3, width: 80, height: 24)
        state.update(.key(.character("s")))
        state.update(.run(.aggregationStarted(strategy: .concatenate)))
        state.update(.run(.aggregationChunk(text: "Merging the answers")))
        Snapshot.check(Renderer.render(state), named: "merging-80x24")
    }

    @Test(arguments: [(0, 0), (1, 1), (10, 5), (23, 30), (100, 7)])
    func tooSmall(width: Int, height: Int) {
        let grid = Renderer.render(Self.midRun(workers: 3, width: width, height: height))
        #expect(grid.width == width && grid.height == height)
        if width >= 18 && height >= 1 {
            #expect(grid.plainText.contains("terminal too small"))
        }
        if width == 23 && height == 30 {
            Snapshot.check(grid, named: "too-small-23x30")
        }
    }
}
