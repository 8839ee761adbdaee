import Foundation

/// A worker's settings and every attempt it made, oldest first, for each of its variants.
///
/// The worker's status, text and error are those of the latest attempt of its chosen variant;
/// earlier attempts stay in `attempts` so a retry never erases what happened before.
///
/// Variants (README "Variant reruns"): a rerun with other settings is kept next to the original,
/// never in its place. `spec` and `attempts` read and write the chosen variant, the one the merge,
/// the quorum and every view of "the worker's answer" use, so code written before variants
/// existed keeps meaning "this worker as merged". Code that addresses one variant uses
/// `variants[v]`.
public struct WorkerRecord: Sendable, Hashable {
    /// Every variant, the original first; never empty.
    public var variants: [WorkerVariant]
    /// Which variant goes into the merge (an index into `variants`).
    public var chosen: Int
    /// Started by escalation (`--escalate`, `EscalationPlan`), not one of the planned N: the
    /// quorum counts its success but never its failure (`RunRecord.plannedWorkerCount`).
    /// JSON `escalated: true`, written only when set.
    public var escalated = false

    public init(spec: WorkerSpec, attempts: [AttemptRecord] = []) {
        variants = [WorkerVariant(spec: spec, attempts: attempts)]
        chosen = 0
    }

    /// The chosen variant's settings.
    public var spec: WorkerSpec {
        get { variants[chosen].spec }
        set { variants[chosen].spec = newValue }
    }

    /// The chosen variant's attempts, oldest first.
    public var attempts: [AttemptRecord] {
        get { variants[chosen].attempts }
        set { variants[chosen].attempts = newValue }
    }

    /// Every attempt of every variant (for totals: usage, cost).
    public var allAttempts: [AttemptRecord] { variants.flatMap(\.attempts) }

    public var index: Int { spec.index }
    public var latest: AttemptRecord? { attempts.last }
    /// `nil` before the first attempt started.
    public var status: AttemptStatus? { latest?.status }
    public var succeeded: Bool { status == .succeeded }
    /// The latest attempt did not succeed, and the user accepted its streamed text as a partial
    /// answer (`AttemptRecord.acceptedPartial`). Never with `--schema`: a partial answer cannot
    /// be checked against the schema (a record made before that rule may still say accepted).
    public var acceptedPartial: Bool {
        guard spec.schema == nil else { return false }
        return latest.map { $0.acceptedPartial && $0.isPartial } ?? false
    }
    /// Whether the worker's text goes into the merge: it succeeded, or its partial was accepted.
    /// With `--schema`, only a succeeded answer with a validated object counts, so the quorum of
    /// a schema run counts objects, never failed or partial text.
    public var answered: Bool {
        guard spec.schema == nil else { return succeeded && latest?.object != nil }
        return succeeded || acceptedPartial
    }
    public var text: String { latest?.text ?? "" }
    public var error: String? { latest?.error }

    /// A one-line reason for a worker that did not succeed, for quorum errors.
    public var reason: String {
        guard let latest else { return "never started" }
        switch latest.status {
        case .succeeded: return "succeeded"
        case .waiting, .streaming: return "still running"
        case .failed, .timedOut, .cancelled: return latest.error ?? latest.status.words
        }
    }
}

extension WorkerRecord: Codable {
    enum CodingKeys: String, CodingKey {
        case index, label, status, temperature, focus, model, provider, baseURL = "base_url"
        case maxTokens = "max_tokens", timeoutMs = "timeout_ms", idleTimeoutMs = "idle_timeout_ms"
        case headTimeoutMs = "head_timeout_ms"
        case text, error, elapsedMs = "elapsed_ms", firstTokenMs = "first_token_ms", usage, attempts
        case reasoningEffort = "reasoning_effort", seed, schema
        case pricing = "price", costUSD = "cost_usd"
        case variants, chosenVariant = "chosen_variant"
        case escalated
    }

    /// Flat on purpose: the JSON contract (DESIGN.md) puts the settings and the latest attempt's
    /// outcome side by side, with every attempt under `attempts`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(spec.index, forKey: .index)
        try c.encode(spec.label, forKey: .label)
        try c.encode(status ?? .waiting, forKey: .status)
        try c.encode(spec.temperature, forKey: .temperature)
        try c.encode(spec.focus, forKey: .focus)
        try c.encode(spec.model.model, forKey: .model)
        try c.encode(spec.model.provider, forKey: .provider)
        try c.encode(spec.model.baseURL, forKey: .baseURL)
        try c.encode(spec.maxTokens, forKey: .maxTokens)
        try c.encodeMilliseconds(spec.timeout, forKey: .timeoutMs)
        try c.encodeMilliseconds(spec.idleTimeout, forKey: .idleTimeoutMs)
        if let head = spec.headTimeout { try c.encodeMilliseconds(head, forKey: .headTimeoutMs) }
        try c.encode(text, forKey: .text)
        try c.encode(error, forKey: .error)
        try c.encode(latest?.elapsedMs, forKey: .elapsedMs)
        try c.encode(latest?.firstTokenMs, forKey: .firstTokenMs)
        try c.encode(latest?.usage, forKey: .usage)
        try c.encode(attempts, forKey: .attempts)
        // Added later: written only when set, so other records encode as before.
        try c.encodeIfPresent(spec.reasoningEffort, forKey: .reasoningEffort)
        try c.encodeIfPresent(spec.seed, forKey: .seed)
        try c.encodeIfPresent(spec.schema, forKey: .schema)
        // Added with prices: the worker's price and its attempts' cost, when known.
        try c.encodeIfPresent(spec.model.pricing, forKey: .pricing)
        try c.encodeIfPresent(totalCost.cost?.usd, forKey: .costUSD)
        // Added with variant reruns, only once there is more than one: every variant (the
        // original first) and which one is merged. The flat keys above are the chosen variant's.
        if variants.count > 1 {
            try c.encode(variants, forKey: .variants)
            try c.encode(chosen, forKey: .chosenVariant)
        }
        // Added with escalation (issue 15): only on an extra worker.
        if escalated { try c.encode(true, forKey: .escalated) }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var spec = WorkerSpec(
            index: try c.decode(Int.self, forKey: .index),
            label: try c.decodeIfPresent(String.self, forKey: .label),
            temperature: try c.decode(Double.self, forKey: .temperature),
            focus: try c.decodeIfPresent(String.self, forKey: .focus),
            model: ModelChoice(
                provider: try c.decode(String.self, forKey: .provider),
                model: try c.decode(String.self, forKey: .model),
                baseURL: try c.decodeIfPresent(String.self, forKey: .baseURL),
                pricing: try c.decodeIfPresent(Pricing.self, forKey: .pricing)),
            maxTokens: try c.decodeIfPresent(Int.self, forKey: .maxTokens),
            timeout: try c.decodeMillisecondsIfPresent(forKey: .timeoutMs) ?? Plan.defaultTimeout,
            idleTimeout: try c.decodeMillisecondsIfPresent(forKey: .idleTimeoutMs) ?? Plan.defaultIdleTimeout)
        spec.reasoningEffort = try c.decodeIfPresent(ReasoningEffort.self, forKey: .reasoningEffort)
        spec.seed = try c.decodeIfPresent(Int.self, forKey: .seed)
        spec.schema = try c.decodeIfPresent(StructuredSchema.self, forKey: .schema)
        spec.headTimeout = try c.decodeMillisecondsIfPresent(forKey: .headTimeoutMs)
        self.init(spec: spec, attempts: try c.decode([AttemptRecord].self, forKey: .attempts))
        if let variants = try c.decodeIfPresent([WorkerVariant].self, forKey: .variants), !variants.isEmpty {
            let chosen = try c.decodeIfPresent(Int.self, forKey: .chosenVariant) ?? 0
            guard variants.indices.contains(chosen) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .chosenVariant, in: c,
                    debugDescription: "chosen_variant \(chosen) names no variant (the worker has \(variants.count))")
            }
            self.variants = variants
            self.chosen = chosen
        }
        escalated = try c.decodeIfPresent(Bool.self, forKey: .escalated) ?? false
    }
}
