import Chorus
import Synchronization

/// An in-memory `ChatModel` that plays a script: a test double for engine tests and benchmarks.
///
/// Never offered to users as a provider. Each call gets the steps that `script` returns for it
/// (given the request and the call's number, from 0), so a test can make the first call fail and
/// the second succeed, or one worker hang while the others answer.
public final class ScriptedModel: ChatModel, Sendable {
    public enum Step: Sendable {
        case text(String)
        /// Waits on the injected clock, like network latency.
        case wait(Duration)
        case usage(TokenUsage)
        case retrying(String)
        /// The client holds the request back (a rate limiter); the worker's clock stops.
        case held(String)
        /// The hold ends.
        case released
        /// The response head arrived (`ChatChunk.responseStarted`), as an HTTP model sends it;
        /// a script without it has its head implied by its first chunk.
        case head
        /// Throws this error from the stream.
        case fail(ScriptedError)
        /// Never answers; ends only when the consumer is cancelled.
        case hang
    }

    public struct ScriptedError: Error, CustomStringConvertible, Hashable, Sendable {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    private struct Counters {
        var calls = 0
        var cancellations = 0
        var requests: [ChatRequest] = []
    }

    private let clock: any Clock<Duration>
    private let script: @Sendable (ChatRequest, Int) -> [Step]
    private let counters = Mutex(Counters())

    public init(clock: any Clock<Duration>, script: @escaping @Sendable (ChatRequest, Int) -> [Step]) {
        self.clock = clock
        self.script = script
    }

    /// A model that answers every call with `steps`.
    public convenience init(clock: any Clock<Duration>, steps: [Step]) {
        self.init(clock: clock) { _, _ in steps }
    }

    /// Calls started so far.
    public var calls: Int { counters.withLock { $0.calls } }
    /// Calls that saw their consumer cancel them before the script ended.
    public var cancellations: Int { counters.withLock { $0.cancellations } }
    public var requests: [ChatRequest] { counters.withLock { $0.requests } }

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatChunk, any Error> {
        let call = counters.withLock { c in
            c.calls += 1
            c.requests.append(request)
            return c.calls - 1
        }
        let steps = script(request, call)
        let clock = self.clock
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for step in steps {
                        try Task.checkCancellation()
                        switch step {
                        case .text(let s): continuation.yield(.text(s))
                        case .usage(let u): continuation.yield(.usage(u))
                        case .retrying(let reason): continuation.yield(.retrying(attempt: 1, reason: reason))
                        case .held(let reason): continuation.yield(.held(reason: reason))
                        case .released: continuation.yield(.released)
                        case .head: continuation.yield(.responseStarted)
                        case .wait(let d): try await clock.sleep(for: d)
                        case .fail(let e): throw e
                        case .hang:
                            while true { try await Task.sleep(for: .seconds(3600)) }
                        }
                    }
                    continuation.finish()
                } catch is CancellationError {
                    self.counters.withLock { $0.cancellations += 1 }
                    continuation.finish(throwing: CancellationError())
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

/// A model that answers at once with fixed text, as cheaply as possible: for measuring the
/// engine's own overhead in benchmarks.
public struct InstantModel: ChatModel {
    public var answer: String
    public init(answer: String = "42") { self.answer = answer }

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatChunk, any Error> {
        let answer = self.answer
        return AsyncThrowingStream { continuation in
            continuation.yield(.text(answer))
            continuation.yield(.usage(TokenUsage(promptTokens: 10, completionTokens: 1)))
            continuation.finish()
        }
    }
}
