import Foundation

extension CLIContext {
    /// The real process: its environment, standard streams, providers and terminal UI.
    public static func live() -> CLIContext {
        let environment = ProcessInfo.processInfo.environment
        return CLIContext(
            environment: environment, home: environment["HOME"] ?? NSHomeDirectory(),
            stdout: .fileDescriptor(STDOUT_FILENO), stderr: .fileDescriptor(STDERR_FILENO), stdin: .standardInput,
            services: .live)
    }
}
