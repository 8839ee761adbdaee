/// The merge of the workers' structured answers (`--schema`): the merged object, each field's
/// agreement, and whether a person should look (`needs_review`). Kept in
/// `AggregationRecord.structured`; nil for a free-text run.
public struct StructuredOutcome: Sendable, Codable, Hashable {
    /// The merged object; valid against the schema.
    public var object: JSONValue
    /// One entry per merged field, in schema order; a nested object's fields by dotted path
    /// (`address.city`), after the object's own entry.
    public var fields: [FieldOutcome]
    /// True when a required field's agreement fell under `minAgreement`.
    public var needsReview: Bool
    /// The paths of those fields, in schema order.
    public var reviewFields: [String]
    public var minAgreement: MinAgreement
    /// The workers whose objects were merged (indices from 0).
    public var workers: [Int]
    /// Why the whole object needs review apart from any one field's agreement, e.g. "only 1 of 5
    /// workers gave a valid object; the quorum is 3". Nil when only fields flag it (and in older
    /// records).
    public var reviewReason: String?

    public init(
        object: JSONValue, fields: [FieldOutcome], needsReview: Bool, reviewFields: [String], minAgreement: MinAgreement,
        workers: [Int]
    ) {
        self.object = object
        self.fields = fields
        self.needsReview = needsReview
        self.reviewFields = reviewFields
        self.minAgreement = minAgreement
        self.workers = workers
    }

    /// The outcome of the field at `path`.
    public func field(_ path: String) -> FieldOutcome? { fields.first { $0.path == path } }

    enum CodingKeys: String, CodingKey {
        case object, fields, needsReview = "needs_review", reviewFields = "review_fields"
        case minAgreement = "min_agreement", workers, reviewReason = "review_reason"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        object = try c.decode(JSONValue.self, forKey: .object)
        fields = try c.decodeIfPresent([FieldOutcome].self, forKey: .fields) ?? []
        needsReview = try c.decodeIfPresent(Bool.self, forKey: .needsReview) ?? false
        reviewFields = try c.decodeIfPresent([String].self, forKey: .reviewFields) ?? []
        minAgreement = try c.decodeIfPresent(MinAgreement.self, forKey: .minAgreement) ?? .default
        workers = try c.decodeIfPresent([Int].self, forKey: .workers) ?? []
        reviewReason = try c.decodeIfPresent(String.self, forKey: .reviewReason)
    }
}

/// How one field was merged and how far the workers agree on it.
public struct FieldOutcome: Sendable, Codable, Hashable {
    /// The field's path: `label`, `address.city` for a nested field.
    public var path: String
    /// The merged value (null when no worker gave the optional field).
    public var value: JSONValue
    public var method: FieldMethod
    /// How many of the `of` answers agree with `value` (for a measurement: lie within its
    /// tolerance of the median, `FieldMerge.measurementTolerance`).
    public var agreeing: Int
    /// How many answers had the field.
    public var of: Int
    /// For a measurement: the largest value minus the smallest; nil otherwise.
    public var spread: Double?
    /// Workers (indices from 0) whose value differs from `value`.
    public var dissenters: [Int]
    /// Whether the schema requires the field (only required fields flag for review).
    public var required: Bool
    /// True when `agreeing` of `of` is under the run's `--min-agreement`.
    public var belowThreshold: Bool
    /// Each worker's value of the field as written (index from 0 → value), for the tables that
    /// show who said what.
    public var values: [Int: JSONValue]
    /// Why the value is what it is, when that needs saying ("tie between a and b: worker 1's").
    public var note: String?

    public init(
        path: String, value: JSONValue, method: FieldMethod, agreeing: Int, of: Int, spread: Double? = nil,
        dissenters: [Int] = [], required: Bool = true, belowThreshold: Bool = false, values: [Int: JSONValue] = [:],
        note: String? = nil
    ) {
        self.path = path
        self.value = value
        self.method = method
        self.agreeing = agreeing
        self.of = of
        self.spread = spread
        self.dissenters = dissenters
        self.required = required
        self.belowThreshold = belowThreshold
        self.values = values
        self.note = note
    }

    /// Whether the value was a tie settled by worker order (`note` says "tie: ...; took the first").
    public var isTie: Bool { note?.hasPrefix("tie: ") == true }

    /// "3/5", or "±0.4" for a measurement: the agreement as a table shows it.
    public var agreementText: String {
        if let spread { return "\(agreeing)/\(of) spread \(FieldOutcome.number(spread))" }
        return "\(agreeing)/\(of)"
    }

    static func number(_ value: Double) -> String {
        if let whole = value.exactInteger { return String(whole) }
        return String((value * 10_000).rounded() / 10_000)
    }

    enum CodingKeys: String, CodingKey {
        case path, value, method, agreeing, of, spread, dissenters, required
        case belowThreshold = "below_threshold", values, note
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.decode(String.self, forKey: .path)
        value = try c.decodeIfPresent(JSONValue.self, forKey: .value) ?? .null
        method = try c.decode(FieldMethod.self, forKey: .method)
        agreeing = try c.decode(Int.self, forKey: .agreeing)
        of = try c.decode(Int.self, forKey: .of)
        spread = try c.decodeIfPresent(Double.self, forKey: .spread)
        dissenters = try c.decodeIfPresent([Int].self, forKey: .dissenters) ?? []
        required = try c.decodeIfPresent(Bool.self, forKey: .required) ?? true
        belowThreshold = try c.decodeIfPresent(Bool.self, forKey: .belowThreshold) ?? false
        let byWorker = try c.decodeIfPresent([String: JSONValue].self, forKey: .values) ?? [:]
        values = Dictionary(uniqueKeysWithValues: byWorker.compactMap { k, v in Int(k).map { ($0, v) } })
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .path)
        try c.encode(value, forKey: .value)
        try c.encode(method, forKey: .method)
        try c.encode(agreeing, forKey: .agreeing)
        try c.encode(of, forKey: .of)
        try c.encodeIfPresent(spread, forKey: .spread)
        try c.encode(dissenters, forKey: .dissenters)
        try c.encode(required, forKey: .required)
        try c.encode(belowThreshold, forKey: .belowThreshold)
        // Worker indices as keys ("0", "1"), since JSON object keys are strings.
        try c.encode(Dictionary(uniqueKeysWithValues: values.map { (String($0.key), $0.value) }), forKey: .values)
        try c.encodeIfPresent(note, forKey: .note)
    }
}

/// How a field's value was reached.
public enum FieldMethod: String, Sendable, Codable, Hashable {
    /// The most common value after the vote's normalisation (enums, booleans, integers, numbers,
    /// short strings).
    case vote
    /// The median of a measurement, with the spread.
    case median
    /// Long strings: the answer of the largest group sharing key words (the long-answer tally).
    case overlap
    /// Long strings merged by the aggregator model (`synthesize`, or `auto` without a clear group).
    case synthesized
    /// A model picked one worker's value (`judge`).
    case judged
    /// Arrays of scalars: each element kept when a strict majority of answers has it.
    case set
    /// Arrays of objects: the most common whole array.
    case whole
    /// A nested object: its fields merged one by one (their entries follow).
    case object
    /// Every worker's value one after the other (`concatenate`, long strings).
    case concatenated
    /// One answer: nothing to merge.
    case single
}
