import Foundation

/// `chorus batch --csv-out FILE`: the input CSV written back whole, with the batch's answers in
/// columns added after the input's own.
///
/// The added columns, always all of them, so a resume or a retry never changes the file's shape:
/// - with a schema: one column per top-level field of the schema (in the schema's order), then
///   `agreement` (per field, "label 5/5; amount 3/5; weight ±0.4"), `needs_review` (`true` /
///   `false`) and `error`;
/// - without one: `answer` (the merged answer) and `error`.
///
/// A row whose item failed has only `error` filled (the item's one-line error); a row with no
/// result yet (not run, or a later shard's) has every added column empty, so a resume fills in
/// exactly the rows that are missing. The values come from `--out`'s lines (the latest line per
/// id), never from the CSV written before: `--out` is the one record of what ran.
///
/// Input rows are written back as they were read (re-quoted per RFC 4180, see `CSVText`). A row
/// the reader could not use keeps its fields, padded with empty ones to the header's count (or
/// cut to it: the input file itself is never changed, so nothing is lost).
public struct CSVWriteBack: Sendable, Equatable {
    /// The schema's top-level fields in order; nil for a run without a schema.
    public let fields: [String]?
    /// The columns added after the input's own, in order.
    public let addedColumns: [String]

    public static let agreementColumn = "agreement"
    public static let needsReviewColumn = "needs_review"
    public static let errorColumn = "error"
    public static let answerColumn = "answer"

    public init(fields: [String]?) {
        self.fields = fields
        if let fields {
            addedColumns = fields + [Self.agreementColumn, Self.needsReviewColumn, Self.errorColumn]
        } else {
            addedColumns = [Self.answerColumn, Self.errorColumn]
        }
    }

    /// The values of the added columns for one item, by column name; a missing column is empty.
    public struct Row: Sendable, Equatable {
        public var values: [String: String]
        public init(_ values: [String: String]) { self.values = values }
    }

    /// The input's column names as `CSVItems` reads them (trimmed). Throws the reader's message
    /// for an empty input or a broken header.
    public static func columns(of text: String) throws(BatchInputError) -> [String] {
        let records = CSVRecords.parse(InputText.bytesWithoutBOM(text))
        guard let header = records.first else {
            throw BatchInputError("the CSV input is empty; its first line must be a header naming the columns, e.g. id,text")
        }
        return header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// One line naming the first input column that an added column would repeat, and the fix;
    /// nil when the names are all different. Two columns of one name would make the written
    /// file unreadable as input (`CSVItems` refuses a repeated column) and ambiguous to a person.
    public func clash(with inputColumns: [String]) -> String? {
        guard let name = addedColumns.first(where: inputColumns.contains) else { return nil }
        let what =
            fields?.contains(name) == true
            ? "the schema's field \"\(name)\", which the write-back adds as a column"
            : "the column \"\(name)\" the write-back adds"
        let fix =
            fields?.contains(name) == true
            ? "rename the input's column or the schema's field"
            : "rename the input's column"
        return "--csv-out: the input CSV already has a column \"\(name)\"; it clashes with \(what); \(fix)"
    }

    /// The whole CSV: the input's header and rows with the added columns, `rows` keyed by item id
    /// (the ids `CSVItems.parse` gives the same text with the same `idColumn`).
    public func write(input text: String, idColumn: String, rows: [String: Row]) throws(BatchInputError) -> [UInt8] {
        let items = try CSVItems.parse(text, idColumn: idColumn)
        let records = CSVRecords.parse(InputText.bytesWithoutBOM(text))
        guard let header = records.first else { return [] }
        let width = header.fields.count
        var out = CSVText.record(header.fields + addedColumns)
        // `CSVItems` makes exactly one item per record after the header, in order.
        for (record, item) in zip(records.dropFirst(), items) {
            var fields = Array(record.fields.prefix(width))
            fields += Array(repeating: "", count: width - fields.count)
            let row = rows[item.id]
            out += CSVText.record(fields + addedColumns.map { row?.values[$0] ?? "" })
        }
        return Array(out.utf8)
    }
}
