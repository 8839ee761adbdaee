/// A model's price as the plan knows it: a figure, or why there is none.
///
/// Carried by `ModelChoice`, so a saved record says which price every call was costed at (and a
/// record made before prices existed simply has none: no cost is shown for it). An unknown
/// price is never replaced by a guess: its calls show "cost unknown".
public enum Pricing: Sendable, Hashable {
    case known(ModelPrice)
    /// Why there is no figure, and how to give one ("no price for openai:gpt-9 in the price
    /// table (checked 2026-11-29); add [prices.\"openai:gpt-9\"] to the config").
    case unknown(reason: String)

    public var price: ModelPrice? {
        if case .known(let price) = self { return price }
        return nil
    }

    /// The cost of a call with `usage` at this price; nil when unknown or nothing was counted.
    public func cost(of usage: TokenUsage?) -> Cost? { price?.cost(of: usage) }
}

extension Pricing: Codable {
    enum CodingKeys: String, CodingKey { case unknown }

    /// A known price is its fields (`input_usd_per_mtok`, ...); an unknown one is
    /// `{"unknown": "why"}`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let reason = try c.decodeIfPresent(String.self, forKey: .unknown) {
            self = .unknown(reason: reason)
        } else {
            self = .known(try ModelPrice(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .known(let price): try price.encode(to: encoder)
        case .unknown(let reason):
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(reason, forKey: .unknown)
        }
    }
}
