/// A JSON Schema a worker's answer must follow, as sent to a provider.
///
/// Providers send it the way their API enforces structured output:
/// - OpenAI-compatible servers: `response_format: {"type": "json_schema", "json_schema":
///   {"name": name, "schema": schema, "strict": ...}}` (OpenAI's Structured Outputs guide);
///   llama-cpp-python's server takes `{"type": "json_object", "schema": schema}` instead.
/// - Anthropic: one tool whose `input_schema` is the schema, forced with `tool_choice`
///   (Anthropic's tool-use documentation); the tool's input is the answer.
/// A server that refuses both falls back to an instruction in the prompt, and the provider says
/// so with `ChatChunk.notApplied(setting: "schema", ...)`.
public struct ResponseSchema: Sendable, Hashable {
    /// A short identifier (`[A-Za-z0-9_-]`, at most 64 characters, as OpenAI requires).
    public var name: String
    /// The JSON Schema of the whole answer (an object schema).
    public var schema: JSONValue

    public init(name: String, schema: JSONValue) {
        self.name = name
        self.schema = schema
    }
}
