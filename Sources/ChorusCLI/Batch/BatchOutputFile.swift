#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Chorus
import Foundation

/// `--out`: the batch's results, one JSON line per finished item, appended as items finish.
///
/// - Each line goes out in one `write(2)` with its newline (retried on a short write), so a
///   crash or `kill -9` leaves whole lines and at most one torn tail, never a merged line.
/// - Opening reads what is there (`BatchLedger`) and cuts off a torn tail before appending.
/// - An exclusive `flock` keeps a second `chorus batch` from appending to the same file (both
///   would run the same items); it is released when the process ends, however it ends.
/// - The data is flushed to disk (`fdatasync`) at most once a second and when the batch ends,
///   so a power cut loses at most the last second, and the flushing does not slow the batch.
actor BatchOutputFile {
    let path: String
    private let fd: Int32
    private var lastSync = ContinuousClock.now
    private var unsynced = false

    /// What the file held when it was opened, and whether a torn tail was cut off.
    let ledger: BatchLedger

    init(path: String) throws(ChorusError) {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            throw ChorusError("--out \(path): the folder \(folder) does not exist; create it or choose another path", code: .usage)
        }
        let fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ChorusError("--out \(path): cannot open (\(String(cString: strerror(errno)))); check the path and permissions", code: .usage)
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw ChorusError(
                "--out \(path): another chorus batch is writing this file; wait for it to end, or give this one another --out",
                code: .usage)
        }
        var status = stat()
        guard fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw ChorusError("--out \(path): not a regular file; give a .jsonl file path", code: .usage)
        }
        let bytes: [UInt8]
        do {
            bytes = try Self.readAll(fd, size: Int(status.st_size))
        } catch {
            close(fd)
            throw ChorusError("--out \(path): cannot read (\(error.message)); check the permissions", code: .usage)
        }
        let ledger = BatchLedger.read(bytes)
        if ledger.tornBytes > 0, ftruncate(fd, off_t(ledger.validLength)) != 0 {
            close(fd)
            throw ChorusError("--out \(path): cannot cut off a torn last line (\(String(cString: strerror(errno))))", code: .failure)
        }
        self.fd = fd
        self.ledger = ledger
    }

    /// The earlier run records of the items `--retry-failed` runs again (read once more from
    /// the file: only failed items' lines are decoded whole).
    func previousRecords(for selection: BatchLedger.Selection) -> [String: RunRecord] {
        let failed = Set(selection.toRun.map(\.id).filter { ledger.entries[$0]?.status == .failed })
        guard !failed.isEmpty, let bytes = try? Self.readAll(fd, size: ledger.validLength) else { return [:] }
        return BatchLedger.records(in: bytes, for: failed)
    }

    /// The file's whole lines as they are now (for `--csv-out`, which is written from them).
    func wholeLines() -> [UInt8] {
        var status = stat()
        guard fstat(fd, &status) == 0, let bytes = try? Self.readAll(fd, size: Int(status.st_size)) else { return [] }
        return bytes
    }

    /// Appends one whole line. Throws when the disk is full or the file went away.
    func append(_ line: [UInt8]) throws(ChorusError) {
        var offset = 0
        while offset < line.count {
            let n = line.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + offset, line.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                // A partial line may be there now; the next open cuts it off.
                throw ChorusError("--out \(path): cannot write (\(reason)); free some space, then run the same command again to resume", code: .failure)
            }
            offset += n
        }
        unsynced = true
        if ContinuousClock.now - lastSync >= .seconds(1) { sync() }
    }

    /// Flushes to disk; the batch calls it when it ends.
    func sync() {
        guard unsynced else { return }
        _ = fdatasync(fd)
        unsynced = false
        lastSync = ContinuousClock.now
    }

    /// Flushes and closes (which releases the lock).
    func finish() {
        sync()
        _ = close(fd)
    }

    private struct ReadFailure: Error { var message: String }

    private static func readAll(_ fd: Int32, size: Int) throws(ReadFailure) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: max(size, 0))
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + offset, $0.count - offset, off_t(offset)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ReadFailure(message: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            offset += n
        }
        return Array(bytes[..<offset])
    }
}
