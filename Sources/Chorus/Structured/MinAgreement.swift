/// How much agreement a required field needs before the run is trusted without a person
/// looking (`--min-agreement`). Below it the run or batch item is flagged `needs_review`; it is
/// never dropped.
///
/// Written as `majority` (the default: more than half of the answers), a fraction `0.6` (at
/// least that share of the answers: 3 of 5 meets 0.6, 2 of 5 does not), or a count `4` or
/// `4/5` (at least 4 answers; the `/5` only documents the worker count it was written for).
public enum MinAgreement: Sendable, Hashable {
    case strictMajority
    case fraction(Double)
    case count(Int)

    public static let `default` = MinAgreement.strictMajority

    /// Whether `agreeing` of `of` answers meet the threshold.
    public func isMet(agreeing: Int, of total: Int) -> Bool {
        guard total > 0 else { return false }
        switch self {
        case .strictMajority: return agreeing * 2 > total
        // A small tolerance, so 0.6 of 5 is met by 3 (3/5 is 0.6 in decimal, not in binary).
        case .fraction(let f): return Double(agreeing) / Double(total) >= f - 1e-9
        case .count(let k): return agreeing >= k
        }
    }

    /// Reads `majority`, `0.6`, `60%`, `4` or `4/5`; nil with nothing else.
    public init?(text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t == "majority" || t == "strict-majority" || t == "strict_majority" {
            self = .strictMajority
        } else if t.hasSuffix("%"), let p = Double(t.dropLast()), p > 0, p <= 100 {
            self = .fraction(p / 100)
        } else if let slash = t.firstIndex(of: "/"), let k = Int(t[..<slash]), let n = Int(t[t.index(after: slash)...]), k > 0, k <= n {
            self = .count(k)
        } else if let k = Int(t), k >= 1 {
            self = .count(k)
        } else if let f = Double(t), f > 0, f <= 1 {
            self = .fraction(f)
        } else {
            return nil
        }
    }

    /// The written form: `majority`, `0.6`, `4`.
    public var text: String {
        switch self {
        case .strictMajority: "majority"
        case .fraction(let f): "\(f)"
        case .count(let k): "\(k)"
        }
    }

    /// For a person: "a strict majority", "at least 60%", "at least 4 answers".
    public var words: String {
        switch self {
        case .strictMajority: "a strict majority"
        case .fraction(let f): "at least \(Int((f * 100).rounded()))%"
        case .count(let k): "at least \(k) answer\(k == 1 ? "" : "s")"
        }
    }
}

extension MinAgreement: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let number = try? c.decode(Double.self) {
            if let k = number.exactInteger, number >= 1 { self = .count(k) } else { self = .fraction(number) }
            return
        }
        let text = try c.decode(String.self)
        guard let value = MinAgreement(text: text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "min_agreement \(text) is not majority, a fraction or a count")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }
}
