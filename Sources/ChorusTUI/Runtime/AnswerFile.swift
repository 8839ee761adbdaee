import Foundation

/// Writes a saved answer (the run's Markdown report, `MarkdownReport`) to a new file; never
/// overwrites one.
enum AnswerFile {
    /// "chorus-answer-20261125-142310.md" in `directory`, with "-2", "-3"... if taken. Returns the
    /// path as the user should see it.
    /// `stem`: "chorus-copy" for `Y`'s copies (`chorus-copy-20261125-142310.md`).
    static func write(_ text: String, directory: String, date: Date = Date(), stem prefix: String = "chorus-answer") throws -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let stem = "\(prefix)-\(formatter.string(from: date))"
        let data = Data((text.hasSuffix("\n") ? text : text + "\n").utf8)
        for attempt in 1...100 {
            let name = attempt == 1 ? "\(stem).md" : "\(stem)-\(attempt).md"
            let path = (directory as NSString).appendingPathComponent(name)
            // O_EXCL: fail rather than replace a file that appeared meanwhile. Mode 600, as
            // sessions are saved: the file holds the task, the answers and the settings, which
            // may be private (issue 14 follow-up).
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd < 0 {
                if errno == EEXIST { continue }
                throw SaveError(path: path, reason: String(cString: strerror(errno)))
            }
            defer { close(fd) }
            let written = data.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            guard written == data.count else { throw SaveError(path: path, reason: String(cString: strerror(errno))) }
            return path
        }
        throw SaveError(path: (directory as NSString).appendingPathComponent(stem + ".md"), reason: "too many files with this name")
    }

    struct SaveError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "\(path): \(reason)" }
    }
}
