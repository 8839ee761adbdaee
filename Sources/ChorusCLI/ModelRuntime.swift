import Chorus

/// The model back end of one command: the process's one HTTP client behind a model factory and a
/// discovery probe. Made once per command (sized to the run's worker count + the aggregator) and
/// shut down on every path by `using`.
public struct ModelRuntime: Sendable {
    public var factory: ModelFactory
    /// Models for `chorus batch`: the same back ends, but a provider's pushback (HTTP 429, an
    /// overloaded server) is not retried inside the call; it comes back as an error that
    /// `pushback` recognises, so the batch's shared rate limiter slows every call down instead.
    public var pacedFactory: ModelFactory
    /// Recognises a provider's pushback among a call's errors (and what wait it asked for).
    public var pushback: PushbackClassifier
    /// Asks whether a local OpenAI-compatible server answers at a base URL (discovery).
    public var probe: LocalServerProbe
    public var shutdown: @Sendable () async -> Void
    /// How many model calls failed because the server could not be reached (for exit code 69).
    public var unreachableFailures: @Sendable () -> Int

    public init(
        factory: @escaping ModelFactory, probe: @escaping LocalServerProbe = { _ in nil },
        shutdown: @escaping @Sendable () async -> Void = {}, unreachableFailures: @escaping @Sendable () -> Int = { 0 },
        pacedFactory: ModelFactory? = nil, pushback: @escaping PushbackClassifier = { _ in nil }
    ) {
        self.factory = factory
        self.pacedFactory = pacedFactory ?? factory
        self.pushback = pushback
        self.probe = probe
        self.shutdown = shutdown
        self.unreachableFailures = unreachableFailures
    }

    /// Runs `body`, then shuts the HTTP client down, whether `body` returned or threw.
    public func using<T>(_ body: () async throws(ChorusError) -> T) async throws(ChorusError) -> T {
        let result: Result<T, ChorusError>
        do { result = .success(try await body()) } catch { result = .failure(error) }
        await shutdown()
        return try result.get()
    }
}
