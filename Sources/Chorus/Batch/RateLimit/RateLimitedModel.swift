/// A model whose calls wait their turn at a `RateLimiter` and, when the provider pushes back
/// (HTTP 429), wait again and resend instead of failing: how a batch slows down rather than
/// losing items.
///
/// While it waits for the limiter the stream says `.held`, so the worker's clock stops (time
/// queued on our side is not the model's); `.released` when the request goes. A pushback is
/// reported as `.retrying` (so the record shows it) and retried at most `maxPushbacks` times,
/// and only before the first text, like every retry (the worker would otherwise show text twice).
public struct RateLimitedModel: ChatModel {
    public let base: any ChatModel
    public let limiter: RateLimiter
    public let classify: PushbackClassifier
    public let maxPushbacks: Int

    public init(base: any ChatModel, limiter: RateLimiter, classify: @escaping PushbackClassifier, maxPushbacks: Int = 10) {
        self.base = base
        self.limiter = limiter
        self.classify = classify
        self.maxPushbacks = maxPushbacks
    }

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatChunk, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: ChatChunk.self, throwing: (any Error).self)
        let task = Task { await run(request, continuation) }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    private func run(_ request: ChatRequest, _ continuation: AsyncThrowingStream<ChatChunk, any Error>.Continuation) async {
        let estimate = TokenEstimate.of(request)
        var pushbacks = 0
        while true {
            let grant: RateLimiter.Grant
            continuation.yield(.held(reason: "waiting for \(limiter.name)'s rate limit"))
            do {
                grant = try await limiter.acquire(tokens: estimate)
            } catch {
                continuation.finish(throwing: CancellationError())
                return
            }
            continuation.yield(.released)
            var textStarted = false
            var usage: TokenUsage?
            do {
                for try await chunk in base.stream(request) {
                    switch chunk {
                    case .text, .reasoning: textStarted = true
                    case .usage(let u): usage = u
                    case .retrying, .held, .released, .stop, .notApplied, .responseStarted: break
                    }
                    if case .terminated = continuation.yield(chunk) { break }
                }
                await limiter.finished(grant, actualTokens: usage?.totalTokens, succeeded: true)
                continuation.finish()
                return
            } catch {
                if !textStarted, !(error is CancellationError), !Task.isCancelled, pushbacks < maxPushbacks,
                    let pushback = classify(error)
                {
                    pushbacks += 1
                    await limiter.pushedBack(grant, pushback)
                    let reason = "\(pushback.summary): waiting for \(limiter.name) to accept requests again (\(pushbacks) of \(maxPushbacks))"
                    continuation.yield(.retrying(attempt: pushbacks + 1, reason: reason))
                    continue
                }
                await limiter.finished(grant, actualTokens: usage?.totalTokens, succeeded: false)
                continuation.finish(throwing: error)
                return
            }
        }
    }
}
