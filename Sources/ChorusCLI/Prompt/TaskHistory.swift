import Foundation

/// Earlier tasks for the Task prompt's Up/Down: a bounded file next to the sessions
/// (`$XDG_STATE_HOME/chorus/task-history`), newest last.
///
/// Shape: JSON Lines, one JSON string per task, so a multi-line (pasted) task stays one entry.
/// Holds tasks only (never settings or keys), at most `limit` of them; a repeat of the newest is
/// not added twice. Written whole to a temporary file and renamed, readable by the owner only.
/// A missing or unreadable file is an empty history: history is a convenience, never an error.
public struct TaskHistory: Sendable {
    public static let limit = 500

    public let path: String

    public init(path: String) {
        self.path = path
    }

    public init(paths: ChorusPaths) {
        self.init(path: paths.stateHome + "/chorus/task-history")
    }

    /// The tasks, oldest first.
    public func load() -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let decoder = JSONDecoder()
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(String.self, from: Data($0)) }
    }

    /// Adds `task` as the newest, keeping the last `limit`. Failures are ignored (see above).
    public func append(_ task: String) {
        var tasks = load()
        if tasks.last == task { return }
        tasks.append(task)
        tasks = Array(tasks.suffix(Self.limit))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        var data = Data()
        for entry in tasks {
            guard let line = try? encoder.encode(entry) else { continue }
            data.append(line)
            data.append(UInt8(ascii: "\n"))
        }
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = path + ".\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else { return }
        if rename(temporary, path) != 0 { unlink(temporary) }
    }
}
