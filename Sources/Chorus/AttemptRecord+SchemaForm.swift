/// The form a `--schema` request was last sent in, read from the attempt's `notApplied` notes.
///
/// A server that refuses one form gets the next (the providers' `StructuredForm`: json_schema,
/// then llama-cpp-python's json_object, then an instruction in the prompt; Anthropic's tool,
/// then the instruction), and each step down is a `schema: <what was sent instead>` note. Only
/// the last form is what the answer came from, and every answer is validated by the core either
/// way, so the schema still held: views name the form ("schema: json_object"), never "n/a".
extension AttemptRecord {
    /// The forms a step down can land on, as views name them.
    public enum SchemaForm: String, Sendable, Hashable {
        /// `response_format: {"type": "json_object", "schema": ...}`: still enforced by a grammar.
        case jsonObject = "json_object"
        /// No response format: the schema was an instruction and the JSON was read from the text.
        case prompt
        /// Another form than the one first asked for, not one of the above.
        case other
    }

    /// The form after the last step down; nil when the schema went as first asked (or no schema).
    public var schemaForm: SchemaForm? {
        guard let last = notApplied.last(where: { $0.hasPrefix("schema:") }) else { return nil }
        let note = last.lowercased()
        if note.contains("sent without response_format") || note.contains("sent without the tool")
            || note.contains("instruction in the prompt")
        {
            return .prompt
        }
        if note.contains("json_object") { return .jsonObject }
        return .other
    }
}
