import Foundation

/// The terminal state to put back if a signal ends the process during the prompt; set only
/// while the prompt has the terminal in raw mode (one prompt at a time).
nonisolated(unsafe) private var promptSavedTermios = termios()
nonisolated(unsafe) private var promptInputDescriptor: Int32 = -1
nonisolated(unsafe) private var promptOutputDescriptor: Int32 = -1

/// While the Task prompt has the terminal in raw mode, SIGTERM and SIGHUP (SIGINT cannot arrive:
/// ISIG is off, Ctrl-C is a byte) first give the terminal back (cooked mode, bracketed paste off)
/// and then end the process as the signal would have, so a killed `chorus` never leaves the
/// shell without echo. The handler uses only async-signal-safe calls (tcsetattr, write, signal,
/// raise; POSIX.1-2017 2.4.3). The previous handlers come back afterwards.
struct PromptSignalGuard {
    static let signals: [Int32] = [SIGTERM, SIGHUP]
    private var previous: [Int32: sigaction] = [:]

    init(input: Int32, output: Int32, saved: termios) {
        promptSavedTermios = saved
        promptInputDescriptor = input
        promptOutputDescriptor = output
        for signal in Self.signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                if promptInputDescriptor >= 0 { tcsetattr(promptInputDescriptor, TCSANOW, &promptSavedTermios) }
                let off: StaticString = "\u{1B}[?2004l\r\n"
                if promptOutputDescriptor >= 0 { _ = write(promptOutputDescriptor, off.utf8Start, off.utf8CodeUnitCount) }
                Glibc.signal(number, SIG_DFL)
                raise(number)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            var old = sigaction()
            sigaction(signal, &action, &old)
            previous[signal] = old
        }
    }

    func restore() {
        for (signal, action) in previous {
            var action = action
            sigaction(signal, &action, nil)
        }
        promptInputDescriptor = -1
        promptOutputDescriptor = -1
    }
}
