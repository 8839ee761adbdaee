import Foundation

/// Standard input: where a task may come from (`-`, or a pipe), and the prompt's answer.
public struct TextInput: Sendable {
    public var isTerminal: Bool
    /// Whether the UI can read keys: stdin is a terminal, or the process has a controlling
    /// terminal (`/dev/tty`), as when the task is piped in from a shell at a terminal.
    public var keyboardAvailable: Bool
    /// Everything until end of input, or nil if it is not UTF-8 text.
    public var readAll: @Sendable () -> String?
    /// One line (without its newline), or nil at end of input.
    public var readLine: @Sendable () -> String?
    /// The Task prompt's line editor on the terminal (prompt, earlier tasks): set for a terminal
    /// stdin, nil otherwise (then the prompt reads a plain line, as before). Returns nil when the
    /// terminal cannot be put in raw mode.
    public var editLine: (@Sendable (_ prompt: String, _ history: [String]) -> TerminalLinePrompt.Result?)?

    public init(
        isTerminal: Bool, keyboardAvailable: Bool? = nil, readAll: @escaping @Sendable () -> String?,
        readLine: @escaping @Sendable () -> String?,
        editLine: (@Sendable (_ prompt: String, _ history: [String]) -> TerminalLinePrompt.Result?)? = nil
    ) {
        self.isTerminal = isTerminal
        self.keyboardAvailable = keyboardAvailable ?? isTerminal
        self.readAll = readAll
        self.readLine = readLine
        self.editLine = editLine
    }

    public static let standardInput = TextInput(
        isTerminal: isatty(STDIN_FILENO) == 1,
        keyboardAvailable: isatty(STDIN_FILENO) == 1 || hasControllingTerminal(),
        readAll: { String(data: FileHandle.standardInput.readDataToEndOfFile(), encoding: .utf8) },
        readLine: { Swift.readLine(strippingNewline: true) },
        editLine: terminalLineEditor())

    /// The line editor when both stdin and stdout are terminals, else nil (a plain line read).
    static func terminalLineEditor() -> (@Sendable (String, [String]) -> TerminalLinePrompt.Result?)? {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return nil }
        return { prompt, history in TerminalLinePrompt.read(prompt: prompt, history: history) }
    }

    /// Fixed text, for tests.
    public static func text(_ text: String, isTerminal: Bool = false, keyboardAvailable: Bool? = nil) -> TextInput {
        TextInput(
            isTerminal: isTerminal, keyboardAvailable: keyboardAvailable, readAll: { text },
            readLine: { text.split(separator: "\n").first.map(String.init) })
    }

    static func hasControllingTerminal() -> Bool {
        let fd = open("/dev/tty", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        close(fd)
        return true
    }
}
