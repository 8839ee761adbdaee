import Chorus
import Foundation

/// How a request with a `ResponseSchema` asks for a structured answer, most enforced first.
/// A server that refuses one form (`ParameterRefusal`) gets the next, and the step down is
/// recorded as `ChatChunk.notApplied(setting: "schema", ...)` naming the form now used.
///
/// OpenAI-compatible servers:
/// 1. `jsonSchema`: `response_format: {"type": "json_schema", "json_schema": {"name", "schema",
///    "strict": true}}` (OpenAI's Structured Outputs guide; llama.cpp's C++ server, vLLM,
///    OpenRouter, LiteLLM take it too). The server sees the schema; the prompt is unchanged.
/// 2. `jsonObject`: `response_format: {"type": "json_object", "schema": {...}}`, the form
///    llama-cpp-python's server takes and enforces with a grammar (it refuses the first with
///    "Input should be 'text' or 'json_object'"). The prompt also carries the instruction: the
///    grammar holds the shape but the model reads field names and meanings only from the prompt,
///    and OpenAI's own `json_object` mode requires the word "JSON" in the messages.
/// 3. `instruction`: no `response_format`; the instruction in the prompt, and the core reads the
///    JSON out of the answer text.
///
/// Anthropic: `forcedTool` (one tool whose `input_schema` is the schema, `tool_choice: {"type":
/// "tool", "name": ...}`; the tool input is the answer), `offeredTool` when extended thinking is
/// on (Anthropic: "Thinking may not be enabled when tool_choice forces tool use"; only `auto` and
/// `none` go with thinking, see "Extended thinking with tool use"), and `instruction` when a
/// server refuses `tools`.
enum StructuredForm: Sendable, Hashable {
    case jsonSchema
    case jsonObject
    case forcedTool
    case offeredTool
    case instruction

    /// The adjustment key that, left out, steps down from `json_schema` to `json_object`.
    static let jsonSchemaKey = "response_format.json_schema"
    /// The adjustment key that, left out, steps down from `json_object` to the instruction.
    static let jsonObjectKey = "response_format.json_object"
    /// The adjustment key that, left out, sends Anthropic no tool (the instruction instead).
    static let toolsKey = "tools"

    /// The form an OpenAI-compatible request takes after `adjustments`.
    static func openAI(_ adjustments: RequestAdjustments) -> StructuredForm {
        if !adjustments.omits(jsonSchemaKey) { return .jsonSchema }
        if !adjustments.omits(jsonObjectKey) { return .jsonObject }
        return .instruction
    }

    /// The form an Anthropic request takes after `adjustments`, with extended thinking on or off.
    static func anthropic(_ adjustments: RequestAdjustments, thinking: Bool) -> StructuredForm {
        if adjustments.omits(toolsKey) { return .instruction }
        return thinking ? .offeredTool : .forcedTool
    }

    /// What the prompt gains in this form (nil: nothing), for `schema`.
    func instruction(for schema: ResponseSchema) -> String? {
        switch self {
        case .jsonSchema, .forcedTool:
            return nil
        case .offeredTool:
            return "Answer by calling the tool \(schema.name) once; its input is your whole answer."
        case .jsonObject, .instruction:
            return "Answer with one JSON object and nothing else (no prose, no code fence). It must follow this JSON Schema:\n"
                + Self.compactJSON(schema.schema)
        }
    }

    /// `messages` with `instruction` appended to the last user message (a new user message if
    /// there is none). Not a system message: some chat templates take only one, first.
    static func appending(_ instruction: String?, to messages: [ChatMessage]) -> [ChatMessage] {
        guard let instruction else { return messages }
        var messages = messages
        if let last = messages.lastIndex(where: { $0.role == .user }) {
            messages[last].content += "\n\n" + instruction
        } else {
            messages.append(.user(instruction))
        }
        return messages
    }

    /// Whether OpenAI's strict mode can take `schema`: every object schema in it lists all its
    /// properties as required and says `"additionalProperties": false` (OpenAI's Structured
    /// Outputs guide, "Supported schemas"). Sent as `strict`, so a schema strict mode would
    /// refuse is still enforced as far as the server does without it.
    static func strictEligible(_ schema: JSONValue) -> Bool {
        guard case .object(let members) = schema else { return true }
        let properties = members["properties"]?.objectValue ?? [:]
        if members["type"]?.stringValue == "object" || members["properties"] != nil {
            let required = Set((members["required"]?.arrayValue ?? []).compactMap(\.stringValue))
            guard members["additionalProperties"] == .bool(false), required == Set(properties.keys) else { return false }
        }
        // The subschemas: property schemas, items, alternatives, definitions.
        var children = Array(properties.values)
        if let items = members["items"] { children.append(items) }
        for key in ["anyOf", "oneOf", "allOf"] { children += members[key]?.arrayValue ?? [] }
        for key in ["$defs", "definitions"] { children += (members[key]?.objectValue ?? [:]).values }
        return children.allSatisfy(strictEligible)
    }

    /// Compact JSON with sorted keys, stable for tests.
    static func compactJSON(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
