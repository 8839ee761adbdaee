import Foundation
import ArgumentParser
import Chorus

/// `chorus themes`: the UI's colour themes, shipped and the user's own, with the one in use marked.
public struct ThemesCommand: ParsableCommand, ChorusExecutable {
    public static let configuration = CommandConfiguration(
        commandName: "themes",
        abstract: "List the UI's colour themes (use one with --theme NAME or theme = \"NAME\").")

    @Option(help: ArgumentHelp("Config file (to mark the theme it selects).", valueName: "file"))
    public var config: String?

    public init() {}

    func execute(in context: CLIContext) async throws(ChorusError) -> ChorusExitCode {
        let loaded = try LoadedSettings.load(
            LoadedSettings.Inputs(configFlag: config), environment: context.environment, home: context.home)
        let themes = context.services.themes.list(context.environment)
        guard !themes.isEmpty else {
            context.stderr.line("chorus: no themes found; put NAME.toml files in \(loaded.paths.userThemesDirectory)")
            return .success
        }
        let current = loaded.settings.theme.value
        let width = themes.map(\.name.count).max() ?? 0
        for theme in themes {
            let mark = theme.name == current ? "*" : " "
            let name = theme.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let description = theme.description.isEmpty ? "" : "  \(theme.description)"
            context.stdout.line(TerminalSafeText.oneLine("\(mark) \(name)\(description)  (\(theme.source))"))
        }
        return .success
    }
}
