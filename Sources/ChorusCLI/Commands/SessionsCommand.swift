import ArgumentParser
import Chorus
import Foundation

/// `chorus sessions`: the saved sessions, newest first, each with its date, outcome, strategy,
/// how many workers succeeded, the task on one line and the file's path (to give to `chorus open`
/// or `chorus export`). Files that cannot be read are listed as such.
public struct SessionsCommand: ParsableCommand, ChorusExecutable {
    public static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List saved sessions, newest first: date, outcome, task and file (chorus open --last opens the newest).")

    @Option(help: ArgumentHelp("Show at most this many (default 20; 0 for all).", valueName: "n"))
    public var limit: Int = 20

    @Flag(help: "Print a JSON array, one object per session (path, started_at, task, outcome, ...).")
    public var json = false

    @Option(help: ArgumentHelp("Config file (its [sessions] directory is where to look).", valueName: "file"))
    public var config: String?

    public init() {}

    func execute(in context: CLIContext) async throws(ChorusError) -> ChorusExitCode {
        guard limit >= 0 else { throw .usage("--limit \(limit): give a count of 0 or more (0 shows every session)") }
        let loaded = try LoadedSettings.load(
            LoadedSettings.Inputs(configFlag: config), environment: context.environment, home: context.home)
        let directory = loaded.sessionsDirectory
        let all = SessionStore(directory: directory).list().reversed()
        let shown = limit == 0 ? Array(all) : Array(all.prefix(limit))
        let summaries = shown.map(SessionSummary.read)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            let data = (try? encoder.encode(summaries)) ?? Data("[]".utf8)
            let text = String(decoding: data, as: UTF8.self) + "\n"
            context.stdout.write(context.stdout.isTerminal ? TerminalSafeText.escapingInJSON(text) : text)
            return .success
        }
        guard !summaries.isEmpty else {
            context.stdout.line("no saved sessions in \(directory)")
            return .success
        }
        for summary in summaries {
            context.stdout.line(summary.line(width: context.stdout.width ?? 100))
            context.stdout.line("  " + summary.path)
        }
        if shown.count < all.count {
            context.stdout.line("(\(all.count - shown.count) older; --limit 0 lists all \(all.count))")
        }
        return .success
    }
}
