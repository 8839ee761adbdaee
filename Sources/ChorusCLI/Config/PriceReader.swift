import Chorus

/// Reads the config file's prices: `[prices."PROVIDER:MODEL"]` tables (`input`, `output`,
/// `cached_input`) and the `price_in`/`price_out`/`price_cached_in` keys of a `[providers.NAME]`.
/// All in US dollars per million tokens, the unit of every provider's price page. A problem is
/// one line naming the file, the table, the key and the fix.
struct PriceReader {
    let path: String

    static let modelKeys = ["input", "output", "cached_input"]
    static let providerKeys = ["price_in", "price_out", "price_cached_in"]

    func readPrices(_ entries: [(key: String, value: ConfigNode)]) throws(ChorusError) -> [String: ModelPrice] {
        var prices: [String: ModelPrice] = [:]
        for (key, node) in entries {
            let table = "[prices.\"\(key)\"]"
            let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw .usage("\(path): \(table): name a provider and a model, e.g. [prices.\"openai:gpt-4.1-mini\"]")
            }
            guard let fields = node.entries else {
                throw .usage("\(path): \(table) must be a table with input and output (USD per 1M tokens), e.g. input = 0.4")
            }
            var values: [String: Double] = [:]
            for (field, value) in fields {
                guard Self.modelKeys.contains(field) else {
                    let hint = Suggestion.closest(to: field, in: Self.modelKeys).map { "did you mean '\($0)'?" }
                        ?? "known keys: \(Self.modelKeys.joined(separator: ", "))"
                    throw .usage("\(path): \(table) unknown key '\(field)'; \(hint)")
                }
                values[field] = try dollars(value, at: "\(table) \(field)")
            }
            guard let input = values["input"], let output = values["output"] else {
                throw .usage("\(path): \(table) needs both input and output (USD per 1M tokens), e.g. input = 0.4 and output = 1.6")
            }
            prices[key] = ModelPrice(
                input: input, output: output, cachedInput: values["cached_input"], source: "config \(table) (\(path))")
        }
        return prices
    }

    /// A provider's own price; nil when it sets none.
    func readProviderPrice(_ entries: [(key: String, value: ConfigNode)], provider: String) throws(ChorusError) -> ModelPrice? {
        guard !entries.isEmpty else { return nil }
        let table = "[providers.\(provider)]"
        var values: [String: Double] = [:]
        for (key, value) in entries { values[key] = try dollars(value, at: "\(table) \(key)") }
        guard let input = values["price_in"], let output = values["price_out"] else {
            throw .usage("\(path): \(table) needs both price_in and price_out (USD per 1M tokens), e.g. price_in = 0.2 and price_out = 0.6")
        }
        return ModelPrice(
            input: input, output: output, cachedInput: values["price_cached_in"],
            source: "config \(table) price_in/price_out (\(path))")
    }

    private func dollars(_ node: ConfigNode, at place: String) throws(ChorusError) -> Double {
        let number: Double
        switch node.raw {
        case .int(let n): number = Double(n)
        case .double(let d): number = d
        default:
            throw .usage("\(path): \(place) = \(node.raw.tomlText): expected a number of US dollars per 1M tokens, e.g. 0.4")
        }
        guard number.isFinite, number >= 0 else {
            throw .usage("\(path): \(place) = \(node.raw.tomlText): a price cannot be negative; write 0 for free")
        }
        return number
    }
}
