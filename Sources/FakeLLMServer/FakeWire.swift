/// The bytes of both wire formats, written by hand (the fake must be able to send what a
/// real server sends, including what a JSON encoder would refuse: broken JSON, odd orders).
enum FakeWire: Sendable {
    case openai
    case anthropic

    init?(path: String) {
        switch path {
        case "/v1/chat/completions", "/chat/completions": self = .openai
        case "/v1/messages", "/messages": self = .anthropic
        default: return nil
        }
    }

    struct Usage {
        var prompt: Int
        var completion: Int
    }

    /// Sent right after the head: a comment (as keep-alives are), then the opening events.
    func preamble(id: String, model: String, usage: Usage?) -> String {
        switch self {
        case .openai:
            ": fake-llm-server\n\n"
                + data(
                    #"{"id":"\#(id)","object":"chat.completion.chunk","created":0,"model":\#(json(model)),"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}"#
                )
        case .anthropic:
            event(
                "message_start",
                #"{"type":"message_start","message":{"id":"\#(id)","type":"message","role":"assistant","model":\#(json(model)),"content":[],"stop_reason":null\#(usage.map { #","usage":{"input_tokens":\#($0.prompt),"output_tokens":1}"# } ?? "")}}"#
            )
                + event(
                    "content_block_start",
                    #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#
                )
                + event("ping", #"{"type":"ping"}"#)
        }
    }

    func token(_ text: String, id: String, model: String) -> String {
        switch self {
        case .openai:
            data(
                #"{"id":"\#(id)","object":"chat.completion.chunk","created":0,"model":\#(json(model)),"choices":[{"index":0,"delta":{"content":\#(json(text))},"finish_reason":null}]}"#
            )
        case .anthropic:
            event(
                "content_block_delta",
                #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":\#(json(text))}}"#
            )
        }
    }

    /// The finish reason and usage, then the end marker when `marker` is true.
    func finish(id: String, model: String, usage: Usage?, marker: Bool) -> String {
        switch self {
        case .openai:
            var out = data(
                #"{"id":"\#(id)","object":"chat.completion.chunk","created":0,"model":\#(json(model)),"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#
            )
            if let usage {
                out += data(
                    #"{"id":"\#(id)","object":"chat.completion.chunk","created":0,"model":\#(json(model)),"choices":[],"usage":{"prompt_tokens":\#(usage.prompt),"completion_tokens":\#(usage.completion),"total_tokens":\#(usage.prompt + usage.completion)}}"#
                )
            }
            if marker { out += data("[DONE]") }
            return out
        case .anthropic:
            var out = event("content_block_stop", #"{"type":"content_block_stop","index":0}"#)
            let usagePart = usage.map { #","usage":{"output_tokens":\#($0.completion)}"# } ?? ""
            out += event(
                "message_delta",
                #"{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null}\#(usagePart)}"#
            )
            if marker { out += event("message_stop", #"{"type":"message_stop"}"#) }
            return out
        }
    }

    func errorEvent(message: String, type: String?) -> String {
        switch self {
        case .openai:
            data(#"{"error":{"message":\#(json(message)),"type":\#(json(type ?? "server_error")),"code":null}}"#)
        case .anthropic:
            event("error", #"{"type":"error","error":{"type":\#(json(type ?? "api_error")),"message":\#(json(message))}}"#)
        }
    }

    var malformedEvent: String {
        switch self {
        case .openai: data(#"{"choices": [ this is not JSON"#)
        case .anthropic: event("content_block_delta", #"{"type": "content_block_delta", oops"#)
        }
    }

    /// A whole answer as one JSON document.
    func wholeAnswer(id: String, model: String, text: String, usage: Usage?) -> String {
        switch self {
        case .openai:
            let usagePart = usage.map {
                #","usage":{"prompt_tokens":\#($0.prompt),"completion_tokens":\#($0.completion),"total_tokens":\#($0.prompt + $0.completion)}"#
            }
            return
                #"{"id":"\#(id)","object":"chat.completion","created":0,"model":\#(json(model)),"choices":[{"index":0,"message":{"role":"assistant","content":\#(json(text))},"finish_reason":"stop"}]\#(usagePart ?? "")}"#
        case .anthropic:
            let usagePart = usage.map { #","usage":{"input_tokens":\#($0.prompt),"output_tokens":\#($0.completion)}"# }
            return
                #"{"id":"\#(id)","type":"message","role":"assistant","model":\#(json(model)),"content":[{"type":"text","text":\#(json(text))}],"stop_reason":"end_turn"\#(usagePart ?? "")}"#
        }
    }

    /// The body of an HTTP error in this dialect.
    func errorBody(status: Int, message: String, type: String?) -> String {
        switch self {
        case .openai:
            #"{"error":{"message":\#(json(message)),"type":\#(json(type ?? "fake_error")),"code":\#(status)}}"#
        case .anthropic:
            #"{"type":"error","error":{"type":\#(json(type ?? Self.anthropicErrorType(status))),"message":\#(json(message))}}"#
        }
    }

    static func anthropicErrorType(_ status: Int) -> String {
        switch status {
        case 400: "invalid_request_error"
        case 401: "authentication_error"
        case 403: "permission_error"
        case 404: "not_found_error"
        case 413: "request_too_large"
        case 429: "rate_limit_error"
        case 529: "overloaded_error"
        default: "api_error"
        }
    }

    private func data(_ payload: String) -> String { "data: \(payload)\n\n" }
    private func event(_ name: String, _ payload: String) -> String { "event: \(name)\ndata: \(payload)\n\n" }
}

/// `text` as a JSON string literal, quotes included.
func json(_ text: String) -> String {
    var out = "\""
    out.reserveCapacity(text.utf8.count + 2)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    out += "\""
    return out
}
