import Chorus
import Foundation

/// What a wire format's decoder wants done after one event (or at the end of the body).
enum StreamAction: Sendable, Hashable {
    /// Hand these chunks to the worker (possibly none) and keep reading.
    case chunks([ChatChunk])
    /// The answer is complete: hand these last chunks over and stop reading.
    case finish([ChatChunk])
    /// The stream broke its format or reported an error.
    case fail(ProviderError)
}

/// Turns the events of one streamed response into chat chunks: one per wire format, pure
/// (no I/O), so every format rule is tested without a server.
protocol StreamDecoder {
    /// Whether any text went out: from then on a failure must not be retried.
    var textStarted: Bool { get }
    /// Whether common events take the decoder's fast path (tests turn it off to compare).
    var fastPath: Bool { get set }
    mutating func consume(_ event: ServerSentEvent) -> StreamAction
    /// The body ended (the connection closed cleanly).
    mutating func endOfStream() -> StreamAction
    /// The server answered with one JSON document instead of a stream (some servers ignore
    /// `stream: true`); decodes the whole answer at once.
    mutating func decodeWholeBody(_ body: Data) -> StreamAction
}

/// The usage to report when the server sent none: one token per text chunk, marked
/// approximate (llama.cpp's server streams no usage).
func approximateUsage(textChunks: Int) -> ChatChunk {
    .usage(TokenUsage(promptTokens: nil, completionTokens: textChunks, approximate: true))
}
