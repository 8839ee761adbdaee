/// The time limits one attempt ran under, as the record keeps them (`limits` of an attempt):
/// which limits applied, so a reader of a timed-out attempt sees whether the head wait or the
/// answer ran out without looking up the plan (a batch's compact record has none).
///
/// Without `headTimeout`, `timeout` counted from the attempt's start and also bounded the wait
/// for the response head; with it, the head wait had its own limit and `timeout` counted from
/// the head (`WorkerSpec.headTimeout`).
public struct AttemptLimits: Sendable, Codable, Hashable {
    /// The total limit: from the start, or from the head when `headTimeout` is set.
    public var timeout: Duration
    /// The longest silence between chunks once the first came.
    public var idleTimeout: Duration
    /// The longest wait for the response head; nil when none applied.
    public var headTimeout: Duration?

    public init(timeout: Duration, idleTimeout: Duration, headTimeout: Duration? = nil) {
        self.timeout = timeout
        self.idleTimeout = idleTimeout
        self.headTimeout = headTimeout
    }

    enum CodingKeys: String, CodingKey {
        case timeout = "timeout_ms", idleTimeout = "idle_timeout_ms", headTimeout = "head_timeout_ms"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        timeout = try c.decodeMilliseconds(forKey: .timeout)
        idleTimeout = try c.decodeMilliseconds(forKey: .idleTimeout)
        headTimeout = try c.decodeMillisecondsIfPresent(forKey: .headTimeout)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeMilliseconds(timeout, forKey: .timeout)
        try c.encodeMilliseconds(idleTimeout, forKey: .idleTimeout)
        if let headTimeout { try c.encodeMilliseconds(headTimeout, forKey: .headTimeout) }
    }
}
