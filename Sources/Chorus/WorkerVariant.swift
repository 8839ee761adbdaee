/// One run of a worker with its own settings: the original (variant 1), or a rerun with the model,
/// provider, temperature, focus or max tokens changed (variants 2, 3, … in the order they were
/// started). A variant keeps every attempt it made, oldest first, as a worker always did; a retry
/// inside a variant adds an attempt to that variant only.
///
/// JSON (under a worker's `variants`, written only once a worker has more than one): the
/// variant's `spec` (the `WorkerSpec` keys) and its `attempts`.
public struct WorkerVariant: Sendable, Hashable, Codable {
    public var spec: WorkerSpec
    public var attempts: [AttemptRecord]

    public init(spec: WorkerSpec, attempts: [AttemptRecord] = []) {
        self.spec = spec
        self.attempts = attempts
    }

    public var latest: AttemptRecord? { attempts.last }
    public var status: AttemptStatus? { latest?.status }
    public var succeeded: Bool { status == .succeeded }
    public var text: String { latest?.text ?? "" }
}
