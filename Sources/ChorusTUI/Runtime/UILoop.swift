import Chorus
import Foundation

/// The UI thread's loop: wait (poll on the terminal and the wake-up pipe), read keys, apply
/// queued messages, carry out commands, and draw when a frame is due.
final class UILoop {
    final class Result: @unchecked Sendable {
        // Built on the UI thread, handed over once through a continuation.
        var quitWhileRunning = false
        var savedPaths: [String] = []
        var signal: Int32?
        var statistics = TerminalUI.Statistics()
        var tasks: [Task<Void, Never>] = []
    }

    private var state: UIState
    private let screen: CursesScreen
    private let inbox: Inbox
    private var pacer: FramePacer
    private var grid = CellGrid(width: 0, height: 0)
    private let started = ContinuousClock.now

    init(record: RunRecord, earlierTurns: [RunRecord] = [], reopened: Bool, options: TerminalUI.Options, inbox: Inbox) throws {
        screen = try CursesScreen(streams: options.streams, theme: options.theme, noColor: options.noColor)
        screen.diffFrames = options.diffFrames
        let size = screen.size
        state = UIState(record: record, width: size.width, height: size.height, reopened: reopened)
        state.earlierTurns = earlierTurns
        state.followUpMode = options.followUp
        if let first = options.firstMessage { state.sayFirst(first) }
        self.inbox = inbox
        pacer = FramePacer(framesPerSecond: options.framesPerSecond)
    }

    private var now: Int64 { (ContinuousClock.now - started).milliseconds }

    func run(perform: (UICommand) -> Void) -> Result {
        let result = Result()
        let trap = SignalTrap(writeDescriptor: inbox.writeDescriptor)
        let cpuStart = Self.threadCPUSeconds()
        defer {
            screen.end()
            trap.restore()
        }
        var fds = [
            pollfd(fd: screen.inputDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: inbox.readDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        var lastTick: Int64 = -1
        while !state.hasQuit {
            let timeout = pacer.timeout(now: now, animating: state.isWorking || state.message != nil)
            _ = poll(&fds, 2, timeout)
            if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                // The terminal went away: nothing can be shown or typed any more.
                fds[0].fd = -1
                apply(.terminate(signal: SIGHUP), result: result, perform: perform)
            }

            let (keys, resized) = screen.readKeys()
            let (messages, signals) = inbox.take()
            let t = now
            if t / 100 != lastTick / 100 {
                lastTick = t
                let hadMessage = state.message != nil
                state.update(.tick(now: t))
                if state.isWorking || hadMessage != (state.message != nil) { pacer.markDirty() }
            }
            if resized {
                let size = screen.size
                screen.invalidate()
                apply(.resize(width: size.width, height: size.height), result: result, perform: perform)
            }
            for message in messages { apply(message, result: result, perform: perform) }
            for key in keys { apply(.key(key), result: result, perform: perform) }
            if let signal = signals.first {
                result.signal = signal
                apply(.terminate(signal: signal), result: result, perform: perform)
            }
            result.statistics.messages += messages.count

            if pacer.takeFrame(now: now) || state.hasQuit {
                Renderer.render(state, into: &grid)
                screen.draw(grid)
                result.statistics.frames += 1
            }
        }
        result.quitWhileRunning = state.quitWhileRunning
        result.savedPaths = state.savedPaths
        result.statistics.cellsWritten = screen.cellsWritten
        result.statistics.uiThreadCPUSeconds = Self.threadCPUSeconds() - cpuStart
        result.statistics.wallSeconds = Double(now) / 1000
        return result
    }

    private func apply(_ message: UIMessage, result: Result, perform: (UICommand) -> Void) {
        let commands = state.update(message)
        pacer.markDirty()
        for command in commands {
            // The clipboard sequence goes to the terminal from this thread, which owns the screen.
            if case .copy(let text, _) = command, let sequence = OSC52.sequence(text) { screen.writeControl(sequence) }
            perform(command)
        }
    }

    static func threadCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
