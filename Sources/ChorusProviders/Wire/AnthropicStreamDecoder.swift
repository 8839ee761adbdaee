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
/// - A schema'd request's answer is the input of the tool named `answerTool` (`StructuredForm`):
///   its `input_json_delta` pieces (`partial_json`, cut anywhere, even inside a JSON string) go
///   out as answer text, so the core validates them as any answer; a whole message's `tool_use`
///   block gives its `input` as JSON text. The stop reason `tool_use` after that tool's input is
///   the answer's natural end and goes out as `end_turn`, as OpenAI's `stop` does for a schema'd
///   answer (`StopReason` would otherwise mark it "stopped to call a tool"). Other tools' blocks
///   are skipped as before.
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
    /// The tool whose input is the answer (a response schema's name), nil for a free answer.
    let answerTool: String?
    /// The open content block is `answerTool`'s `tool_use`.
    private var inAnswerTool = false
    /// `answerTool`'s input was read: its `tool_use` stop is the answer's end.
    private var answeredByTool = false

    init(context: ErrorContext, answerTool: String? = nil) {
        self.context = context
        self.answerTool = answerTool
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
            inAnswerTool = false
            if let block = payload.content_block {
                if block.type == "tool_use", answerTool != nil, block.name == answerTool {
                    inAnswerTool = true
                    answeredByTool = true
                    // The streamed block opens with `input: {}`; its JSON comes in the deltas.
                    return .chunks([])
                }
                return .chunks(chunks(opening: block))
            }
        case "content_block_delta":
            guard let delta = payload.delta else { break }
            switch delta.type {
            case "text_delta"?, nil:
                if let text = delta.text { return .chunks(self.text(text)) }
            case "thinking_delta"?:
                if let thought = delta.thinking { return .chunks(reasoning(thought)) }
            case "input_json_delta"?:
                if inAnswerTool, let piece = delta.partial_json { return .chunks(text(piece)) }
            default:
                break  // signature_delta, input_json_delta, and anything newer
            }
        case "message_delta":
            record(payload.usage)
            if let sent = payload.delta?.stop_reason ?? payload.stop_reason, !sent.isEmpty {
                let reason = answerStop(sent)
                if reason != stopReason {
                    stopReason = reason
                    return .chunks([.stop(reason: reason)])
                }
            }
        case "message_stop":
            return .finish([usageChunk()])
        case "content_block_stop":
            inAnswerTool = false
        default:
            break  // ping, and anything newer
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
        if let sent = payload.stop_reason, !sent.isEmpty {
            let reason = answerStop(sent)
            stopReason = reason
            out.append(.stop(reason: reason))
        }
        record(payload.usage)
        out.append(usageChunk())
        return .finish(out)
    }

    /// The stop word to report: `tool_use` after the answer tool's input is `end_turn`.
    private func answerStop(_ sent: String) -> String {
        answeredByTool && sent == "tool_use" ? "end_turn" : sent
    }

    /// The chunks a content block carries when it opens (streamed) or whole (non-streamed).
    private mutating func chunks(opening block: AnthropicWire.Event.ContentBlock) -> [ChatChunk] {
        if block.type == "tool_use", answerTool != nil, block.name == answerTool, let input = block.input {
            // A whole message: the tool's input is the answer.
            answeredByTool = true
            return text(StructuredForm.compactJSON(input))
        }
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
