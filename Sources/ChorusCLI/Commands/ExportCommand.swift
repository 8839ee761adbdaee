import ArgumentParser
import Chorus
import Foundation

/// `chorus export FILE`: a saved session as a readable Markdown report, or as its JSON record.
public struct ExportCommand: ParsableCommand, ChorusExecutable {
    public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case markdown, json
    }

    public static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a saved session as a Markdown report or JSON, to stdout or --output.")

    @Argument(help: ArgumentHelp("A session file.", valueName: "file"))
    public var file: String?

    @Flag(help: "Export the newest saved session (chorus sessions lists them).")
    public var last = false

    @Option(help: "markdown (a readable report) or json (the run record).")
    public var format: Format = .markdown

    @Option(name: .shortAndLong, help: ArgumentHelp("Write here instead of stdout (atomically).", valueName: "file"))
    public var output: String?

    public init() {}

    func execute(in context: CLIContext) async throws(ChorusError) -> ChorusExitCode {
        let paths = ChorusPaths(environment: context.environment, home: context.home)
        let record: Conversation
        if last || file == nil {
            // The sessions folder may be set in the config file's [sessions] table.
            let loaded = try LoadedSettings.load(LoadedSettings.Inputs(), environment: context.environment, home: context.home)
            record = try SessionStore.loadConversation(try SessionStore.chosen(file: file, last: last, loaded: loaded))
        } else {
            record = try SessionStore.loadConversation(paths.expand(file ?? ""))
        }
        var text: String
        switch format {
        case .markdown: text = MarkdownReport.render(record) + "\n"
        case .json: text = HeadlessRun.json(record, pretty: true)
        }
        if let output {
            try AtomicFile.write(Data(text.utf8), to: paths.expand(output), permissions: 0o644)
        } else {
            if context.stdout.isTerminal {
                text = format == .markdown ? TerminalSafeText.sanitize(text) : TerminalSafeText.escapingInJSON(text)
            }
            context.stdout.write(text)
        }
        return .success
    }
}
