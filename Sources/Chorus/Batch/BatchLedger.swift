import Foundation

/// What an existing `--out` file says is done: the latest status of every id, read from its
/// whole lines. The file is opened at the edge; this reads its bytes.
///
/// Crash safety rests on two rules: every line is written whole with its newline in one write,
/// and a reader trusts only lines that end in a newline. So after a crash (or `kill -9`) the
/// file is whole lines plus at most one torn tail, which `validLength` excludes and the writer
/// cuts off before appending. A complete line that is not a result (edited by hand) is listed
/// in `unreadableLines` and otherwise ignored: its item simply runs again.
public struct BatchLedger: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var status: BatchResult.Status
        /// 1-based line of the file that says so (the latest for its id).
        public var line: Int
    }

    /// The latest entry per id (a later line supersedes an earlier one).
    public private(set) var entries: [String: Entry] = [:]
    /// Bytes up to and including the last newline: the part of the file that is whole lines.
    public private(set) var validLength = 0
    /// Bytes after the last newline: a line torn by a crash, to be dropped.
    public private(set) var tornBytes = 0
    /// Complete lines that are not result lines, by 1-based line number.
    public private(set) var unreadableLines: [Int] = []
    /// Lines read (whole ones).
    public private(set) var lineCount = 0

    public init() {}

    public static func read(_ bytes: [UInt8]) -> BatchLedger {
        var ledger = BatchLedger()
        let file = ResultLines(bytes)
        for line in file.lines {
            if let head = line.head {
                ledger.entries[head.id] = Entry(status: head.status, line: line.number)
            } else {
                ledger.unreadableLines.append(line.number)
            }
        }
        ledger.tornBytes = file.tornBytes
        ledger.validLength = bytes.count - file.tornBytes
        ledger.lineCount = file.count
        return ledger
    }

    /// The run records of the latest lines of `ids` (those that hold a whole record: a
    /// `--compact` line or an unreadable item has none), so `--retry-failed` can retry only an
    /// item's failed workers instead of running it again from scratch.
    public static func records(in bytes: [UInt8], for ids: Set<String>) -> [String: RunRecord] {
        guard !ids.isEmpty else { return [:] }
        struct Line: Decodable {
            var record: RunRecord?
        }
        let decoder = RunRecord.makeDecoder()
        var found: [String: RunRecord] = [:]
        for line in ResultLines(bytes).lines {
            guard let id = line.head?.id, ids.contains(id) else { continue }
            found[id] = (try? decoder.decode(Line.self, from: Data(bytes[line.range])))?.record
        }
        return found
    }

    public var succeededCount: Int { entries.values.filter { $0.status == .succeeded }.count }
    public var failedCount: Int { entries.values.filter { $0.status == .failed }.count }

    /// Which items still need a run. Items whose latest line succeeded are never run again;
    /// failed ones run again only with `retryFailed`; items with no line always run.
    public func selection(of items: [BatchItem], retryFailed: Bool) -> Selection {
        var selection = Selection()
        for item in items {
            switch entries[item.id]?.status {
            case .succeeded?: selection.alreadySucceeded += 1
            case .failed?:
                if retryFailed {
                    selection.toRun.append(item)
                    selection.retrying += 1
                } else {
                    selection.alreadyFailed += 1
                }
            case nil: selection.toRun.append(item)
            }
        }
        return selection
    }

    public struct Selection: Sendable, Equatable {
        public var toRun: [BatchItem] = []
        public var alreadySucceeded = 0
        public var alreadyFailed = 0
        /// Of `toRun`, the items that failed before (`--retry-failed`).
        public var retrying = 0

        public init() {}
    }
}
