import Foundation

/// The lines of an `--out` file as far as a reader may trust them: the one place that splits
/// such a file, for resuming (`BatchLedger`), retrying (`BatchLedger.records`) and merging
/// shards (`BatchMerge`).
///
/// Only lines that end in a newline count (a line is written whole with its newline in one
/// write, so bytes after the last newline are a tail torn by a crash). Blank lines are skipped;
/// a whole line that is not a result line (no id and status) is kept as unreadable.
struct ResultLines {
    struct Head: Decodable {
        var id: String
        var status: BatchResult.Status
    }

    struct Line {
        /// 1-based line number in the file.
        var number: Int
        /// The line's bytes in the file, with its newline.
        var range: Range<Int>
        /// Its id and status; nil when the line is not a result line.
        var head: Head?
    }

    var lines: [Line] = []
    /// Bytes after the last newline.
    var tornBytes = 0
    /// Whole lines, blank ones included.
    var count = 0

    init(_ bytes: [UInt8]) {
        let decoder = JSONDecoder()
        var start = 0
        while start < bytes.count {
            guard let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else {
                tornBytes = bytes.count - start
                break
            }
            count += 1
            let body = bytes[start..<end]
            if !body.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                let head = (try? decoder.decode(Head.self, from: Data(body))).flatMap { $0.id.isEmpty ? nil : $0 }
                lines.append(Line(number: count, range: start..<(end + 1), head: head))
            }
            start = end + 1
        }
    }
}
