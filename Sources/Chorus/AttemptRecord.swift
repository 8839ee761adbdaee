/// How one attempt of a worker ended (or where it is now, while it runs).
public enum AttemptStatus: String, Sendable, Codable, Hashable {
    /// Started, no chunk yet (it may be queued at the server).
    case waiting
    /// At least one chunk arrived.
    case streaming
    case succeeded
    case failed
    case timedOut = "timed_out"
    /// The user cancelled it (or an early quorum made it unnecessary).
    case cancelled

    public var isTerminal: Bool {
        switch self {
        case .waiting, .streaming: false
        case .succeeded, .failed, .timedOut, .cancelled: true
        }
    }

    /// Whether `r` in the UI (or `RunController.retry`) will run this worker again.
    public var isRetryable: Bool { self == .failed || self == .timedOut || self == .cancelled }

    /// The status as messages say it: "timed out", "failed".
    public var words: String { String(rawValue.map { $0 == "_" ? " " : $0 }) }
}

/// One call of one worker: what it produced and how long it took.
///
/// Times are offsets from the run's start, measured on the run's (injectable) clock, so a
/// record made under a test clock is exact and repeatable.
public struct AttemptRecord: Sendable, Codable, Hashable {
    /// 1 for the first call, k+1 for a retry of attempt k.
    public var number: Int
    public var status: AttemptStatus
    public var text: String
    /// One readable line; nil when the attempt succeeded.
    public var error: String?
    public var startedMs: Int64
    public var elapsedMs: Int64?
    /// Time from the attempt's start to its first chunk of text.
    public var firstTokenMs: Int64?
    public var usage: TokenUsage?
    /// Number of text chunks received.
    public var chunks: Int
    /// Reasons the provider retried before the first chunk (e.g. "HTTP 429"), in order.
    public var providerRetries: [String]
    /// Time the client held the request back (a batch's rate limiter) before sending it; not
    /// counted against the worker's timeout. Nil when it was never held.
    public var queuedMs: Int64?
    /// The model's reasoning, apart from `text`; nil when it sent none. Never merged.
    public var reasoning: String?
    /// Number of reasoning chunks received.
    public var reasoningChunks: Int = 0
    /// Time from the attempt's start to its first chunk of reasoning (`firstTokenMs` is the
    /// first chunk of the answer).
    public var firstReasoningMs: Int64?
    /// Why the model stopped, as the provider said it (`stop`, `length`, `end_turn`, ...).
    public var stopReason: String?
    /// Settings the server refused, which this attempt went without ("temperature: ...").
    public var notApplied: [String] = []
    /// What this call cost at its worker's price (`ModelChoice.pricing`); nil when the price or
    /// the usage is unknown. Set when the attempt ends (`priced(by:)`).
    public var cost: Cost?
    /// Time from the attempt's start to the response head (the server took the request); for a
    /// model that sends no head, its first chunk. Nil when no head came. Includes `queuedMs`,
    /// like `firstTokenMs`.
    public var headMs: Int64?
    /// The time limits this attempt ran under; nil in records older than the head limit.
    public var limits: AttemptLimits?
    /// Set on an attempt that `chorus batch` sent again by itself because the one before got no
    /// response at all (it timed out before the head): this is re-send `resend` of at most
    /// `Plan.batchResends`. Nil for an attempt started by the run or by a person's retry.
    public var resend: Int?
    /// Which limit ended a timed-out attempt (total, idle, head); nil otherwise and in older
    /// records (`firedLimit` reads those from the error).
    public var timeoutLimit: TimeoutLimit?
    /// The user accepted this attempt's text into the merge although it did not succeed (it
    /// timed out, failed or was cancelled after streaming): `RunRecord.answers` takes it, marked
    /// partial. False in older records and for every attempt nobody accepted.
    public var acceptedPartial = false

    /// With `--schema`: the answer finished but did not validate against the schema (`error`
    /// names the first violation). Such an answer is whole, not partial: it is a failure, and
    /// `r` retries it. False without a schema and in older records.
    public var schemaInvalid = false

    /// Whether this attempt ended without succeeding after text had come: what the user saw is
    /// kept (`text`), and the UI offers it as a partial answer. An answer that finished and
    /// failed the schema is not partial (`schemaInvalid`): nothing more was coming.
    public var isPartial: Bool {
        status.isTerminal && status != .succeeded && !schemaInvalid && !text.allSatisfy(\.isWhitespace)
    }
    /// With `--schema`: the worker's answer read as JSON and valid against the schema (nil when
    /// the run has no schema, or the answer did not validate: then `error` names the first
    /// violation and the attempt failed).
    public var object: JSONValue?

    /// Whether the attempt timed out before anything of the response arrived (no head, no
    /// chunk): the request may never have reached the model, so sending it again cannot show
    /// anything twice or pay for an answer twice.
    public var timedOutBeforeResponse: Bool {
        status == .timedOut && headMs == nil && chunks == 0 && reasoningChunks == 0 && firstTokenMs == nil
    }

    /// The stop reason, read (see `StopReason` for how each counts).
    public var stop: StopReason? { stopReason.map(StopReason.init) }

    /// The mark an answer that is not whole carries ("cut at max tokens"); nil for a whole one.
    public var stopMark: String? { stop?.mark }

    public init(
        number: Int, status: AttemptStatus, text: String = "", error: String? = nil, startedMs: Int64,
        elapsedMs: Int64? = nil, firstTokenMs: Int64? = nil, usage: TokenUsage? = nil, chunks: Int = 0,
        providerRetries: [String] = [], queuedMs: Int64? = nil
    ) {
        self.number = number
        self.status = status
        self.text = text
        self.error = error
        self.startedMs = startedMs
        self.elapsedMs = elapsedMs
        self.firstTokenMs = firstTokenMs
        self.usage = usage
        self.chunks = chunks
        self.providerRetries = providerRetries
        self.queuedMs = queuedMs
    }

    enum CodingKeys: String, CodingKey {
        case number = "attempt", status, text, error
        case startedMs = "started_ms", elapsedMs = "elapsed_ms", firstTokenMs = "first_token_ms"
        case usage, chunks, providerRetries = "provider_retries", queuedMs = "queued_ms"
        case reasoning, reasoningChunks = "reasoning_chunks", firstReasoningMs = "first_reasoning_ms"
        case stopReason = "stop_reason", notApplied = "not_applied"
        case costUSD = "cost_usd", costApproximate = "cost_approximate"
        case headMs = "head_ms", limits, resend, object
        case timeoutLimit = "timeout_limit", acceptedPartial = "accepted_partial"
        case schemaInvalid = "schema_invalid"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        number = try c.decode(Int.self, forKey: .number)
        status = try c.decode(AttemptStatus.self, forKey: .status)
        text = try c.decode(String.self, forKey: .text)
        error = try c.decodeIfPresent(String.self, forKey: .error)
        startedMs = try c.decode(Int64.self, forKey: .startedMs)
        elapsedMs = try c.decodeIfPresent(Int64.self, forKey: .elapsedMs)
        firstTokenMs = try c.decodeIfPresent(Int64.self, forKey: .firstTokenMs)
        usage = try c.decodeIfPresent(TokenUsage.self, forKey: .usage)
        chunks = try c.decode(Int.self, forKey: .chunks)
        providerRetries = try c.decode([String].self, forKey: .providerRetries)
        // Added after version 1 records were first saved: absent in older sessions.
        queuedMs = try c.decodeIfPresent(Int64.self, forKey: .queuedMs)
        reasoning = try c.decodeIfPresent(String.self, forKey: .reasoning)
        reasoningChunks = try c.decodeIfPresent(Int.self, forKey: .reasoningChunks) ?? 0
        firstReasoningMs = try c.decodeIfPresent(Int64.self, forKey: .firstReasoningMs)
        stopReason = try c.decodeIfPresent(String.self, forKey: .stopReason)
        notApplied = try c.decodeIfPresent([String].self, forKey: .notApplied) ?? []
        if let usd = try c.decodeIfPresent(Double.self, forKey: .costUSD) {
            cost = Cost(usd: usd, approximate: try c.decodeIfPresent(Bool.self, forKey: .costApproximate) ?? false)
        }
        headMs = try c.decodeIfPresent(Int64.self, forKey: .headMs)
        limits = try c.decodeIfPresent(AttemptLimits.self, forKey: .limits)
        resend = try c.decodeIfPresent(Int.self, forKey: .resend)
        timeoutLimit = try c.decodeIfPresent(TimeoutLimit.self, forKey: .timeoutLimit)
        acceptedPartial = try c.decodeIfPresent(Bool.self, forKey: .acceptedPartial) ?? false
        object = try c.decodeIfPresent(JSONValue.self, forKey: .object)
        schemaInvalid = try c.decodeIfPresent(Bool.self, forKey: .schemaInvalid) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(number, forKey: .number)
        try c.encode(status, forKey: .status)
        try c.encode(text, forKey: .text)
        try c.encode(error, forKey: .error)
        try c.encode(startedMs, forKey: .startedMs)
        try c.encode(elapsedMs, forKey: .elapsedMs)
        try c.encode(firstTokenMs, forKey: .firstTokenMs)
        try c.encode(usage, forKey: .usage)
        try c.encode(chunks, forKey: .chunks)
        try c.encode(providerRetries, forKey: .providerRetries)
        try c.encodeIfPresent(queuedMs, forKey: .queuedMs)
        try c.encode(stopReason, forKey: .stopReason)
        try c.encodeIfPresent(reasoning, forKey: .reasoning)
        if reasoningChunks > 0 { try c.encode(reasoningChunks, forKey: .reasoningChunks) }
        try c.encodeIfPresent(firstReasoningMs, forKey: .firstReasoningMs)
        if !notApplied.isEmpty { try c.encode(notApplied, forKey: .notApplied) }
        // Added with prices: written only when known (absent means unknown, as in older records).
        if let cost {
            try c.encode(cost.usd, forKey: .costUSD)
            if cost.approximate { try c.encode(true, forKey: .costApproximate) }
        }
        try c.encodeIfPresent(headMs, forKey: .headMs)
        try c.encodeIfPresent(limits, forKey: .limits)
        try c.encodeIfPresent(resend, forKey: .resend)
        // Added with issue 14: written only when set, so other records encode as before.
        try c.encodeIfPresent(timeoutLimit, forKey: .timeoutLimit)
        if acceptedPartial { try c.encode(true, forKey: .acceptedPartial) }
        try c.encodeIfPresent(object, forKey: .object)
        if schemaInvalid { try c.encode(true, forKey: .schemaInvalid) }
    }
}
