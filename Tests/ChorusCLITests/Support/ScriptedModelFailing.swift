import Chorus

/// A model whose stream fails at once with the given error.
struct ScriptedModelFailing: ChatModel {
    let error: any Error & Sendable
    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatChunk, any Error> {
        AsyncThrowingStream { $0.finish(throwing: error) }
    }
}
