#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes a file so that readers see either the old file or the whole new one, never half.
///
/// The bytes go to a temporary file in the same folder (so the rename stays on one file system),
/// are flushed to disk, and the temporary file is renamed over the target: rename(2) is atomic.
/// A crash mid-write leaves at most a stray `.NAME.tmp-*` file, never a truncated session.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String, permissions: mode_t = 0o600) throws(ChorusError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw ChorusError("\(folder): cannot create the folder (\(reason(error))); check the path and permissions", code: .failure)
        }
        let temporary = folder + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard fd >= 0 else {
            throw ChorusError("\(path): cannot write (\(String(cString: strerror(errno)))); check the folder's permissions", code: .failure)
        }
        var failure: String?
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        close(fd)
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw ChorusError("\(path): cannot write (\(failure)); check free space and permissions", code: .failure)
        }
    }

    static func reason(_ error: any Error) -> String {
        (error as NSError).localizedDescription
    }
}

