import Chorus
import Foundation

/// The interactive UI of one run: the entry point the executable calls.
///
/// ```swift
/// let ui = try TerminalUI(options: .init(theme: theme))      // does not touch the terminal yet
/// let controller = RunController(plan: plan, models: factory, events: ui.eventSink)
/// let outcome = try await ui.run(controller: controller, startRun: true)
/// ```
///
/// `run` takes the terminal, starts the run, handles keys, and gives the terminal back on every
/// way out (quit, Ctrl-C, SIGINT/SIGTERM/SIGHUP) with the run so far in the outcome. All curses
/// calls happen on one thread of its own; engine events reach it through `eventSink`, which any
/// thread may call and which never blocks.
public final class TerminalUI: Sendable {
    public struct Options: Sendable {
        public var theme: Theme
        /// No colours at all (attributes only). Defaults to whether `NO_COLOR` is set and not empty.
        public var noColor: Bool
        /// Where `y` saves the answer.
        public var saveDirectory: String
        /// Upper bound on redraws; a burst of tokens within one frame costs one redraw.
        public var framesPerSecond: Int
        public var streams: TerminalStreams
        /// Hand curses only the cells that changed since the last frame (true), or every cell each
        /// frame and let curses' own refresh find the changes (false). Kept switchable so the UI
        /// benchmark can measure both.
        public var diffFrames = true
        /// What a follow-up (`f`) sends as each worker's assistant turns (setting `follow_up`).
        public var followUp: FollowUpMode = .own
        /// Turns the variant form's change into the variant's settings (README "Variant
        /// reruns"); nil refuses reruns with one line (a UI without the config's providers).
        public var resolveVariant: VariantResolver?
        /// Shown as the first status message (a settings warning such as more `--focus` areas
        /// than workers), so it is read while the run is on screen, not only after quitting.
        public var firstMessage: String?

        public init(
            theme: Theme = .builtInDefault,
            noColor: Bool = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty,
            saveDirectory: String = ".",
            framesPerSecond: Int = 30,
            streams: TerminalStreams = .standard
        ) {
            self.theme = theme
            self.noColor = noColor
            self.saveDirectory = saveDirectory
            self.framesPerSecond = framesPerSecond
            self.streams = streams
        }
    }

    /// How the UI ended.
    public struct Outcome: Sendable {
        /// The record, the quit and the saved files: the core's type, which the command line
        /// reads without knowing this module.
        public var session: InteractiveOutcome
        /// What the UI thread did, for the benchmark and the preview.
        public var statistics: Statistics
    }

    /// What the UI thread did, for the benchmark.
    public struct Statistics: Sendable {
        public var frames = 0
        public var messages = 0
        public var cellsWritten = 0
        public var uiThreadCPUSeconds = 0.0
        public var wallSeconds = 0.0
    }

    public enum StartError: Error, CustomStringConvertible {
        case cannotStart(String)
        public var description: String {
            switch self {
            case .cannotStart(let reason): reason
            }
        }
    }

    public let options: Options
    let inbox: Inbox

    /// Thread-safe, non-blocking: pass it to the `RunController` as its `events`.
    public var eventSink: EventSink {
        let inbox = self.inbox
        return { event in inbox.post(.run(event)) }
    }

    public init(options: Options = Options()) throws {
        self.options = options
        inbox = try Inbox()
    }

    /// Whether the process has a terminal the UI can use: stdout is a TTY, keys can be read (from
    /// stdin, or from /dev/tty when the task was piped in), and TERM is set and not "dumb". The
    /// executable prints plainly otherwise.
    public static func isSupported(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        let term = environment["TERM"] ?? ""
        guard isatty(STDOUT_FILENO) == 1, !term.isEmpty, term != "dumb" else { return false }
        if isatty(STDIN_FILENO) == 1 { return true }
        let tty = open("/dev/tty", O_RDONLY | O_CLOEXEC)
        guard tty >= 0 else { return false }
        close(tty)
        return true
    }

    /// Runs the UI until the user quits. With `startRun`, calls `controller.start()` once the
    /// screen is up; without it (a reopened session) the record is shown as it is, and the user
    /// can retry failed workers and switch strategy.
    ///
    /// Throws only if the terminal cannot be started, before anything ran.
    public func run<Controller: RunControlling>(controller: Controller, startRun: Bool) async throws -> Outcome {
        let record = await controller.record
        let earlierTurns = await controller.earlierTurns
        inbox.startAccepting()
        let options = self.options
        let inbox = self.inbox
        let result: UILoop.Result = try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do {
                    let loop = try UILoop(record: record, earlierTurns: earlierTurns, reopened: !startRun, options: options, inbox: inbox)
                    let perform = CommandPerformer(
                        controller: controller, inbox: inbox, saveDirectory: options.saveDirectory,
                        resolveVariant: options.resolveVariant)
                    if startRun {
                        perform.start()
                    }
                    let result = loop.run(perform: perform.run)
                    result.tasks.append(contentsOf: perform.tasks.withLock { $0 })
                    continuation.resume(returning: result)
                } catch {
                    continuation.resume(throwing: StartError.cannotStart("\(error)"))
                }
            }
            thread.name = "chorus-ui"
            thread.stackSize = 4 << 20
            thread.start()
        }
        inbox.stopAccepting()
        // Let cancelled work settle (cancellation is prompt by contract), but never hang here.
        await Self.settle(result.tasks, within: .seconds(3))
        let final = await controller.record
        let session = InteractiveOutcome(
            record: final, quitWhileRunning: result.quitWhileRunning, savedPaths: result.savedPaths, signal: result.signal,
            earlierTurns: await controller.earlierTurns)
        return Outcome(session: session, statistics: result.statistics)
    }

    private static func settle(_ tasks: [Task<Void, Never>], within limit: Duration) async {
        guard !tasks.isEmpty else { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for task in tasks { await task.value }
            }
            group.addTask { try? await Task.sleep(for: limit) }
            await group.next()
            group.cancelAll()
        }
    }
}
