/// Which of an attempt's time limits ended it (`AttemptRecord.timeoutLimit`), so every view says
/// the same thing about a timeout: the pane's status, the headless progress line and the JSON.
///
/// The limits are `WorkerSpec`'s: `timeout` (total), `idleTimeout` (silence once text came) and
/// `headTimeout` (the wait for the response head, when set).
public enum TimeoutLimit: String, Sendable, Codable, Hashable {
    /// The total limit: from the start, or from the response head when a head limit is set.
    case total
    /// The idle limit: no text for `idleTimeout` once text had started (the stream stalled).
    case idle
    /// The head limit: no response head within `headTimeout` (queued at a server or a proxy).
    case head

    /// The one text every view shows for the limit that fired: "total timeout 15 s",
    /// "idle timeout 10 s (stalled)", "head timeout 120 s (no response)". `limits` gives the figure;
    /// without it (a record older than `limits`) only the name.
    public func summary(_ limits: AttemptLimits?) -> String {
        switch self {
        case .total: "total timeout" + (limits.map { " " + $0.timeout.timeoutText } ?? "")
        case .idle: "idle timeout" + (limits.map { " " + $0.idleTimeout.timeoutText } ?? "") + " (stalled)"
        case .head: "head timeout" + (limits?.headTimeout.map { " " + $0.timeoutText } ?? "") + " (no response)"
        }
    }

    /// The limit named by a timeout error the state machine wrote, for records made before
    /// `timeout_limit` was kept: "stalled: ..." (idle), "no response after ..." (head),
    /// "timed out after ..." (total). Nil for any other text.
    public init?(error: String?) {
        guard let error else { return nil }
        if error.hasPrefix("stalled:") {
            self = .idle
        } else if error.hasPrefix("no response after") {
            self = .head
        } else if error.hasPrefix("timed out after") {
            self = .total
        } else {
            return nil
        }
    }
}

extension AttemptRecord {
    /// The limit that ended a timed-out attempt: the record's, else read from its error (older
    /// records); nil for an attempt that did not time out.
    public var firedLimit: TimeoutLimit? {
        guard status == .timedOut else { return nil }
        return timeoutLimit ?? TimeoutLimit(error: error)
    }

    /// "idle timeout 10 s (stalled)": what a view says about a timed-out attempt; nil otherwise.
    public var timeoutSummary: String? { firedLimit?.summary(limits) }
}
