import Foundation

/// The terminal state to put back if a signal ends the process during the prompt; set only
/// while the prompt has the terminal in raw mode (one prompt at a time).
nonisolated(unsafe) private var promptSavedTermios = termios()
nonisolated(unsafe) private var promptInputDescriptor: Int32 = -1
nonisolated(unsafe) private var promptOutputDescriptor: Int32 = -1
/// Set by SIGWINCH during the prompt; the read loop redraws the line for the new width.
nonisolated(unsafe) private var promptResized: sig_atomic_t = 0

/// While the Task prompt has the terminal in raw mode, SIGTERM and SIGHUP (SIGINT cannot arrive:
/// ISIG is off, Ctrl-C is a byte) first give the terminal back (cooked mode, bracketed paste off)
/// and then end the process as the signal would have, so a killed `chorus` never leaves the
/// shell without echo. The handler uses only async-signal-safe calls (tcsetattr, write, signal,
/// raise; POSIX.1-2017 2.4.3). SIGWINCH only sets a flag the prompt reads to redraw. The
/// previous handlers come back afterwards.
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
        // SIGWINCH (a resize): only a flag, set without SA_RESTART so the prompt's blocked read
        // returns EINTR and the line is redrawn for the new width at once, not at the next key.
        var resize = sigaction()
        resize.__sigaction_handler.sa_handler = { _ in promptResized = 1 }
        sigemptyset(&resize.sa_mask)
        resize.sa_flags = 0
        var old = sigaction()
        promptResized = 0
        sigaction(SIGWINCH, &resize, &old)
        previous[SIGWINCH] = old
    }

    /// Whether the terminal was resized since the last call.
    static func takeResize() -> Bool {
        guard promptResized != 0 else { return false }
        promptResized = 0
        return true
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
