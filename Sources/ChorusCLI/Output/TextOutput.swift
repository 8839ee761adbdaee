#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Chorus
import Synchronization

/// Where a command writes text: the process's stdout/stderr, or a buffer in tests.
///
/// Commands never call `print`: every byte goes through one of these, so a test can assert that
/// stdout holds exactly the answer (or the JSON) and nothing else.
public final class TextOutput: Sendable {
    private let sink: @Sendable (String) -> Void
    /// Whether a person is watching (a TTY): decides the UI, live progress lines, sanitising.
    public let isTerminal: Bool
    private let columns: @Sendable () -> Int?

    public init(isTerminal: Bool, columns: @escaping @Sendable () -> Int? = { nil }, sink: @escaping @Sendable (String) -> Void) {
        self.sink = sink
        self.isTerminal = isTerminal
        self.columns = columns
    }

    public func write(_ text: String) { sink(text) }

    /// Writes `text` as one line for a person (an error, a warning, a report line) and a newline.
    /// The text is folded to one line and its controls are shown as symbols
    /// (`TerminalSafeText.oneLine`) whatever the stream is: such a line is built from a server's,
    /// a model's or a file's words, and must not drive the terminal now, nor when a log it went
    /// to is read later. Data (the answer, JSON, help) goes through `write`.
    public func line(_ text: String) { sink(TerminalSafeText.oneLine(text) + "\n") }

    /// The terminal's width in columns, when known.
    public var width: Int? { columns() }

    /// Writes to a file descriptor with `write(2)`, unbuffered, retrying short writes, so nothing
    /// is lost when the process exits right after (there is no stdio buffer to flush).
    public static func fileDescriptor(_ fd: Int32) -> TextOutput {
        TextOutput(isTerminal: isatty(fd) == 1, columns: { terminalColumns(fd) }) { text in
            var bytes = Array(text.utf8)[...]
            while !bytes.isEmpty {
                let written = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress!, $0.count) }
                if written < 0 {
                    if errno == EINTR { continue }
                    return  // EPIPE and the like: the reader went away; nothing useful to do.
                }
                bytes = bytes.dropFirst(written)
            }
        }
    }

    static func terminalColumns(_ fd: Int32) -> Int? {
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}

/// Collects output in memory, for tests.
public final class TextBuffer: Sendable {
    private let storage = Mutex("")
    public init() {}
    public var text: String { storage.withLock { $0 } }
    public func output(isTerminal: Bool = false, width: Int? = nil) -> TextOutput {
        TextOutput(isTerminal: isTerminal, columns: { width }) { piece in self.storage.withLock { $0 += piece } }
    }
}
