import Chorus
import ChorusTUI

/// The terminal UI: a `TerminalUI` whose event sink feeds the `RunController` it drives, and the
/// themes it can load.
enum LiveTerminalUI {
    static let frontEnd = InteractiveFrontEnd { request throws(InteractiveFailure) in
        // The request's environment, not the process's: the theme was checked against it, and
        // tests (or an embedding program) may give a different one.
        let theme: Theme
        do {
            theme = try Theme.load(
                nameOrPath: request.theme, searchPaths: Theme.defaultSearchPaths(environment: request.environment))
        } catch {
            throw .error(.usage("\(error)"))
        }
        let noColor = !(request.environment["NO_COLOR"] ?? "").isEmpty
        let ui: TerminalUI
        do {
            var options = TerminalUI.Options(theme: theme, noColor: noColor, saveDirectory: request.saveDirectory)
            options.followUp = request.followUp
            options.resolveVariant = request.resolveVariant
            if !request.notes.isEmpty { options.firstMessage = request.notes.joined(separator: " · ") }
            ui = try TerminalUI(options: options)
        } catch {
            throw .cannotStart("\(error)")
        }
        let controller: RunController
        let startRun: Bool
        switch request.start {
        case .plan(let plan):
            controller = RunController(plan: plan, models: request.models, clock: request.clock, events: ui.eventSink)
            startRun = true
        case .reopen(let record):
            controller = RunController(
                conversation: Conversation(turns: request.earlierTurns + [record]), models: request.models, clock: request.clock,
                events: ui.eventSink)
            startRun = false
        }
        do {
            return try await ui.run(controller: controller, startRun: startRun).session
        } catch {
            throw .cannotStart("\(error)")
        }
    }

    static let themes = ThemeDirectory(
        list: { environment in
            Theme.available(searchPaths: Theme.defaultSearchPaths(environment: environment)).map {
                ThemeDirectory.Listing(name: $0.name, description: $0.description, source: $0.source)
            }
        },
        check: { nameOrPath, environment in
            do {
                _ = try Theme.load(nameOrPath: nameOrPath, searchPaths: Theme.defaultSearchPaths(environment: environment))
                return nil
            } catch {
                return "\(error)"
            }
        })
}
