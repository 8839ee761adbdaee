import Chorus
import Foundation

/// Decodes an Anthropic Messages stream.
///
/// - `message_start` carries the prompt tokens (and the output so far); `message_delta`
///   carries the cumulative output tokens and the stop reason. The usage goes out once, at
///   the end.
/// - `content_block_delta` with a `text_delta` is text; other deltas (thinking, tool input)
///   are not part of the answer and are skipped, as are `ping`, block starts and stops, and
///   event types this version does not know.
/// - `event: error` (e.g. `overloaded_error`) is a failure with the server's message.
/// - `message_stop` ends the stream; a body that ends after a stop reason is also complete;
///   one that ends before is truncated.
struct AnthropicStreamDecoder: StreamDecoder {
    let context: ErrorContext
    private let json = JSONDecoder()
    private(set) var textChunks = 0
    private var promptTokens: Int?
    private var completionTokens: Int?
    private var stopReason: String?
    /// Whether common events are read by `AnthropicFastEvent` (tests turn it off to compare).
    var fastPath = true

    init(context: ErrorContext) {
        self.context = context
    }

    var textStarted: Bool { textChunks > 0 }

    mutating func consume(_ event: ServerSentEvent) -> StreamAction {
        let payload: AnthropicWire.Event
        if fastPath, let fast = AnthropicFastEvent.parse(event.data) {
            payload = fast
        } else {
            do {
                payload = try json.decode(AnthropicWire.Event.self, from: Data(event.data.utf8))
            } catch {
                return .fail(context.malformed("a stream event is not valid JSON", snippet: String(event.data.prefix(160))))
            }
        }
        let type = payload.type ?? event.type
        if type == "error" || payload.error != nil {
            let error = payload.error ?? ServerErrorPayload(message: "unknown error", type: nil)
            return .fail(context.reported(error.message, type: error.type))
        }
        switch type {
        case "message_start":
            record(payload.message?.usage)
        case "content_block_delta":
            if let delta = payload.delta, delta.type == nil || delta.type == "text_delta", let text = delta.text,
                !text.isEmpty
            {
                textChunks += 1
                return .chunks([.text(text)])
            }
        case "message_delta":
            record(payload.usage)
            if let reason = payload.delta?.stop_reason { stopReason = reason }
        case "message_stop":
            return .finish([usageChunk()])
        default:
            break  // ping, content_block_start/stop, and anything newer
        }
        return .chunks([])
    }

    mutating func endOfStream() -> StreamAction {
        guard stopReason != nil else {
            return .fail(context.truncated(marker: "message_stop"))
        }
        return .finish([usageChunk()])
    }

    /// A non-streamed answer: the whole message JSON at once.
    mutating func decodeWholeBody(_ body: Data) -> StreamAction {
        let payload: AnthropicWire.Event
        do {
            payload = try json.decode(AnthropicWire.Event.self, from: body)
        } catch {
            let text = String(decoding: body.prefix(160), as: UTF8.self)
            return .fail(context.malformed("the answer is not valid JSON", snippet: text))
        }
        if payload.type == "error" || payload.error != nil {
            let error = payload.error ?? ServerErrorPayload(message: "unknown error", type: nil)
            return .fail(context.reported(error.message, type: error.type))
        }
        guard let content = payload.content else {
            let text = String(decoding: body.prefix(160), as: UTF8.self)
            return .fail(context.malformed("the JSON answer has no content", snippet: text))
        }
        var chunks: [ChatChunk] = []
        for block in content where block.type == nil || block.type == "text" {
            if let text = block.text, !text.isEmpty {
                textChunks += 1
                chunks.append(.text(text))
            }
        }
        record(payload.usage)
        chunks.append(usageChunk())
        return .finish(chunks)
    }

    private mutating func record(_ usage: AnthropicWire.Usage?) {
        guard let usage else { return }
        if let prompt = usage.promptTokens { promptTokens = prompt }
        if let output = usage.output_tokens { completionTokens = output }
    }

    private func usageChunk() -> ChatChunk {
        guard promptTokens != nil || completionTokens != nil else {
            return approximateUsage(textChunks: textChunks)
        }
        return .usage(TokenUsage(promptTokens: promptTokens, completionTokens: completionTokens, approximate: false))
    }
}
