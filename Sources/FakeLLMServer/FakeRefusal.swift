import Foundation

/// A parameter the fake server refuses, as a real server does: a request whose JSON body carries
/// it is answered with HTTP 400 and the body that server sends, word for word, before any rule,
/// closure or directive chooses an answer. A request without it is served as usual, so a client
/// that sends the request again without it gets its answer.
///
/// Set server-wide with the script key `"refuse": ["temperature", "max_tokens"]`
/// (`FakeScript.refuse`), or per request with the directives `refuse-temperature`,
/// `refuse-max-tokens`, `refuse-stream-options`, `refuse-reasoning-effort`,
/// `refuse-thinking-temperature`, `refuse-json-schema`, `refuse-response-format`,
/// `refuse-thinking-tool-choice` (in the model name or a `[[fake:...]]` marker).
public enum FakeRefusal: String, Sendable, Hashable, Codable, CaseIterable {
    /// A `temperature` other than 1: OpenAI's reasoning models (o-series, gpt-5).
    case temperature
    /// Any `max_tokens`: the same models, which take `max_completion_tokens` instead.
    case maxTokens = "max_tokens"
    /// Any `stream_options`: gateways in front of servers that do not know it (one-api/new-api).
    case streamOptions = "stream_options"
    /// Any `reasoning_effort`: Azure OpenAI's older API versions, in their shape (no `param`).
    case reasoningEffort = "reasoning_effort"
    /// A `temperature` other than 1 together with `thinking`: Anthropic with extended thinking.
    case thinkingTemperature = "thinking_temperature"
    /// `response_format` of type `json_schema`: llama-cpp-python's server (0.3.x), which takes
    /// only `text` and `json_object` and answers with HTTP 500 (not 400) and pydantic's message.
    case jsonSchema = "json_schema"
    /// Any `response_format`: a gateway in front of a server without structured output.
    case responseFormat = "response_format"
    /// A forced `tool_choice` (`any` or `tool`) together with `thinking`: Anthropic.
    case thinkingToolChoice = "thinking_tool_choice"

    /// The directive that sets it, e.g. `refuse-max-tokens`.
    public var directive: String { "refuse-" + rawValue.replacingOccurrences(of: "_", with: "-") }

    /// The HTTP status of the refusal: 400, except llama-cpp-python's 500.
    var status: Int { self == .jsonSchema ? 500 : 400 }

    /// The error body for `body` (a request's JSON), or nil when the request does not carry the
    /// refused parameter.
    func refusal(of body: [String: Any]) -> String? {
        let temperature = (body["temperature"] as? NSNumber)?.doubleValue
        switch self {
        case .temperature:
            guard let temperature, temperature != 1 else { return nil }
            return #"{"error":{"message":"Unsupported value: 'temperature' does not support \#(Self.number(temperature)) with this model. Only the default (1) value is supported.","type":"invalid_request_error","param":"temperature","code":"unsupported_value"}}"#
        case .maxTokens:
            guard body["max_tokens"] != nil else { return nil }
            return #"{"error":{"message":"Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.","type":"invalid_request_error","param":"max_tokens","code":"unsupported_parameter"}}"#
        case .streamOptions:
            guard body["stream_options"] != nil else { return nil }
            return #"{"error":{"message":"Unknown parameter: 'stream_options'.","type":"invalid_request_error","param":"stream_options","code":"unknown_parameter"}}"#
        case .reasoningEffort:
            guard body["reasoning_effort"] != nil else { return nil }
            return #"{"error":{"message":"Unrecognized request argument supplied: reasoning_effort","type":"invalid_request_error","param":null,"code":null}}"#
        case .thinkingTemperature:
            guard body["thinking"] != nil, let temperature, temperature != 1 else { return nil }
            return #"{"type":"error","error":{"type":"invalid_request_error","message":"`temperature` may only be set to 1 when thinking is enabled. Please consult our documentation at https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#important-considerations-when-using-extended-thinking"}}"#
        case .jsonSchema:
            guard let format = body["response_format"] as? [String: Any], format["type"] as? String == "json_schema" else { return nil }
            return #"{"error":{"message":"1 validation error:\n  {'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), 'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema', 'ctx': {'expected': \"'text' or 'json_object'\"}}\n\n  File \"/venv/lib/python3.11/site-packages/llama_cpp/server/app.py\", line 376, in create_chat_completion\n    POST /v1/chat/completions","type":"internal_server_error","param":null,"code":null}}"#
        case .responseFormat:
            guard body["response_format"] != nil else { return nil }
            return #"{"error":{"message":"Unknown parameter: 'response_format'.","type":"invalid_request_error","param":"response_format","code":"unknown_parameter"}}"#
        case .thinkingToolChoice:
            guard body["thinking"] != nil, let choice = body["tool_choice"] as? [String: Any],
                let type = choice["type"] as? String, type == "any" || type == "tool"
            else { return nil }
            return #"{"type":"error","error":{"type":"invalid_request_error","message":"Thinking may not be enabled when tool_choice forces tool use."}}"#
        }
    }

    /// The first refusal among `refusals` that `request` runs into, as an error response.
    static func response(for request: RecordedRequest, refusals: [FakeRefusal]) -> FakeResponse? {
        guard !refusals.isEmpty,
            let body = try? JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any]
        else { return nil }
        for refusal in refusals {
            if let text = refusal.refusal(of: body) {
                return FakeResponse(status: refusal.status, rawBody: text, contentType: "application/json")
            }
        }
        return nil
    }

    /// 0.2 as "0.2", 1.5 as "1.5", 0 as "0" (as OpenAI's message prints it).
    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
