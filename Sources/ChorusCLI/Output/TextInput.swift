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
    /// Text piped beside a task argument (`chorus run "Summarise this" < notes.txt`): read only
    /// when stdin is not a terminal and has data (see `PipedInput`).
    public var readPiped: @Sendable () -> PipedInput

    /// What stdin held beside a task argument.
    public enum PipedInput: Sendable, Equatable {
        /// A terminal, `/dev/null`, an empty file or pipe: nothing to attach.
        case none
        case text(String)
        /// Data that is not UTF-8 text.
        case notText
        /// A pipe that gave neither data nor its end within `PipedInput.wait`: left unread, so
        /// a script whose stdin is an idle open pipe does not hang (`-f -` waits for it).
        case silent
    }

    public init(
        isTerminal: Bool, keyboardAvailable: Bool? = nil, readAll: @escaping @Sendable () -> String?,
        readLine: @escaping @Sendable () -> String?,
        editLine: (@Sendable (_ prompt: String, _ history: [String]) -> TerminalLinePrompt.Result?)? = nil,
        readPiped: (@Sendable () -> PipedInput)? = nil
    ) {
        self.isTerminal = isTerminal
        self.keyboardAvailable = keyboardAvailable ?? isTerminal
        self.readAll = readAll
        self.readLine = readLine
        self.editLine = editLine
        self.readPiped =
            readPiped ?? { [isTerminal] in
                guard !isTerminal else { return .none }
                guard let text = readAll() else { return .notText }
                return text.isEmpty ? .none : .text(text)
            }
    }

    public static let standardInput = TextInput(
        isTerminal: isatty(STDIN_FILENO) == 1,
        keyboardAvailable: isatty(STDIN_FILENO) == 1 || hasControllingTerminal(),
        readAll: { String(data: FileHandle.standardInput.readDataToEndOfFile(), encoding: .utf8) },
        readLine: { Swift.readLine(strippingNewline: true) },
        editLine: terminalLineEditor(), readPiped: { pipedStandardInput() })

    /// How long a pipe on stdin may stay silent before it is left unread beside a task argument.
    static let pipeWaitMilliseconds: Int32 = 2_000

    /// Stdin beside a task argument: a terminal or a character device (`/dev/null`) gives
    /// nothing; a regular file (`< notes.txt`) is read; a pipe or socket is read when it has data
    /// or its end within `pipeWaitMilliseconds` (`poll(2)`), else left alone (`.silent`).
    static func pipedStandardInput() -> PipedInput {
        guard isatty(STDIN_FILENO) == 0 else { return .none }
        var info = stat()
        guard fstat(STDIN_FILENO, &info) == 0 else { return .none }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFCHR || kind == S_IFDIR { return .none }
        if kind == S_IFIFO || kind == S_IFSOCK {
            var fd = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            guard poll(&fd, 1, pipeWaitMilliseconds) > 0 else { return .silent }
        }
        guard let text = String(data: FileHandle.standardInput.readDataToEndOfFile(), encoding: .utf8) else { return .notText }
        return text.isEmpty ? .none : .text(text)
    }

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
