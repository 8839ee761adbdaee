/// Byte-level helpers the JSONL and CSV readers share.
///
/// Both work on UTF-8 bytes rather than `Character`s: Swift treats "\r\n" as one Character, so
/// splitting a String on "\n" misses CRLF line ends, and bytes are also much faster to scan.
enum InputText {
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    /// The UTF-8 bytes of `text` without a leading byte order mark, which editors on Windows
    /// write and which is not part of the first line's content.
    static func bytesWithoutBOM(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        return bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
    }

    static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == carriageReturn || byte == lineFeed
    }

    /// The range of `bytes[range]` without the spaces, tabs and line-end bytes around it.
    static func trimmed(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isBlank(bytes[lower]) { lower += 1 }
        while upper > lower, isBlank(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }
}
