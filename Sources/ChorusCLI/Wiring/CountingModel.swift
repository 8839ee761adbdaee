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

    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatChunk, any Error> {
        let upstream = base.stream(request)
        let counter = self.counter
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await chunk in upstream { continuation.yield(chunk) }
                    continuation.finish()
                } catch {
                    counter.saw(error)
                    continuation.finish(throwing: error)
                }
            }
            // Cancelling the consumer cancels the pump, which ends the upstream stream and so
            // the model's connection (the ChatModel cancellation contract holds through the wrapper).
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
