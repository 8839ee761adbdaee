import Chorus
import Foundation

/// Everything a command touches outside its own logic: environment, standard streams, the
/// services that reach models and the UI. `ChorusMain` builds the live one; tests build one with
/// buffers, a fixed environment and scripted models.
public struct CLIContext: Sendable {
    public var environment: [String: String]
    public var home: String
    public var stdout: TextOutput
    public var stderr: TextOutput
    public var stdin: TextInput
    public var services: ChorusServices
    public var now: @Sendable () -> Date

    public init(
        environment: [String: String], home: String? = nil, stdout: TextOutput, stderr: TextOutput, stdin: TextInput,
        services: ChorusServices, now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.environment = environment
        self.home = home ?? environment["HOME"] ?? NSHomeDirectory()
        self.stdout = stdout
        self.stderr = stderr
        self.stdin = stdin
        self.services = services
        self.now = now
    }

    /// Whether the terminal can show the UI: stdout is a TTY, `TERM` is set and not "dumb", and
    /// keys can be read (stdin is a TTY, or `/dev/tty` opens when the task was piped in).
    public var canShowUI: Bool {
        let term = environment["TERM"] ?? ""
        return stdin.keyboardAvailable && stdout.isTerminal && !term.isEmpty && term != "dumb"
    }
}
