import Chorus
import Foundation

/// Decodes an Anthropic Messages stream.
///
/// - `message_start` carries the prompt tokens (and the output so far); `message_delta`
///   carries the cumulative output tokens and the stop reason, which goes out as `.stop` with
///   Anthropic's word (`end_turn`, `max_tokens`, `stop_sequence`, `tool_use`, `pause_turn`,
///   `refusal`). The usage goes out once, at the end.
/// - `content_block_delta` with a `text_delta` is text; a `thinking_delta` is reasoning. A
///   `signature_delta` only verifies a thinking block and is skipped, as are tool input,
///   `ping`, block stops, and event types this version does not know.
/// - A `redacted_thinking` block (its reasoning encrypted by the provider's safety systems) is
///   recorded as the reasoning `[redacted thinking]`, once per block, so the record says the
///   model thought even though the words are hidden.
/// - Reasoning counts as started output: the user saw it, so a retry would show it twice.
/// - `event: error` (e.g. `overloaded_error`) is a failure with the server's message.
/// - `message_stop` ends the stream; a body that ends after a stop reason is also complete;
///   one that ends before is truncated.
struct AnthropicStreamDecoder: StreamDecoder {
    /// What a `redacted_thinking` block leaves in the reasoning.
    static let redactedThinking = "[redacted thinking]"

    let context: ErrorContext
    private let json = JSONDecoder()
    private(set) var textChunks = 0
    private(set) var reasoningChunks = 0
    private var promptTokens: Int?
    private var completionTokens: Int?
    private var cachedPromptTokens: Int?
    private var stopReason: String?
    /// A new thinking block began after earlier reasoning: its first piece starts a paragraph.
    private var reasoningBreak = false
    /// Whether common events are read by `AnthropicFastEvent` (tests turn it off to compare).
    var fastPath = true

    init(context: ErrorContext) {
        self.context = context
    }

    /// Text or reasoning went out: either is output the user saw.
    var textStarted: Bool { textChunks > 0 || reasoningChunks > 0 }

    mutating func consume(_ event: ServerSentEvent) -> StreamAction {
        let payload: AnthropicWire.Event
        if fastPath, let fast = AnthropicFastEvent.parse(event.data) {
            payload = fast
        } else {
            do {
                payload = try json.decode(AnthropicWire.Event.self, from: Data(event.data.utf8))
            } catch {
                return .fail(context.malformed(DecodingProblem.describe(error, "a stream event"), snippet: String(event.data.prefix(160))))
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
        case "content_block_start":
            // A block may open with some content already (usually empty).
            if let block = payload.content_block { return .chunks(chunks(opening: block)) }
        case "content_block_delta":
            guard let delta = payload.delta else { break }
            switch delta.type {
            case "text_delta"?, nil:
                if let text = delta.text { return .chunks(self.text(text)) }
            case "thinking_delta"?:
                if let thought = delta.thinking { return .chunks(reasoning(thought)) }
            default:
                break  // signature_delta, input_json_delta, and anything newer
            }
        case "message_delta":
            record(payload.usage)
            if let reason = payload.delta?.stop_reason ?? payload.stop_reason, !reason.isEmpty, reason != stopReason {
                stopReason = reason
                return .chunks([.stop(reason: reason)])
            }
        case "message_stop":
            return .finish([usageChunk()])
        default:
            break  // ping, content_block_stop, and anything newer
        }
        return .chunks([])
    }

    mutating func endOfStream() -> StreamAction {
        guard stopReason != nil else {
            return .fail(context.truncated(marker: "message_stop"))
        }
        return .finish([usageChunk()])
    }

    /// A non-streamed answer: the whole message JSON at once, its thinking, redacted thinking
    /// and text blocks in order.
    mutating func decodeWholeBody(_ body: Data) -> StreamAction {
        let payload: AnthropicWire.Event
        do {
            payload = try json.decode(AnthropicWire.Event.self, from: body)
        } catch {
            let text = String(decoding: body.prefix(160), as: UTF8.self)
            return .fail(context.malformed(DecodingProblem.describe(error, "the answer"), snippet: text))
        }
        if payload.type == "error" || payload.error != nil {
            let error = payload.error ?? ServerErrorPayload(message: "unknown error", type: nil)
            return .fail(context.reported(error.message, type: error.type))
        }
        guard let content = payload.content else {
            let text = String(decoding: body.prefix(160), as: UTF8.self)
            return .fail(context.malformed("the JSON answer has no content", snippet: text))
        }
        var out: [ChatChunk] = []
        for block in content { out += chunks(opening: block) }
        if let reason = payload.stop_reason, !reason.isEmpty {
            stopReason = reason
            out.append(.stop(reason: reason))
        }
        record(payload.usage)
        out.append(usageChunk())
        return .finish(out)
    }

    /// The chunks a content block carries when it opens (streamed) or whole (non-streamed).
    private mutating func chunks(opening block: AnthropicWire.Event.ContentBlock) -> [ChatChunk] {
        switch block.type {
        case "text"?, nil:
            return text(block.text ?? "")
        case "thinking"?:
            if reasoningChunks > 0 { reasoningBreak = true }
            return reasoning(block.thinking ?? "")
        case "redacted_thinking"?:
            if reasoningChunks > 0 { reasoningBreak = true }
            return reasoning(Self.redactedThinking)
        default:
            return []  // tool_use, server tool results, and anything newer
        }
    }

    private mutating func text(_ piece: String) -> [ChatChunk] {
        guard !piece.isEmpty else { return [] }
        textChunks += 1
        return [.text(piece)]
    }

    private mutating func reasoning(_ piece: String) -> [ChatChunk] {
        guard !piece.isEmpty else { return [] }
        reasoningChunks += 1
        defer { reasoningBreak = false }
        return [.reasoning(reasoningBreak ? "\n\n" + piece : piece)]
    }

    private mutating func record(_ usage: AnthropicWire.Usage?) {
        guard let usage else { return }
        let tokens = usage.tokenUsage
        if let prompt = tokens.promptTokens { promptTokens = prompt }
        if let output = tokens.completionTokens { completionTokens = output }
        if let cached = tokens.cachedPromptTokens { cachedPromptTokens = cached }
    }

    private func usageChunk() -> ChatChunk {
        guard promptTokens != nil || completionTokens != nil else {
            return approximateUsage(textChunks: textChunks + reasoningChunks)
        }
        return .usage(
            TokenUsage(
                promptTokens: promptTokens, completionTokens: completionTokens, approximate: false,
                cachedPromptTokens: cachedPromptTokens))
    }
}
