import Foundation

/// Standard input: where a task may come from (`-`, or a pipe), and the prompt's answer.
public struct TextInput: Sendable {
    public var isTerminal: Bool
    /// Everything until end of input, or nil if it is not UTF-8 text.
    public var readAll: @Sendable () -> String?
    /// One line (without its newline), or nil at end of input.
    public var readLine: @Sendable () -> String?

    public init(isTerminal: Bool, readAll: @escaping @Sendable () -> String?, readLine: @escaping @Sendable () -> String?) {
        self.isTerminal = isTerminal
        self.readAll = readAll
        self.readLine = readLine
    }

    public static let standardInput = TextInput(
        isTerminal: isatty(STDIN_FILENO) == 1,
        readAll: { String(data: FileHandle.standardInput.readDataToEndOfFile(), encoding: .utf8) },
        readLine: { Swift.readLine(strippingNewline: true) })

    /// Fixed text, for tests.
    public static func text(_ text: String, isTerminal: Bool = false) -> TextInput {
        TextInput(isTerminal: isTerminal, readAll: { text }, readLine: { text.split(separator: "\n").first.map(String.init) })
    }
}
