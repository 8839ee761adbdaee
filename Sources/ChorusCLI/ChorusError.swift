/// An error that ends a command with one readable line and a chosen exit status.
///
/// Everything a user can cause (a flag, a config key, a missing file, an unreachable server)
/// becomes one of these before it reaches `ChorusMain`, which prints `chorus: <message>` on
/// stderr and exits with `code`. Nothing else is printed: no stack trace, no usage dump.
public struct ChorusError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var code: ChorusExitCode

    public init(_ message: String, code: ChorusExitCode) {
        self.message = message
        self.code = code
    }

    public static func usage(_ message: String) -> ChorusError { ChorusError(message, code: .usage) }

    public var description: String { message }
}
