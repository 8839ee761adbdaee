import Chorus
import ChorusTestSupport
import Foundation
import Testing

@testable import ChorusProviders

/// The decoders' fast paths (issue 16) against the full `JSONDecoder` path: the same actions on
/// generated streams (random shapes, escapes, Unicode, cut anywhere by the network). Every stream
/// the other provider tests read is checked the same way as it is read (`consumeChecked`, debug
/// builds), so the recorded shapes are covered there.
@Suite struct FastPathTests {
    static let context = ErrorContext(
        settings: ProviderSettings(kind: .openai, baseURL: "http://h/v1"),
        endpoint: try! ProviderEndpoint.resolve(kind: .openai, baseURL: "http://h/v1"), path: "/chat/completions",
        model: "m")

    /// Text pieces as a JSON string's inside: plain, escaped, Unicode raw and escaped, surrogate
    /// pairs, lone surrogates, control characters (escaped, and raw: invalid JSON).
    static let textPieces = [
        "Hello", " world", "", "WORKER-OUT", " w12", #"\n"#, #"\""#, #"\\"#, #"\/"#, #"\t\r\b\f"#, #"\u00e9"#, "é", "日本語",
        "🎉", #"\ud83c\udf89"#, #"\ud83c"#, #"\udf89"#, #"\u0000"#, #"\u001f"#, "\u{01}", #"\x"#, #"\u12"#, "<think>", "</think>",
        " ", "a\\", "’",
    ]

    static func text(_ rng: inout SplitMix64) -> String {
        (0..<Int.random(in: 0...4, using: &rng)).map { _ in textPieces[Int.random(in: 0..<textPieces.count, using: &rng)] }.joined()
    }

    static func space(_ rng: inout SplitMix64) -> String {
        ["", "", "", " ", "\t", " \r\n "][Int.random(in: 0..<6, using: &rng)]
    }

    static func object(_ members: [String], _ rng: inout SplitMix64) -> String {
        let s = space(&rng)
        return "{" + s + members.joined(separator: "," + space(&rng)) + s + "}"
    }

    static func openAIChunk(_ rng: inout SplitMix64) -> String {
        var delta: [String] = []
        if Bool.random(using: &rng) { delta.append(#""role":"assistant""#) }
        switch Int.random(in: 0..<12, using: &rng) {
        case 0: delta.append(#""content":null"#)
        case 1: break
        case 2: delta.append(#""reasoning_content":"\#(text(&rng))""#)
        case 6: delta.append(#""reasoning":"\#(text(&rng))","content":null"#)
        case 7: delta.append(#""content":[{"type":"thinking","thinking":[{"type":"text","text":"\#(text(&rng))"}]}]"#)
        case 8: delta.append(#""reasoning_content":"\#(text(&rng))","reasoning":"\#(text(&rng))""#)
        case 3: delta.append(#""content":"\#(text(&rng))","content":"x""#)
        case 4: delta.append(#""content":5"#)
        default: delta.append(#""content":"\#(text(&rng))""#)
        }
        var choice = [#""index":0"#, #""delta":\#(object(delta, &rng))"#]
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: choice.append(#""finish_reason":"stop""#)
        case 1: choice.append(#""finish_reason":"length""#)
        case 2: choice.append(#""logprobs":{"content":[]}"#)
        case 3: choice.append(#""logprobs":null"#)
        default: choice.append(#""finish_reason":null"#)
        }
        var top = [#""id":"chatcmpl-\#(Int.random(in: 0..<99, using: &rng))""#, #""object":"chat.completion.chunk""#]
        switch Int.random(in: 0..<14, using: &rng) {
        case 0: top.append(#""choices":[]"#)
        case 1: top.append(#""choices":[\#(object(choice, &rng)),\#(object(choice, &rng))]"#)
        case 2: top.append(#""choices":null"#)
        default: top.append(#""choices":[\#(object(choice, &rng))]"#)
        }
        switch Int.random(in: 0..<12, using: &rng) {
        case 0: top.append(#""usage":{"prompt_tokens":3,"completion_tokens":7,"total_tokens":10}"#)
        case 1: top.append(#""usage":null"#)
        case 2: top.append(#""created":1.5e9,"model":"m","system_fingerprint":null"#)
        case 3: top.append(#""error":{"message":"overloaded","type":"server_error"}"#)
        case 4: top = [#""object":"error""#, #""message":"bad""#, #""type":"x""#]
        case 5: top.append(#""created":01"#)
        case 6: top.append(#""service_tier":"default","obfuscation":"abc""#)
        case 7: top.append(#""x_groq":{"id":"q"}"#)
        default: break
        }
        let body = object(top, &rng)
        switch Int.random(in: 0..<30, using: &rng) {
        case 0: return String(body.dropLast())  // cut off: not JSON
        case 1: return body + " x"
        case 2: return "[DONE]"
        case 3: return " [DONE] "
        default: return body
        }
    }

    static func anthropicEvent(_ rng: inout SplitMix64) -> (type: String, data: String) {
        switch Int.random(in: 0..<14, using: &rng) {
        case 0: return ("ping", #"{"type": "ping"}"#)
        case 1: return ("message_start", #"{"type":"message_start","message":{"id":"m","usage":{"input_tokens":5,"output_tokens":1}}}"#)
        case 2: return ("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":9}}"#)
        case 3: return ("content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#)
        case 4: return ("content_block_stop", #"{"type":"content_block_stop","index":0}"#)
        case 5: return ("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"\#(text(&rng))"}}"#)
        case 6: return ("error", #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#)
        case 7: return ("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"\#(text(&rng))"}"#)
        case 8: return ("content_block_delta", #"{"index":0,"delta":{"text":"\#(text(&rng))","type":"text_delta"},"type":"content_block_delta"}"#)
        case 9: return ("message_stop", #"{"type":"message_stop"}"#)
        default:
            let delta = object([#""type":"text_delta""#, #""text":"\#(text(&rng))""#], &rng)
            return ("content_block_delta", object([#""type":"content_block_delta""#, #""index":0"#, #""delta":\#(delta)"#], &rng))
        }
    }

    /// Cuts `body` at random places and reads it as the network would hand it over.
    static func events(_ body: String, _ rng: inout SplitMix64) -> [ServerSentEvent] {
        let bytes = Array(body.utf8)
        var parser = SSEParser()
        var out: [ServerSentEvent] = []
        var i = 0
        while i < bytes.count {
            let n = Int.random(in: 1...max(1, min(64, bytes.count - i)), using: &rng)
            out += parser.parse(bytes[i..<(i + n)])
            i += n
        }
        return out + parser.finish()
    }

    static func actions<D: StreamDecoder>(_ decoder: D, _ events: [ServerSentEvent], fast: Bool) -> [StreamAction] {
        var decoder = decoder
        decoder.fastPath = fast
        var out: [StreamAction] = []
        for event in events {
            let action = decoder.consume(event)
            out.append(action)
            if case .chunks = action { continue }
            return out
        }
        out.append(decoder.endOfStream())
        return out
    }

    @Test func openAIStreamsDecodeTheSameBothWays() {
        var rng = SplitMix64(seed: 16)
        for _ in 0..<600 {
            let body = (0..<Int.random(in: 1...8, using: &rng)).map { _ in "data: \(Self.openAIChunk(&rng))\n\n" }.joined()
            let events = Self.events(body, &rng)
            let decoder = OpenAIStreamDecoder(context: Self.context)
            #expect(Self.actions(decoder, events, fast: true) == Self.actions(decoder, events, fast: false), "\(body)")
        }
    }

    @Test func anthropicStreamsDecodeTheSameBothWays() {
        var rng = SplitMix64(seed: 61)
        for _ in 0..<600 {
            let body = (0..<Int.random(in: 1...8, using: &rng)).map { _ in
                let e = Self.anthropicEvent(&rng)
                return "event: \(e.type)\r\ndata: \(e.data)\r\n\r\n"
            }.joined()
            let events = Self.events(body, &rng)
            let decoder = AnthropicStreamDecoder(context: Self.context)
            #expect(Self.actions(decoder, events, fast: true) == Self.actions(decoder, events, fast: false), "\(body)")
        }
    }

    /// The fast path is taken for the shapes servers send most, so the speed is not lost silently.
    @Test func commonShapesTakeTheFastPath() {
        let openAI = [
            #"{"id":"x","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"WORKER-OUT"},"finish_reason":null}]}"#,
            #"{"id":"c","object":"chat.completion.chunk","created":0,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}"#,
            #"{"id":"c","object":"chat.completion.chunk","created":1,"model":"gpt","system_fingerprint":"fp","choices":[{"index":0,"delta":{"content":"a\"b\u00e9\n"},"logprobs":null,"finish_reason":null}],"usage":null}"#,
            #"{"id":"x","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#,
        ]
        for data in openAI {
            #expect(OpenAIFastChunk.parse(data) != nil, "\(data)")
        }
        #expect(OpenAIFastChunk.parse(openAI[2])?.choices?.first?.delta?.content == .string("a\"bé\n"))
        let anthropic = [
            #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi ✓"}}"#, #"{"type": "ping"}"#,
            #"{"type":"content_block_stop","index":0}"#,
        ]
        for data in anthropic {
            #expect(AnthropicFastEvent.parse(data) != nil, "\(data)")
        }
        #expect(AnthropicFastEvent.parse(anthropic[0])?.delta?.text == "Hi ✓")
    }

    /// A network buffer that is not contiguous takes the byte-by-byte path: the same events.
    @Test func sseParserLineAtATimeMatchesByteByByte() {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<300 {
            let body = "\u{FEFF}" + (0..<Int.random(in: 1...6, using: &rng)).map { _ in
                let e = Self.anthropicEvent(&rng)
                return ["event: \(e.type)\ndata: \(e.data)\n\n", ": ping\r\r", "data: a\rdata: \(e.data)\r\n\r\n", "id: 7\ndata:x\n\n"][
                    Int.random(in: 0..<4, using: &rng)]
            }.joined()
            let contiguous = Self.events(body, &rng)
            var parser = SSEParser()
            let byteWise = parser.parse(AnySequence(Array(body.utf8))) + parser.finish()
            #expect(contiguous == byteWise, "\(body)")
        }
    }
}
