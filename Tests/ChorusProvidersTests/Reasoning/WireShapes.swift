import Chorus
import FakeLLMServer
import Foundation

@testable import ChorusProviders

/// Exact wire shapes of real servers, as the pieces `FakeResponse.raw` sends: one SSE event per
/// piece, so a test reads like the capture it reproduces.
enum WireShapes {
    /// An OpenAI-compatible stream: each JSON object as one `data:` event, then `[DONE]`.
    static func openAI(_ chunks: [String], done: Bool = true) -> [String] {
        chunks.map { "data: \($0)\n\n" } + (done ? ["data: [DONE]\n\n"] : [])
    }

    /// One `chat.completion.chunk` with this delta (JSON members, e.g. `"content":"x"`) and
    /// finish reason.
    static func delta(_ members: String, finish: String? = nil) -> String {
        let reason = finish.map { "\"\($0)\"" } ?? "null"
        return #"{"id":"c1","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"# + members
            + #"},"finish_reason":"# + reason + "}]}"
    }

    /// The last chunk of a stream with `stream_options.include_usage`: empty choices, usage.
    static func usage(prompt: Int, completion: Int, reasoning: Int? = nil, cached: Int? = nil) -> String {
        var members = #""prompt_tokens":\#(prompt),"completion_tokens":\#(completion),"total_tokens":\#(prompt + completion)"#
        if let reasoning { members += #","completion_tokens_details":{"reasoning_tokens":\#(reasoning)}"# }
        if let cached { members += #","prompt_tokens_details":{"cached_tokens":\#(cached)}"# }
        return #"{"id":"c1","object":"chat.completion.chunk","model":"m","choices":[],"usage":{"# + members + "}}"
    }

    /// A JSON string literal of `text`.
    static func string(_ text: String) -> String {
        String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
    }

    /// An Anthropic stream: `event:` and `data:` for each (type, JSON) pair.
    static func anthropic(_ events: [(String, String)]) -> [String] {
        events.map { "event: \($0.0)\ndata: \($0.1)\n\n" }
    }

    static func messageStart(input: Int = 12, cacheRead: Int? = nil) -> (String, String) {
        let cache = cacheRead.map { #","cache_read_input_tokens":\#($0)"# } ?? ""
        return (
            "message_start",
            #"{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude","content":[],"stop_reason":null,"usage":{"input_tokens":\#(input),"output_tokens":1\#(cache)}}}"#
        )
    }

    static func blockStart(_ index: Int, _ block: String) -> (String, String) {
        ("content_block_start", #"{"type":"content_block_start","index":\#(index),"content_block":\#(block)}"#)
    }

    static func blockDelta(_ index: Int, _ delta: String) -> (String, String) {
        ("content_block_delta", #"{"type":"content_block_delta","index":\#(index),"delta":\#(delta)}"#)
    }

    static func thinking(_ index: Int, _ text: String) -> (String, String) {
        blockDelta(index, #"{"type":"thinking_delta","thinking":\#(string(text))}"#)
    }

    static func signature(_ index: Int) -> (String, String) {
        blockDelta(index, #"{"type":"signature_delta","signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"}"#)
    }

    static func textDelta(_ index: Int, _ text: String) -> (String, String) {
        blockDelta(index, #"{"type":"text_delta","text":\#(string(text))}"#)
    }

    static func blockStop(_ index: Int) -> (String, String) {
        ("content_block_stop", #"{"type":"content_block_stop","index":\#(index)}"#)
    }

    static func messageDelta(_ stop: String, output: Int) -> (String, String) {
        ("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"\#(stop)","stop_sequence":null},"usage":{"output_tokens":\#(output)}}"#)
    }

    static let messageStop = ("message_stop", #"{"type":"message_stop"}"#)
}

extension Collected {
    var reasoning: String {
        chunks.reduce(into: "") { all, chunk in
            if case .reasoning(let piece) = chunk { all += piece }
        }
    }

    var reasoningChunks: Int { chunks.filter { if case .reasoning = $0 { true } else { false } }.count }

    var stops: [String] {
        chunks.compactMap { if case .stop(let reason) = $0 { reason } else { nil } }
    }
}
