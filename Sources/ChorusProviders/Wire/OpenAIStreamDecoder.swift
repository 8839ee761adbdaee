import Chorus
import Foundation

/// Decodes an OpenAI-compatible chat completion stream.
///
/// - Text comes from `choices[0].delta.content` (null or "" on role-only chunks: skipped), a
///   string or Mistral's list of typed parts (`thinking` parts are reasoning, `text` parts text).
/// - Reasoning comes from `delta.reasoning_content` or `delta.reasoning` (see
///   `OpenAIWire.Chunk.Choice.Content`), and goes out as `.reasoning`, before the same delta's
///   text. Reasoning counts as started output: the user saw it, so a retry would show it twice.
/// - `finish_reason` goes out as `.stop` with the server's word, once per change.
/// - Usage comes from a chunk's `usage` (with `stream_options.include_usage` it is the last
///   chunk, with empty `choices`); a later one replaces an earlier one. When the stream carried
///   none (llama.cpp's server), the end reports one token per text chunk, marked approximate.
/// - The stream ends at `data: [DONE]`, or at the end of the body after a `finish_reason`
///   (some servers never send `[DONE]`). A body that ends before either is truncated. Reading
///   stops at `[DONE]` even if the server keeps the connection open.
/// - Any chunk with an `error` member (or `object: "error"`) is a failure with the server's
///   message, even after HTTP 200.
struct OpenAIStreamDecoder: StreamDecoder {
    let context: ErrorContext
    private let json = JSONDecoder()
    private(set) var textChunks = 0
    private(set) var reasoningChunks = 0
    private var sawUsage = false
    private var finishReason: String?
    /// Whether common chunks are read by `OpenAIFastChunk` (tests turn it off to compare).
    var fastPath = true

    init(context: ErrorContext) {
        self.context = context
    }

    /// Text or reasoning went out: either is output the user saw.
    var textStarted: Bool { textChunks > 0 || reasoningChunks > 0 }

    mutating func consume(_ event: ServerSentEvent) -> StreamAction {
        let data = event.data
        let chunk: OpenAIWire.Chunk
        if fastPath, let fast = OpenAIFastChunk.parse(data) {
            chunk = fast  // an object, so not "[DONE]"
        } else if data.trimmed == "[DONE]" {
            return .finish(closingChunks())
        } else {
            do {
                chunk = try json.decode(OpenAIWire.Chunk.self, from: Data(data.utf8))
            } catch {
                return .fail(context.malformed(DecodingProblem.describe(error, "a stream chunk"), snippet: String(data.prefix(160))))
            }
        }
        if let error = chunk.error {
            return .fail(context.reported(error.message, type: error.type))
        }
        if chunk.object == "error" {
            return .fail(context.reported(chunk.message ?? "unknown error", type: chunk.type))
        }
        var out: [ChatChunk] = []
        if let choice = chunk.choices?.first {
            for content in [choice.delta, choice.message].compactMap({ $0 }) {
                if let thought = content.reasoningText, !thought.isEmpty {
                    reasoningChunks += 1
                    out.append(.reasoning(thought))
                }
                for piece in content.content?.chunks ?? [] {
                    if case .reasoning = piece { reasoningChunks += 1 } else { textChunks += 1 }
                    out.append(piece)
                }
            }
            if let reason = choice.finish_reason {
                // An empty word still ends the stream, but says nothing about why.
                if !reason.isEmpty, reason != finishReason { out.append(.stop(reason: reason)) }
                if !reason.isEmpty || finishReason == nil { finishReason = reason }
            }
        }
        if let usage = chunk.usage {
            sawUsage = true
            out.append(.usage(usage.tokenUsage))
        }
        return .chunks(out)
    }

    mutating func endOfStream() -> StreamAction {
        guard finishReason != nil else {
            return .fail(context.truncated(marker: "[DONE] or a finish_reason"))
        }
        return .finish(closingChunks())
    }

    /// A non-streamed answer (`stream` ignored by the server): the whole JSON body at once.
    mutating func decodeWholeBody(_ body: Data) -> StreamAction {
        let text = String(decoding: body, as: UTF8.self)
        switch consume(ServerSentEvent(data: text)) {
        case .fail(let error):
            return .fail(error)
        case .chunks(let chunks), .finish(let chunks):
            guard textStarted || finishReason != nil || sawUsage else {
                return .fail(context.malformed("the JSON answer has no choices", snippet: String(text.prefix(160))))
            }
            return .finish(chunks + closingChunks())
        }
    }

    private func closingChunks() -> [ChatChunk] {
        sawUsage ? [] : [approximateUsage(textChunks: textChunks + reasoningChunks)]
    }
}
