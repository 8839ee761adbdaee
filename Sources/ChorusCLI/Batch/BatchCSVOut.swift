import Chorus
import Foundation

/// `--csv-out FILE`: after the batch (also one that stops early or has nothing left to run),
/// the input CSV is written to FILE with the answers in added columns (`CSVWriteBack`).
///
/// Everything that can be wrong is checked before a model is called: the input must be a CSV
/// file (its text is read again at the end, so standard input cannot be), FILE must not be the
/// input or `--out`, and no input column may share a name with an added column (one line names
/// the column and the fix). The file is written whole through `AtomicFile` (temporary file,
/// fsync, rename), so a reader or a crash never sees half of it.
struct BatchCSVOut: Sendable {
    /// FILE as the user wrote it, for messages.
    var shownAs: String
    var path: String
    var inputText: String
    var idColumn: String
    var writeBack: CSVWriteBack

    /// Checks `--csv-out` against the input; `schemaFields` are the schema's top-level fields
    /// (nil without `--schema`).
    static func prepare(
        _ file: String, input: String, format: BatchInputReader.Format?, idColumn: String, out: String,
        schemaFields: [String]?, paths: ChorusPaths
    ) throws(ChorusError) -> BatchCSVOut {
        guard input != "-" else {
            throw .usage("--csv-out writes the input CSV back, so it needs the CSV as a file, not standard input; save it to a file and give its path")
        }
        let inputPath = paths.expand(input)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: inputPath, isDirectory: &isFolder), isFolder.boolValue {
            throw .usage("--csv-out writes the input CSV back, so the input must be a CSV file, not a folder; use --out for a folder's results")
        }
        let chosen: BatchInputReader.Format
        if let format { chosen = format } else { chosen = try BatchInputReader.formatFromExtension(input) }
        guard chosen == .csv else {
            throw .usage("--csv-out writes the input CSV back, so the input must be CSV (\(input) is JSON Lines); use --out's JSON lines instead")
        }
        let path = paths.expand(file)
        let resolved = URL(fileURLWithPath: path).standardizedFileURL.path
        if resolved == URL(fileURLWithPath: inputPath).standardizedFileURL.path {
            throw .usage("--csv-out \(file) is the input file; give another file (the input is never changed, so a resume reads the same items)")
        }
        if resolved == URL(fileURLWithPath: paths.expand(out)).standardizedFileURL.path {
            throw .usage("--csv-out \(file) is the --out file; give another file (--out holds the JSON lines a resume reads)")
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            throw .usage("--csv-out \(file): the folder \(folder) does not exist; create it or choose another path")
        }
        guard let data = FileManager.default.contents(atPath: inputPath), let text = String(data: data, encoding: .utf8) else {
            throw .usage("\(input): cannot read the file as UTF-8 text; check it")
        }
        let writeBack = CSVWriteBack(fields: schemaFields)
        let columns: [String]
        do { columns = try CSVWriteBack.columns(of: text) } catch { throw .usage("\(input): \(error.message)") }
        if let clash = writeBack.clash(with: columns) { throw .usage(clash) }
        return BatchCSVOut(shownAs: file, path: path, inputText: text, idColumn: idColumn, writeBack: writeBack)
    }

    /// Writes the file from `--out`'s whole lines; returns how many rows have an answer, failed,
    /// or are still empty, for the summary.
    func write(resultLines: [UInt8]) throws(ChorusError) -> Counts {
        let rows = writeBack.rows(fromResultLines: resultLines)
        let bytes: [UInt8]
        do {
            bytes = try writeBack.write(input: inputText, idColumn: idColumn, rows: rows)
        } catch {
            throw ChorusError("--csv-out \(shownAs): \(error.message)", code: .failure)
        }
        try AtomicFile.write(Data(bytes), to: path, permissions: 0o644)
        let ids = (try? CSVItems.parse(inputText, idColumn: idColumn).map(\.id)) ?? []
        var counts = Counts()
        for id in ids {
            switch rows[id] {
            case nil: counts.empty += 1
            case let row? where row.values[CSVWriteBack.errorColumn] != nil: counts.failed += 1
            case _?: counts.answered += 1
            }
        }
        return counts
    }

    struct Counts: Sendable, Equatable {
        var answered = 0
        var failed = 0
        var empty = 0
    }
}
