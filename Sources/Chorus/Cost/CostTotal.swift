/// The cost of several calls added up (a worker's attempts, a run, a batch), saying how sure it is.
///
/// Only what is known is added: `usd` is the sum of the calls whose price and usage are both
/// known; `unknownCalls` counts calls that used tokens at a model with no price (so the true
/// total is higher by an unknown amount, and the text says so). Calls of a plan made without
/// prices (an old record) and calls that reported no usage are not counted either way.
public struct CostTotal: Sendable, Hashable {
    public var usd: Double = 0
    /// Some part was counted from chunks or lacked the prompt's count.
    public var approximate = false
    /// Calls whose cost is known.
    public var knownCalls = 0
    /// Calls that used tokens on a model with no price.
    public var unknownCalls = 0

    public init() {}

    public init(usd: Double, approximate: Bool = false, knownCalls: Int = 1, unknownCalls: Int = 0) {
        self.usd = Cost.rounded(usd)
        self.approximate = approximate
        self.knownCalls = knownCalls
        self.unknownCalls = unknownCalls
    }

    /// Nothing priced and nothing unknown: there is nothing to show.
    public var isEmpty: Bool { knownCalls == 0 && unknownCalls == 0 }
    /// No call could be priced.
    public var isUnknown: Bool { knownCalls == 0 && unknownCalls > 0 }

    /// Adds one call: its cost when known; else, when it used tokens on an unpriced model, one
    /// unknown call.
    public mutating func add(_ cost: Cost?, pricing: Pricing?, usage: TokenUsage?) {
        if let cost {
            usd = Cost.rounded(usd + cost.usd)
            approximate = approximate || cost.approximate
            knownCalls += 1
        } else if case .unknown? = pricing, usage?.totalTokens != nil {
            unknownCalls += 1
        }
    }

    public mutating func add(_ other: CostTotal) {
        usd = Cost.rounded(usd + other.usd)
        approximate = approximate || other.approximate
        knownCalls += other.knownCalls
        unknownCalls += other.unknownCalls
    }

    /// The known part as a `Cost`; nil when no call could be priced.
    public var cost: Cost? { knownCalls > 0 ? Cost(usd: usd, approximate: approximate) : nil }

    /// "$0.0123", "~$0.0123", "cost unknown", "$0.0123 + 2 calls cost unknown"; nil when empty.
    public var text: String? {
        if isEmpty { return nil }
        if isUnknown { return "cost unknown" }
        let known = Cost(usd: usd, approximate: approximate).text
        return unknownCalls == 0 ? known : "\(known) + \(unknownCalls) call\(unknownCalls == 1 ? "" : "s") cost unknown"
    }
}
