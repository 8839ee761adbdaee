import Foundation

/// Batch items from CSV (RFC 4180): a header row naming the columns, then one item per record.
///
/// A broken header makes every record meaningless, so it throws; a broken record only costs that
/// record, which becomes an item with a `problem` while the rest of the batch goes on.
public enum CSVItems {
    /// The items of `text`, in file order. `idColumn` names the column that holds each item's id;
    /// without that column, ids are made from each record's text (see `GeneratedIDs`).
    public static func parse(_ text: String, idColumn: String = "id") throws(BatchInputError) -> [BatchItem] {
        let records = CSVRecords.parse(InputText.bytesWithoutBOM(text))
        guard let header = records.first else {
            throw BatchInputError(
                "the CSV input is empty; its first line must be a header naming the columns, e.g. id,text")
        }
        let columns = try columnNames(header)
        let idIndex = columns.firstIndex(of: idColumn)
        var generated = GeneratedIDs()
        return records.dropFirst().map { record in
            item(record, columns: columns, idIndex: idIndex, generated: &generated)
        }
    }

    private static func columnNames(_ header: CSVRecord) throws(BatchInputError) -> [String] {
        if let quoteLine = header.unclosedQuoteLine {
            throw BatchInputError(
                "the CSV header has a quote on line \(quoteLine) that is never closed; close it or remove it")
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var firstColumn: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            if name.isEmpty {
                throw BatchInputError(
                    "the CSV header's column \(index + 1) has no name; name every column in the first line (e.g. id,text)")
            }
            if let earlier = firstColumn[name] {
                throw BatchInputError(
                    "the CSV header names column \"\(name)\" twice (columns \(earlier + 1) and \(index + 1)); rename one of them")
            }
            firstColumn[name] = index
        }
        return names
    }

    private static func item(
        _ record: CSVRecord, columns: [String], idIndex: Int?, generated: inout GeneratedIDs
    ) -> BatchItem {
        let line = record.line
        if let quoteLine = record.unclosedQuoteLine {
            return .unreadable(
                line: line,
                problem: "line \(quoteLine): a quoted field starts here and is never closed, so the rest of the input was read into it; "
                    + "add the closing quote (a quote inside a quoted field is written \"\")")
        }
        let count = record.fields.count
        guard count == columns.count else {
            let fix = count > columns.count
                ? "quote fields that contain commas (\"a, b\")"
                : "add the missing fields (empty ones are fine: a,,c)"
            return .unreadable(
                line: line, problem: "line \(line): \(fieldCount(count)), the header has \(columns.count); \(fix)")
        }
        let fields = Dictionary(uniqueKeysWithValues: zip(columns, record.fields))
        guard let idIndex else {
            let id = generated.next(forContent: record.raw)
            return BatchItem(id: id, idSource: .generated, fields: fields, location: "line \(line)", line: line)
        }
        let id = record.fields[idIndex].trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty else {
            var unreadable = BatchItem.unreadable(
                line: line,
                problem: "line \(line): the \"\(columns[idIndex])\" column is empty; give every row an id, "
                    + "or remove the column to get generated ids")
            unreadable.fields = fields
            return unreadable
        }
        return BatchItem(id: id, idSource: .field, fields: fields, location: "line \(line)", line: line)
    }

    private static func fieldCount(_ count: Int) -> String { count == 1 ? "1 field" : "\(count) fields" }
}
