import Foundation

/// The descriptor the signal handler writes to; set only while a UI runs (one at a time).
nonisolated(unsafe) private var signalWakeDescriptor: Int32 = -1

/// Turns SIGINT, SIGTERM and SIGHUP into a byte in the UI's wake-up pipe while the UI runs, so
/// the UI thread restores the terminal and returns the run so far instead of the process dying
/// with the terminal in raw mode. The previous handlers come back afterwards.
///
/// SIGWINCH is left to ncurses on purpose (it turns a resize into KEY_RESIZE).
struct SignalTrap {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    private var previous: [Int32: sigaction] = [:]

    init(writeDescriptor: Int32) {
        signalWakeDescriptor = writeDescriptor
        for signal in Self.signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(signalWakeDescriptor, &byte, 1)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
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
        signalWakeDescriptor = -1
    }
}
