/// Batch items from a folder: one item per file, its text in the field `text`.
///
/// The command line layer walks the folder (skipping hidden files and folders) and passes the
/// files in; this decides their order, ids and fields, so that part is the same everywhere and
/// testable without a disk.
public enum FolderItems {
    /// One item per file, sorted by relative path in byte order (not the file system's order,
    /// nor a locale's, both of which differ between machines). The id is the relative path; the
    /// fields are `text` (the contents, without a BOM), `path` and `name` (the last component).
    /// A file that is not UTF-8 becomes an item with a `problem`.
    public static func items(_ files: [(relativePath: String, contents: [UInt8])]) -> [BatchItem] {
        let sorted = files.sorted { $0.relativePath.utf8.lexicographicallyPrecedes($1.relativePath.utf8) }
        return sorted.map { file in
            let path = file.relativePath
            let name = path.split(separator: "/").last.map(String.init) ?? path
            var item = BatchItem(
                id: path, idSource: .path, fields: ["path": path, "name": name], location: "file \(path)")
            let contents = file.contents.starts(with: [0xEF, 0xBB, 0xBF]) ? file.contents.dropFirst(3) : file.contents[...]
            if let text = String(validating: contents, as: UTF8.self) {
                item.fields["text"] = text
            } else {
                item.problem = "file \(path): not UTF-8 text; remove it from the folder or convert it to UTF-8"
            }
            return item
        }
    }
}
