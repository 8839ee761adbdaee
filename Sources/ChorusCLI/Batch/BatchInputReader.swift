import Chorus
import Foundation

/// Reads a batch's input at the edge: a JSONL or CSV file, a folder of text files, or standard
/// input, into items (the parsing itself is the core's `JSONLItems`, `CSVItems`, `FolderItems`).
///
/// Problems with the whole input (missing, unreadable, empty, unknown format, duplicate ids) are
/// one `ChorusError` line naming the path and the fix; a problem with one line becomes a failed
/// item instead (the rest of the batch goes on).
enum BatchInputReader {
    enum Format: String, CaseIterable, Sendable {
        case jsonl, csv

        /// `--format VALUE`, checked; nil when the flag was not given.
        static func flag(_ value: String?) throws(ChorusError) -> Format? {
            guard let value else { return nil }
            guard let format = Format(rawValue: value.lowercased()) else {
                throw .usage("--format \(value): unknown format; use jsonl or csv")
            }
            return format
        }
    }

    static func read(
        _ input: String, format: Format?, idField: String, stdin: TextInput, paths: ChorusPaths
    ) throws(ChorusError) -> [BatchItem] {
        let items: [BatchItem]
        if input == "-" {
            guard !stdin.isTerminal else {
                throw .usage("standard input is a terminal; pipe the items in (e.g. cat items.jsonl | chorus batch - ...) or give a file")
            }
            guard let text = stdin.readAll() else {
                throw .usage("standard input is not UTF-8 text; give the items as JSON Lines or CSV (--format csv)")
            }
            items = try parse(text, format: format ?? .jsonl, idField: idField, name: "standard input")
        } else {
            let path = paths.expand(input)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw .usage("\(input): no such file or folder; give a .jsonl or .csv file, a folder of text files, or - for standard input")
            }
            if isFolder.boolValue {
                items = try readFolder(path, shownAs: input)
            } else {
                let chosen: Format
                if let format { chosen = format } else { chosen = try formatFromExtension(input) }
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw .usage("\(input): cannot read the file; check its permissions")
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    throw .usage("\(input): not UTF-8 text; convert it (e.g. iconv -t UTF-8) and run again")
                }
                items = try parse(text, format: chosen, idField: idField, name: input)
            }
        }
        guard !items.isEmpty else {
            throw .usage("\(input == "-" ? "standard input" : input) has no items; give at least one line (JSONL), row (CSV) or file (folder)")
        }
        try checkUniqueIDs(items, name: input == "-" ? "standard input" : input)
        return items
    }

    static func formatFromExtension(_ path: String) throws(ChorusError) -> Format {
        switch (path as NSString).pathExtension.lowercased() {
        case "jsonl", "ndjson", "jsonlines": return .jsonl
        case "csv": return .csv
        case "json":
            throw .usage(
                "\(path): chorus batch reads JSON Lines (one object per line), not one JSON document; convert it with jq -c '.[]' \(path) > items.jsonl, or give --format jsonl if it already is")
        default:
            throw .usage("\(path): unknown input format; name the file .jsonl or .csv, or give --format jsonl|csv")
        }
    }

    private static func parse(_ text: String, format: Format, idField: String, name: String) throws(ChorusError) -> [BatchItem] {
        switch format {
        case .jsonl:
            return JSONLItems.parse(text, idField: idField)
        case .csv:
            do {
                return try CSVItems.parse(text, idColumn: idField)
            } catch {
                throw .usage("\(name): \(error.message)")
            }
        }
    }

    /// Every regular file under `path`, hidden files and folders skipped, as items whose id is
    /// the path relative to the folder.
    private static func readFolder(_ path: String, shownAs name: String) throws(ChorusError) -> [BatchItem] {
        let root = URL(fileURLWithPath: path).standardizedFileURL
        guard
            let walker = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else {
            throw .usage("\(name): cannot list the folder; check its permissions")
        }
        var files: [(relativePath: String, contents: [UInt8])] = []
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let full = url.standardizedFileURL.path
            let relative = full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : url.lastPathComponent
            guard let data = FileManager.default.contents(atPath: full) else {
                throw .usage("\(name)/\(relative): cannot read the file; check its permissions or remove it")
            }
            files.append((relative, [UInt8](data)))
        }
        return FolderItems.items(files)
    }

    /// Two items with one id would share one line of `--out`: a resume could not tell them apart.
    private static func checkUniqueIDs(_ items: [BatchItem], name: String) throws(ChorusError) {
        var seen: [String: BatchItem] = [:]
        var duplicates = 0
        var first: (BatchItem, BatchItem)?
        for item in items {
            if let earlier = seen[item.id] {
                duplicates += 1
                if first == nil { first = (earlier, item) }
            } else {
                seen[item.id] = item
            }
        }
        if let (a, b) = first {
            let more = duplicates > 1 ? " (\(duplicates - 1) more repeated ids)" : ""
            throw .usage(
                "\(name): the id \"\(TerminalSafeText.oneLine(a.id))\" is used twice, at \(a.location) and \(b.location)\(more); give every item its own id")
        }
    }
}
