/// Which terminal the UI draws on.
public enum TerminalStreams: Sendable, Hashable {
    /// The process's own terminal: standard input and output, `$TERM`.
    case standard
    /// Any pair of file descriptors and a terminal type, at a fixed size: for the headless smoke
    /// test and the benchmark (`newterm` works on pipes without a TTY).
    case custom(input: Int32, output: Int32, terminalType: String, width: Int, height: Int)
}
