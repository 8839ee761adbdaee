import Foundation
import Synchronization

/// Reads everything written to a pipe on a thread of its own, so the UI can write freely.
final class PipeCapture: Sendable {
    let readDescriptor: Int32
    let writeDescriptor: Int32
    private let data = Mutex([UInt8]())

    init() {
        var fds: [Int32] = [0, 0]
        precondition(pipe(&fds) == 0)
        readDescriptor = fds[0]
        writeDescriptor = fds[1]
        let fd = readDescriptor
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = read(fd, &buffer, buffer.count)
                if n <= 0 { break }
                self.data.withLock { $0.append(contentsOf: buffer[0..<n]) }
            }
        }
    }

    var bytes: [UInt8] { data.withLock { $0 } }
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Waits (yielding, in real time, up to `limit`) until `predicate` holds for the text so far.
    /// The limit only bounds a failing test; a passing one continues as soon as the UI drew.
    func wait(until predicate: (String) -> Bool, limit: Duration = .seconds(20)) async -> Bool {
        let start = ContinuousClock.now
        while !predicate(text) {
            if ContinuousClock.now - start > limit { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }

    func closeWriter() { close(writeDescriptor) }
}
