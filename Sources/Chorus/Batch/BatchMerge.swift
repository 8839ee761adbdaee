import Foundation

/// Joins the `--out` files of a sharded batch (`chorus batch merge`): one line per id, the
/// lines copied byte for byte. Within a file a later line supersedes an earlier one (as on
/// resume); an id found in two files is a duplicate (the shards overlapped: reported), and the
/// succeeded line wins over a failed one, else the later file's.
public struct BatchMerge: Sendable {
    public struct Duplicate: Sendable, Hashable {
        public var id: String
        public var files: [String]
    }

    /// The merged lines, each with its newline, in order of first appearance.
    public private(set) var lines: [[UInt8]] = []
    public private(set) var succeeded = 0
    public private(set) var failed = 0
    public private(set) var duplicates: [Duplicate] = []
    /// Torn tails skipped, by file name.
    public private(set) var tornFiles: [String] = []
    /// Complete lines that are not result lines: (file, line number).
    public private(set) var unreadable: [(file: String, line: Int)] = []
    /// Every id merged.
    public private(set) var ids: Set<String> = []

    private struct Chosen {
        var line: [UInt8]
        var status: BatchResult.Status
        var file: Int
    }

    public init(files: [(name: String, bytes: [UInt8])]) {
        var chosen: [String: Chosen] = [:]
        var order: [String] = []
        var seenIn: [String: [Int]] = [:]
        for (fileIndex, file) in files.enumerated() {
            var latest: [String: Chosen] = [:]
            var fileOrder: [String] = []
            let lines = ResultLines(file.bytes)
            if lines.tornBytes > 0 { tornFiles.append(file.name) }
            for line in lines.lines {
                guard let head = line.head else {
                    unreadable.append((file.name, line.number))
                    continue
                }
                if latest[head.id] == nil { fileOrder.append(head.id) }
                latest[head.id] = Chosen(line: Array(file.bytes[line.range]), status: head.status, file: fileIndex)
            }
            for id in fileOrder {
                let candidate = latest[id]!
                seenIn[id, default: []].append(fileIndex)
                if let current = chosen[id] {
                    if !(current.status == .succeeded && candidate.status == .failed) { chosen[id] = candidate }
                } else {
                    chosen[id] = candidate
                    order.append(id)
                }
            }
        }
        for id in order {
            let line = chosen[id]!
            lines.append(line.line)
            if line.status == .succeeded { succeeded += 1 } else { failed += 1 }
            if let where_ = seenIn[id], where_.count > 1 {
                duplicates.append(Duplicate(id: id, files: where_.map { files[$0].name }))
            }
        }
        ids = Set(order)
    }

    /// Ids of `expected` (the input's items) that no file has, in input order.
    public func missing(from expected: [String]) -> [String] {
        expected.filter { !ids.contains($0) }
    }
}
