import Foundation
import Synchronization

/// Messages for the UI thread from any thread, plus the wake-up pipe its `poll` watches.
///
/// Posting is cheap and never blocks: the message goes into a locked array, and one byte goes
/// into the (non-blocking) pipe only when the UI thread is not already due to wake, so a flood of
/// tokens costs one wake-up, not thousands. Signal handlers write their signal number into the
/// same pipe (a `write` is async-signal-safe; taking a lock is not).
final class Inbox: Sendable {
    private struct Box {
        var messages: [UIMessage] = []
        var wakePending = false
        var closed = false
    }

    private let box = Mutex(Box())
    let readDescriptor: Int32
    let writeDescriptor: Int32

    init() throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readDescriptor = fds[0]
        writeDescriptor = fds[1]
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    func post(_ message: UIMessage) {
        let wake = box.withLock { b -> Bool in
            guard !b.closed else { return false }
            b.messages.append(message)
            if b.wakePending { return false }
            b.wakePending = true
            return true
        }
        if wake {
            var byte: UInt8 = 0
            _ = write(writeDescriptor, &byte, 1)
        }
    }

    /// Everything posted so far, and the signals that arrived (from the pipe), in order.
    func take() -> (messages: [UIMessage], signals: [Int32]) {
        let messages = box.withLock { b -> [UIMessage] in
            b.wakePending = false
            defer { b.messages.removeAll(keepingCapacity: true) }
            return b.messages
        }
        var signals: [Int32] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let n = read(readDescriptor, &buffer, buffer.count)
            if n <= 0 { break }
            for byte in buffer[0..<n] where byte != 0 { signals.append(Int32(byte)) }
        }
        return (messages, signals)
    }

    /// After the UI ends, late events (workers settling after a cancel) are dropped.
    func stopAccepting() {
        box.withLock { $0.closed = true; $0.messages.removeAll() }
    }

    func startAccepting() {
        box.withLock { $0.closed = false }
    }
}
