import ArgumentParser

/// A parsed command that can run in a `CLIContext`. `ChorusMain` parses with ArgumentParser, then
/// calls `execute` itself (never ArgumentParser's `run()`), so commands are testable in-process
/// with injected streams and models, and every failure becomes one line and an exit code.
protocol ChorusExecutable {
    func execute(in context: CLIContext) async throws(ChorusError) -> ChorusExitCode
}

/// The program's version, printed by `chorus --version`.
public enum ChorusVersion {
    public static let current = "0.1.0"
}
