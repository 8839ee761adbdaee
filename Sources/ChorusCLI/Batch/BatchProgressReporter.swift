import Chorus
import Synchronization

/// Shows a batch's progress on stderr while it runs: at a terminal, one line redrawn in place
/// four times a second; otherwise (a log file, CI) a plain line every five seconds. Notices (the
/// Ctrl-C messages) are printed above the live line so it is never garbled.
final class BatchProgressReporter: Sendable {
    private struct State {
        var shown = false
        var ticker: Task<Void, Never>?
        var stopped = false
    }

    private let output: TextOutput
    private let read: @Sendable () async -> String
    private let state = Mutex(State())
    private let live: Bool

    /// - Parameter line: makes the current status line.
    init(output: TextOutput, line: @escaping @Sendable () async -> String) {
        self.output = output
        self.read = line
        self.live = output.isTerminal
    }

    func start() {
        let live = self.live
        let task = Task { [weak self] in
            var first = true
            while !Task.isCancelled {
                if !first || live { await self?.draw() }
                first = false
                try? await Task.sleep(for: live ? .milliseconds(250) : .seconds(5))
            }
        }
        state.withLock { $0.ticker = task }
    }

    private func draw() async {
        let text = await read()
        let width = max(20, (output.width ?? 100) - 1)
        state.withLock { s in
            guard !s.stopped else { return }
            if live {
                output.write("\r\u{1B}[2K" + TerminalSafeText.oneLine(String(text.prefix(width))))
                s.shown = true
            } else {
                output.line("chorus batch: " + text)
            }
        }
    }

    /// Prints a notice without garbling the live line.
    func notice(_ text: String) {
        state.withLock { s in
            if s.shown { output.write("\r\u{1B}[2K") }
            output.line("chorus batch: " + text)
            s.shown = false
        }
    }

    /// Stops and erases the live line.
    func finish() {
        let ticker = state.withLock { s -> Task<Void, Never>? in
            s.stopped = true
            if s.shown { output.write("\r\u{1B}[2K") }
            s.shown = false
            return s.ticker
        }
        ticker?.cancel()
    }
}
