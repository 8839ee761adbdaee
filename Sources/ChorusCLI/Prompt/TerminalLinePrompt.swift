import ChorusTUI
import Foundation

/// The terminal edge of the Task prompt: raw mode (termios), bracketed paste on, bytes through
/// `PromptKeyDecoder` into `LineEditor`, and the line drawn back. Everything that decides is in
/// those two; this only reads, writes and restores.
///
/// The line is drawn as one row that scrolls sideways around the cursor (a pasted line break
/// shows as `↵`), redrawn whole after every change: `CR`, the prompt and the visible text, erase
/// to the end of the row, then the cursor moved back with `CR` and `CUF` (ECMA-48). The terminal
/// is restored on every way out: submit, Ctrl-C/Ctrl-D, end of input, a read error, and SIGTERM
/// or SIGHUP (`PromptSignalGuard`).
public enum TerminalLinePrompt {
    public enum Result: Sendable, Equatable {
        case task(String)
        case cancelled
    }

    /// Asks for a task on the terminal at `input`/`output` until one is given or the user leaves.
    /// Returns nil when the terminal cannot be put in raw mode (the caller falls back to a plain
    /// line read).
    public static func read(prompt: String, history: [String], input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) -> Result? {
        var saved = termios()
        guard tcgetattr(input, &saved) == 0 else { return nil }
        var raw = saved
        // Raw input as cfmakeraw does, but keep output processing (OPOST) so "\n" still returns.
        raw.c_iflag &= ~tcflag_t(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON)
        raw.c_lflag &= ~tcflag_t(ECHO | ECHONL | ICANON | ISIG | IEXTEN)
        raw.c_cflag |= tcflag_t(CS8)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        let signals = PromptSignalGuard(input: input, output: output, saved: saved)
        guard tcsetattr(input, TCSAFLUSH, &raw) == 0 else {
            signals.restore()
            return nil
        }
        defer {
            write(output, TerminalKeySequences.disablePaste)
            tcsetattr(input, TCSAFLUSH, &saved)
            signals.restore()
        }
        write(output, TerminalKeySequences.enablePaste)

        var editor = LineEditor(history: history)
        var decoder = PromptKeyDecoder()
        let width = { () -> Int in
            var size = winsize()
            return ioctl(output, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
        }
        draw(editor, prompt: prompt, width: width(), output: output)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if decoder.awaitsEscape {
                var fd = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
                if poll(&fd, 1, 30) == 0 {
                    if PromptSignalGuard.takeResize() { draw(editor, prompt: prompt, width: width(), output: output) }
                    for key in decoder.flushEscape() { _ = editor.handle(key) }
                    continue
                }
            }
            let count = Foundation.read(input, &buffer, buffer.count)
            if count < 0 && errno == EINTR {
                // A resize interrupts the read: redraw for the new width (the cut ends move).
                if PromptSignalGuard.takeResize() { draw(editor, prompt: prompt, width: width(), output: output) }
                continue
            }
            guard count > 0 else {
                write(output, "\r\n")
                return .cancelled
            }
            for key in decoder.feed(buffer[0..<count]) {
                switch editor.handle(key) {
                case .none:
                    break
                case .redraw:
                    draw(editor, prompt: prompt, width: width(), output: output)
                case .submit(let text):
                    write(output, "\r\n")
                    return .task(text)
                case .askAgain:
                    write(output, "\r\nthe task is empty; type a question (Ctrl-D or Ctrl-C leaves)\r\n")
                    draw(editor, prompt: prompt, width: width(), output: output)
                case .cancel:
                    write(output, "\r\n")
                    return .cancelled
                }
            }
        }
    }

    static func draw(_ editor: LineEditor, prompt: String, width: Int, output: Int32) {
        let promptWidth = prompt.reduce(0) { $0 + DisplayWidth.of($1) }
        let view = PromptLineView(line: editor.line, cursor: editor.cursor, width: width - promptWidth)
        var line = "\r" + prompt + view.text + "\u{1B}[K\r"
        let column = promptWidth + view.cursorColumn
        if column > 0 { line += "\u{1B}[\(column)C" }
        write(output, line)
    }

    private static func write(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            offset += n
        }
    }
}
