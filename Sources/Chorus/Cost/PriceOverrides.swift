/// Prices given in the config file, which win over the table: `[prices."PROVIDER:MODEL"]`
/// (one model of one provider) and `price_in`/`price_out` on `[providers.NAME]` (every model of
/// that provider, e.g. a rented server billed per token, or a proxy with its own prices).
///
/// Provider names are Chorus's (`openai`, `lab`, what `--provider` takes), not vendors.
public struct PriceOverrides: Sendable, Hashable {
    /// By "PROVIDER:MODEL".
    public var models: [String: ModelPrice]
    /// By provider name.
    public var providers: [String: ModelPrice]

    public init(models: [String: ModelPrice] = [:], providers: [String: ModelPrice] = [:]) {
        self.models = models
        self.providers = providers
    }
}

extension Pricing {
    /// Providers whose servers run on the user's machine or network by definition.
    public static let localProviders: Set<String> = ["local", "ollama"]

    /// The price of a model choice, strongest first: `[prices."PROVIDER:MODEL"]`, the provider's
    /// `price_in`/`price_out`, free for a local server (the `local`/`ollama` providers, any
    /// loopback base URL), then the table for the vendor the base URL's host belongs to.
    /// Anything else is `.unknown`, with the reason and the config key that would fix it.
    public static func lookup(_ choice: ModelChoice, table: PriceTable = .bundled, overrides: PriceOverrides = PriceOverrides())
        -> Pricing
    {
        let key = "\(choice.provider):\(choice.model)"
        if let price = overrides.models[key] { return .known(price) }
        if let price = overrides.providers[choice.provider] { return .known(price) }
        if localProviders.contains(choice.provider) || PriceTable.isLoopback(choice.baseURL) {
            return .known(.free(source: "local server"))
        }
        let fix = "set [prices.\"\(key)\"] input = ... output = ... (USD per 1M tokens) in the config"
        guard let vendor = PriceTable.vendor(baseURL: choice.baseURL) else {
            let host = choice.baseURL ?? "no base URL"
            return .unknown(
                reason: "provider \(choice.provider) at \(host) is not a vendor in the price table; \(fix), or price_in/price_out in [providers.\(choice.provider)]")
        }
        if let price = table.price(vendor: vendor, model: choice.model) { return .known(price) }
        return .unknown(reason: "no price for \(vendor) model \(choice.model) in the price table (checked \(table.checked)); \(fix)")
    }
}
