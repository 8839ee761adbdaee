import Foundation

/// Text given to the workers next to the task: files attached with `-f/--file`, and text piped on
/// standard input beside a task argument (`chorus run "Summarise this" < notes.txt`).
///
/// The prompt sent is the task, then one delimited block per file, in the order given:
///
///     TASK
///
///     <context name="notes.txt" bytes="1234">
///     ...the file's text...
///     </context>
///
/// The record keeps each file's name and size; its text only when `keepsText` is set (the
/// `--save-context` flag), so a saved session does not copy a private file by default. In memory
/// the text is always there, so a retry in the UI sends the same prompt.
public struct PromptContext: Sendable, Hashable, Codable {
    /// One attached text: its name as given (a path, or `stdin`) and its UTF-8 size.
    public struct File: Sendable, Hashable, Codable {
        public var name: String
        /// UTF-8 bytes of `text` (as read; the record keeps it when the text is dropped).
        public var bytes: Int
        /// The text; nil in a record saved without `--save-context`.
        public var text: String?

        public init(name: String, text: String) {
            self.name = name
            self.text = text
            bytes = text.utf8.count
        }

        enum CodingKeys: String, CodingKey { case name, bytes, text }
    }

    public var files: [File]
    /// Whether the record's JSON keeps each file's text (`--save-context`).
    public var keepsText: Bool

    public init(files: [File], keepsText: Bool = false) {
        self.files = files
        self.keepsText = keepsText
    }

    enum CodingKeys: String, CodingKey { case files, keepsText = "keeps_text" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        files = try c.decode([File].self, forKey: .files)
        keepsText = try c.decodeIfPresent(Bool.self, forKey: .keepsText) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(keepsText ? files : files.map { var f = $0; f.text = nil; return f }, forKey: .files)
        try c.encode(keepsText, forKey: .keepsText)
    }

    /// Total UTF-8 bytes of the attached texts.
    public var totalBytes: Int { files.reduce(0) { $0 + $1.bytes } }

    /// The prompt: `task`, then each file as a `<context name="..." bytes="N">` block. A file whose
    /// text was not kept (a record saved without `--save-context`) is named with a note instead,
    /// so a rerun from such a record says plainly that the text is missing.
    public func prompt(task: String) -> String {
        guard !files.isEmpty else { return task }
        var out = task
        for file in files {
            let name = file.name.replacingOccurrences(of: "\"", with: "'")
            if let text = file.text {
                let body = text.hasSuffix("\n") ? text : text + "\n"
                out += "\n\n<context name=\"\(name)\" bytes=\"\(file.bytes)\">\n\(body)</context>"
            } else {
                out += "\n\n<context name=\"\(name)\" bytes=\"\(file.bytes)\">(not kept in the saved session)</context>"
            }
        }
        return out
    }

}
