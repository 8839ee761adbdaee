/// The records of a CSV text as RFC 4180 describes them, before any header is applied.
///
/// Kept apart from `CSVItems` because the hard part, quotes that hide commas and line ends, is a
/// question of bytes, while what a record means (header, ids, field counts) is not.
struct CSVRecord: Equatable {
    var fields: [String]
    /// The physical line the record starts on, 1-based. A quoted field with line ends in it
    /// makes a record span several lines, so this is not the record's index.
    var line: Int
    /// The record's text as written, without its line end: what a generated id is made from.
    var raw: String
    /// The line a quoted field started on when its closing quote never came. The field then ran
    /// to the end of the input, so this record is the last one.
    var unclosedQuoteLine: Int?
}

enum CSVRecords {
    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")

    /// Every record, in order, skipping blank lines (only spaces, tabs or nothing) between them.
    /// Lenient where RFC 4180 is silent: a quote inside an unquoted field is kept as text, and
    /// text after a closing quote is appended to the field, as most spreadsheet programs do.
    static func parse(_ bytes: [UInt8]) -> [CSVRecord] {
        var records: [CSVRecord] = []
        var index = 0
        var line = 1
        while index < bytes.count {
            let start = index
            let startLine = line
            var fields: [String] = []
            var field: [UInt8] = []
            var unclosedQuoteLine: Int?
            var end = bytes.count
            fieldLoop: while true {
                if index < bytes.count, bytes[index] == quote {
                    let quoteLine = line
                    index += 1
                    var closed = false
                    while index < bytes.count {
                        let byte = bytes[index]
                        if byte == quote {
                            if index + 1 < bytes.count, bytes[index + 1] == quote {
                                field.append(quote)
                                index += 2
                                continue
                            }
                            index += 1
                            closed = true
                            break
                        }
                        if byte == InputText.lineFeed { line += 1 }
                        field.append(byte)
                        index += 1
                    }
                    if !closed {
                        unclosedQuoteLine = quoteLine
                        fields.append(String(decoding: field, as: UTF8.self))
                        break fieldLoop
                    }
                }
                let unquotedStart = index
                while index < bytes.count, bytes[index] != comma, bytes[index] != InputText.lineFeed {
                    field.append(bytes[index])
                    index += 1
                }
                if index < bytes.count, bytes[index] == comma {
                    fields.append(String(decoding: field, as: UTF8.self))
                    field = []
                    index += 1
                    continue fieldLoop
                }
                // The record ends here, at a line feed or the end of the input. A CR just before
                // is part of the line end (CRLF), unless a quote put it in the field's text.
                end = index
                if index > unquotedStart, bytes[index - 1] == InputText.carriageReturn {
                    field.removeLast()
                    end -= 1
                }
                fields.append(String(decoding: field, as: UTF8.self))
                if index < bytes.count {
                    index += 1
                    line += 1
                }
                break fieldLoop
            }
            let rawRange = start..<end
            if unclosedQuoteLine == nil, InputText.trimmed(bytes, rawRange).isEmpty { continue }
            records.append(
                CSVRecord(
                    fields: fields, line: startLine, raw: String(decoding: bytes[rawRange], as: UTF8.self),
                    unclosedQuoteLine: unclosedQuoteLine))
        }
        return records
    }
}
