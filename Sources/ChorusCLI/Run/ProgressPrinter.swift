import Chorus
import Synchronization

/// Draws `ProgressBoard` on stderr while `chorus run` works: one line per worker, redrawn in
/// place about ten times a second, erased before the answer is printed.
///
/// Events arrive on the engine's tasks and only update the board under a lock; drawing happens
/// on one ticker task, so a flood of chunks costs one redraw per tick.
final class ProgressPrinter: Sendable {
    private struct State {
        var board: ProgressBoard
        var drawnLines = 0
        var frame = 0
        var stopped = false
        var ticker: Task<Void, Never>?
    }

    private let state: Mutex<State>
    private let output: TextOutput
    private let origin = ContinuousClock.now

    init(plan: Plan, output: TextOutput) {
        self.output = output
        state = Mutex(State(board: ProgressBoard(plan: plan)))
    }

    private var now: Duration { ContinuousClock.now - origin }

    /// The sink to hand to the run controller.
    func receive(_ event: RunEvent) {
        let at = now
        state.withLock { s in
            guard !s.stopped else { return }
            _ = s.board.apply(event, at: at)
        }
    }

    func start() {
        let task = Task { [weak self] in
            while !Task.isCancelled {
                self?.draw()
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        state.withLock { $0.ticker = task }
    }

    private func draw() {
        let at = now
        let width = (output.width ?? 80) - 1
        state.withLock { s in
            guard !s.stopped else { return }
            s.frame += 1
            let lines = s.board.render(now: at, width: width, frame: s.frame)
            var text = s.drawnLines > 0 ? "\r\u{1B}[\(s.drawnLines)A" : "\r"
            for line in lines { text += "\u{1B}[2K" + line + "\n" }
            if lines.count < s.drawnLines { text += "\u{1B}[J" }
            s.drawnLines = lines.count
            output.write(text)
        }
    }

    /// Stops drawing and erases the lines, leaving the cursor where the first one was.
    func finish() {
        let ticker = state.withLock { s -> Task<Void, Never>? in
            s.stopped = true
            if s.drawnLines > 0 { output.write("\r\u{1B}[\(s.drawnLines)A\u{1B}[J") }
            s.drawnLines = 0
            return s.ticker
        }
        ticker?.cancel()
    }
}
