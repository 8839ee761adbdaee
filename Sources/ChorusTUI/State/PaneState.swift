import Chorus

/// What one worker's pane shows: the current attempt's state, timing and text.
///
/// Times are on the UI's clock (`UIState.now`) while the attempt runs, so the elapsed time ticks
/// live; once the attempt ends the record's own figures (on the run's clock) take over.
public struct PaneState: Hashable, Sendable {
    /// A key press the controller has not answered yet, shown as "retry requested…".
    public enum Request: Hashable, Sendable { case retry, cancel }

    public struct ProviderRetry: Hashable, Sendable {
        public var count: Int
        public var reason: String
    }

    public var spec: WorkerSpec
    /// 0 until the first attempt starts.
    public var attempt = 0
    /// nil until the first attempt starts.
    public var status: AttemptStatus?
    /// The provider's last retry reason before the first token (e.g. "HTTP 429"), and how many.
    public var providerRetry: ProviderRetry?
    public var startedAt: Int64?
    public var firstTokenAt: Int64?
    /// The attempt's record once it ended.
    public var finished: AttemptRecord?
    public var usage: TokenUsage?
    public var chunks = 0
    public var text: WrappedText
    /// The first row shown; nil follows the newest text.
    public var scrollTop: Int?
    public var request: Request?

    public init(spec: WorkerSpec, wrapWidth: Int) {
        self.spec = spec
        text = WrappedText(width: wrapWidth)
    }

    public var index: Int { spec.index }
    public var isRunning: Bool { status == .waiting || status == .streaming }
    public var isRetryable: Bool { status?.isRetryable ?? false }

    /// "1", or "2 risk" when the worker has a label of its own.
    public var displayName: String {
        let number = String(spec.index + 1)
        return spec.label == number ? number : "\(number) \(spec.label)"
    }

    public func elapsedMs(now: Int64) -> Int64? {
        if let finished { return finished.elapsedMs }
        guard let startedAt else { return nil }
        return max(0, now - startedAt)
    }

    public var firstTokenMs: Int64? {
        if let finished { return finished.firstTokenMs }
        guard let startedAt, let firstTokenAt else { return nil }
        return firstTokenAt - startedAt
    }

    /// Completion tokens: the provider's count, else the chunk count (marked approximate).
    public var tokens: (count: Int, approximate: Bool)? {
        if let completion = usage?.completionTokens { return (completion, usage?.approximate ?? false) }
        let chunks = finished?.chunks ?? self.chunks
        return chunks > 0 ? (chunks, true) : nil
    }

    /// Tokens per second of generation (after the first token), once there is enough to say.
    public func tokensPerSecond(now: Int64) -> Double? {
        guard let tokens, tokens.count > 1, let elapsed = elapsedMs(now: now) else { return nil }
        let generating = elapsed - (firstTokenMs ?? 0)
        guard generating >= 200 else { return nil }
        return Double(tokens.count) / (Double(generating) / 1000)
    }
}
