import ArgumentParser
import Chorus
import Foundation

/// The entry point: parse, run, turn every failure into one line on stderr and an exit status.
///
/// `main.swift` calls `run` with the live context; tests call it with buffers and scripted models.
public enum ChorusMain {
    public static func run(arguments: [String], context: CLIContext) async -> Int32 {
        var command: any ParsableCommand
        do {
            command = try ChorusCommand.parseAsRoot(arguments)
        } catch {
            return report(error, context: context)
        }
        guard let executable = command as? any ChorusExecutable else {
            // ArgumentParser's own commands (help): their run() throws the text to print.
            do {
                try command.run()
                return ChorusExitCode.success.rawValue
            } catch {
                return report(error, context: context)
            }
        }
        do {
            return try await executable.execute(in: context).rawValue
        } catch {
            context.stderr.line("chorus: " + TerminalSafeText.oneLine(error.message))
            return error.code.rawValue
        }
    }

    /// Help, version and completion scripts go to stdout with status 0; a parse error is one line
    /// on stderr with the usage status (ArgumentParser's own messages, folded to one line).
    static func report(_ error: any Error, context: CLIContext) -> Int32 {
        let code = ChorusCommand.exitCode(for: error)
        if code == .success {
            context.stdout.write(ChorusCommand.fullMessage(for: error) + "\n")
            return ChorusExitCode.success.rawValue
        }
        let message = ChorusCommand.message(for: error)
            .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        context.stderr.line("chorus: \(message) (see chorus --help)")
        return ChorusExitCode.usage.rawValue
    }
}
