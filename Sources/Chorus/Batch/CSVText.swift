import Foundation

/// Writing CSV fields and records as RFC 4180 §2 describes them: the writing half of
/// `CSVRecords`, so what `chorus batch --csv-out` writes reads back the same way.
///
/// - A field is enclosed in double quotes when it holds a comma, a double quote, a CR or an LF
///   (§2.6); a double quote inside is written twice (§2.7). Other fields are written as they are
///   (leading and trailing spaces are part of a field, §2.4, so they are kept).
/// - Records end in CRLF (§2.1), also the last one (§2.2 allows it; every reader takes it).
/// - Line ends inside a field are kept as they are, inside the quotes (§2.6).
enum CSVText {
    static let recordEnd = "\r\n"

    /// One field, quoted when it must be.
    static func field(_ text: String) -> String {
        let needsQuotes = text.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == InputText.carriageReturn || $0 == InputText.lineFeed
        }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record with its CRLF.
    static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + recordEnd
    }
}
