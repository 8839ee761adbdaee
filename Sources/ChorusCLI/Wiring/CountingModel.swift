import Chorus
import Synchronization

/// Counts the calls that failed because nothing answered at the server, so a run in which every
/// worker failed to connect exits with "unreachable" (69) rather than "all failed" (3).
///
/// The record only keeps each error's text; the typed error (and so whether it means "nothing
/// listens there") is seen here, on its way through.
final class UnreachableCounter: Sendable {
    private let count = Mutex(0)
    private let isUnreachable: @Sendable (any Error) -> Bool

    init(isUnreachable: @escaping @Sendable (any Error) -> Bool) {
        self.isUnreachable = isUnreachable
    }

    var value: Int { count.withLock { $0 } }

    /// `model`, with its stream's failures inspected.
    func observing(_ model: any ChatModel) -> any ChatModel {
        CountingModel(base: model, counter: self)
    }

    fileprivate func saw(_ error: any Error) {
        if isUnreachable(error) { count.withLock { $0 += 1 } }
    }
}

private struct CountingModel: ChatModel {
    let base: any ChatModel
    let counter: UnreachableCounter

    /// The base stream read on the consumer's own task (`unfolding`): no task and no hand-off
    /// per chunk in between (issue 16: the relay task was a fifth of a streamed chunk's cost).
    /// Cancelling the consumer cancels its `next()` on the base stream, and dropping this stream
    /// drops the base one, so the model's connection closes either way (the ChatModel
    /// cancellation contract holds through the wrapper).
    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatChunk, any Error> {
        let upstream = UpstreamIterator(base.stream(request).makeAsyncIterator())
        let counter = self.counter
        return AsyncThrowingStream(unfolding: {
            do {
                return try await upstream.next()
            } catch {
                counter.saw(error)
                throw error
            }
        })
    }
}

/// The base stream's iterator, for the unfolding closure. `AsyncThrowingStream(unfolding:)` calls
/// its closure once at a time (one consumer awaits each element), so the iterator is never used
/// by two tasks at once.
private final class UpstreamIterator: @unchecked Sendable {
    private var iterator: AsyncThrowingStream<ChatChunk, any Error>.Iterator

    init(_ iterator: AsyncThrowingStream<ChatChunk, any Error>.Iterator) {
        self.iterator = iterator
    }

    func next() async throws -> ChatChunk? {
        try await iterator.next()
    }
}
