/// One input item of a batch: the values one Chorus run fills its prompt template with.
///
/// Every source (JSONL, CSV, a folder of files) is turned into this one shape, so the rest of
/// `chorus batch` never needs to know where an item came from, except to say so in messages.
public struct BatchItem: Sendable, Hashable, Codable {
    /// Where the id came from. Results are keyed by id, so a run that resumes or is split into
    /// shards must get the same ids for the same input; this says which rule produced them.
    public enum IDSource: String, Sendable, Codable {
        /// The input's own id field (JSONL) or id column (CSV).
        case field
        /// Made from the content (`h` + hash) or, for an unreadable item, from its line (`line-7`).
        case generated
        /// The file's path relative to the folder.
        case path
    }

    public var id: String
    public var idSource: IDSource
    /// The values a template can use, as text: JSON strings as they are, numbers/bools as their
    /// JSON text (integers without ".0"), null as "", nested objects/arrays as compact JSON text.
    public var fields: [String: String]
    /// Where it came from, for messages: "line 17" (JSONL), "line 4" (CSV: the line the record
    /// starts on), "file notes/a.txt".
    public var location: String
    /// The 1-based line number in the input (nil for folder items).
    public var line: Int?
    /// Non-nil when the item could not be read (malformed JSON line, CSV row with the wrong number
    /// of fields, a file that is not UTF-8, an unusable id). Such an item is recorded
    /// as a failed item with this one-line message (which names the location and the fix) and
    /// the batch goes on: one bad line in 20,000 should not cost the other 19,999.
    public var problem: String?

    public init(
        id: String, idSource: IDSource, fields: [String: String], location: String, line: Int? = nil,
        problem: String? = nil
    ) {
        self.id = id
        self.idSource = idSource
        self.fields = fields
        self.location = location
        self.line = line
        self.problem = problem
    }

    /// What `{name}` in a template stands for: the field, or for `{id}` the item's id when it
    /// has no `id` field of its own (a file's path, a generated id), so every item has `{id}`.
    public func value(of name: String) -> String? {
        fields[name] ?? (name == "id" ? id : nil)
    }

    /// An item that could not be read at `line`. Its id is `line-N`: the line is the only thing
    /// known about it, and it is stable as long as the input is.
    static func unreadable(line: Int, problem: String) -> BatchItem {
        BatchItem(
            id: "line-\(line)", idSource: .generated, fields: [:], location: "line \(line)", line: line,
            problem: problem)
    }
}
