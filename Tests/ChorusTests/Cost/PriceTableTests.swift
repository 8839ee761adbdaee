import Chorus
import Foundation
import Testing

/// The price table and the lookup rules: exact, a dated snapshot only where the table says so,
/// local servers free, config overrides first, and an unknown model never priced by a guess.
@Suite struct PriceTableTests {
    /// A small table with known figures, so each rule is tested apart from the shipped data.
    static let table = PriceTable(
        source: "test table", checked: "2026-01-02",
        entries: [
            .init(provider: "openai", model: "gpt-4.1-mini", input: 0.4, output: 1.6, cachedInput: 0.1, datedSnapshots: true),
            .init(provider: "openai", model: "gpt-4o", input: 2.5, output: 10, cachedInput: 1.25),
            .init(provider: "openai", model: "gpt-4o-2024-05-13", input: 5, output: 15),
            .init(provider: "anthropic", model: "claude-haiku-4-5", input: 1, output: 5, cachedInput: 0.1, datedSnapshots: true),
            .init(provider: "google", model: "gemini-2.5-flash", input: 0.3, output: 2.5),
        ])

    func choice(_ provider: String, _ model: String, _ baseURL: String?) -> ModelChoice {
        ModelChoice(provider: provider, model: model, baseURL: baseURL)
    }

    @Test func bundledTableMatchesTheRepositoryFile() throws {
        // prices/prices.json is the data file; BundledPrices.swift is it compiled in
        // (scripts/update-prices writes both).
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let file = try String(contentsOf: root.appendingPathComponent("prices/prices.json"), encoding: .utf8)
        let bundled = PriceTable.bundled
        #expect(try PriceTable(json: Data(file.utf8)) == bundled)
        #expect(bundled.source.contains("LiteLLM"))
        #expect(bundled.checked.count == 10, "an ISO date: \(bundled.checked)")
        for vendor in ["openai", "anthropic", "mistral", "deepseek", "google", "groq"] {
            #expect(bundled.entries.contains { $0.provider == vendor }, "no \(vendor) model in the table")
        }
        #expect(bundled.entries.allSatisfy { $0.input >= 0 && $0.output >= 0 })
    }

    @Test func exactNameOfAVendorHost() throws {
        let pricing = Pricing.lookup(choice("openai", "gpt-4o", "https://api.openai.com/v1"), table: Self.table)
        let price = try #require(pricing.price)
        #expect(price.input == 2.5 && price.output == 10 && price.cachedInput == 1.25)
        #expect(price.source == "test table" && price.checked == "2026-01-02")
        // The snapshot listed with its own (dearer) price is that price, not the base model's.
        #expect(Pricing.lookup(choice("openai", "gpt-4o-2024-05-13", "https://api.openai.com/v1"), table: Self.table).price?.input == 5)
    }

    @Test func datedSnapshotOnlyWhereTheTableSaysSo() {
        let openai = "https://api.openai.com/v1"
        let mini = Pricing.lookup(choice("openai", "gpt-4.1-mini-2099-01-01", openai), table: Self.table).price
        #expect(mini?.input == 0.4)
        #expect(mini?.source == "test table (as gpt-4.1-mini)")
        let haiku = Pricing.lookup(choice("anthropic", "claude-haiku-4-5-20991231", "https://api.anthropic.com"), table: Self.table)
        #expect(haiku.price?.output == 5)
        // gpt-4o's snapshots differ in price: an unlisted one is unknown, not gpt-4o's figure.
        #expect(Pricing.lookup(choice("openai", "gpt-4o-2099-01-01", openai), table: Self.table).price == nil)
        // A near name is not the same model.
        #expect(Pricing.lookup(choice("openai", "gpt-4.1-mini-high", openai), table: Self.table).price == nil)
        #expect(PriceTable.snapshotBase("gpt-4o-2024-08-06") == "gpt-4o")
        #expect(PriceTable.snapshotBase("claude-haiku-4-5-20251001") == "claude-haiku-4-5")
        #expect(PriceTable.snapshotBase("gpt-4o") == nil)
        #expect(PriceTable.snapshotBase("o1-2024") == nil)
    }

    @Test func googleModelsPrefix() {
        let url = "https://generativelanguage.googleapis.com/v1beta/openai/"
        #expect(Pricing.lookup(choice("gemini", "models/gemini-2.5-flash", url), table: Self.table).price?.output == 2.5)
    }

    @Test func unknownModelSaysCostUnknownAndHowToFixIt() {
        let pricing = Pricing.lookup(choice("openai", "gpt-9", "https://api.openai.com/v1"), table: Self.table)
        guard case .unknown(let reason) = pricing else {
            Issue.record("an unknown model got a price: \(pricing)")
            return
        }
        #expect(reason.contains("no price for openai model gpt-9"))
        #expect(reason.contains("[prices.\"openai:gpt-9\"]"))
        #expect(pricing.cost(of: TokenUsage(promptTokens: 10, completionTokens: 10)) == nil)
    }

    @Test func anotherHostIsNotTheVendor() {
        // A proxy or a company gateway called "openai": its prices are not OpenAI's list prices.
        let pricing = Pricing.lookup(choice("openai", "gpt-4o", "http://litellm.internal:4000/v1"), table: Self.table)
        guard case .unknown(let reason) = pricing else {
            Issue.record("a proxy got OpenAI's price")
            return
        }
        #expect(reason.contains("price_in/price_out in [providers.openai]"))
    }

    @Test(arguments: [
        ("local", "smollm2", "http://127.0.0.1:8080/v1"),
        ("ollama", "llama3.2:1b", "http://10.0.0.7:11434/v1"),
        ("openai", "gpt-4o", "http://localhost:9000/v1"),
        ("lab", "qwen", "http://127.0.0.5:8000/v1"),
    ])
    func localServersAreFree(provider: String, model: String, url: String) throws {
        let price = try #require(Pricing.lookup(choice(provider, model, url), table: Self.table).price)
        #expect(price.isFree)
        #expect(price.source == "local server")
        #expect(price.cost(of: TokenUsage(promptTokens: 1000, completionTokens: 1000))?.usd == 0)
    }

    @Test func configOverridesComeFirst() throws {
        let model = ModelPrice(input: 0.5, output: 2, cachedInput: 0.05, source: "config [prices.\"openai:gpt-4.1-mini\"]")
        let provider = ModelPrice(input: 0.1, output: 0.2, source: "config [providers.lab] price_in/price_out")
        let overrides = PriceOverrides(models: ["openai:gpt-4.1-mini": model], providers: ["lab": provider, "openai": provider])
        let openai = "https://api.openai.com/v1"
        // The model's own entry beats the provider's, which beats the table.
        #expect(Pricing.lookup(choice("openai", "gpt-4.1-mini", openai), table: Self.table, overrides: overrides).price == model)
        #expect(Pricing.lookup(choice("openai", "gpt-4o", openai), table: Self.table, overrides: overrides).price == provider)
        // ... and a price given for a local server (a rented GPU billed per token) is used.
        #expect(Pricing.lookup(choice("lab", "qwen", "http://127.0.0.1:8000/v1"), table: Self.table, overrides: overrides).price == provider)
        // Overrides extend the table: a model it does not know.
        let extended = PriceOverrides(models: ["openai:gpt-9": model])
        #expect(Pricing.lookup(choice("openai", "gpt-9", openai), table: Self.table, overrides: extended).price == model)
    }

    @Test func bundledCommonModels() {
        // Spot checks of the shipped table (public list prices, USD per 1M tokens).
        let table = PriceTable.bundled
        #expect(table.price(vendor: "openai", model: "gpt-4o-mini")?.input == 0.15)
        #expect(table.price(vendor: "openai", model: "gpt-4o-mini")?.output == 0.6)
        #expect(table.price(vendor: "openai", model: "gpt-4o")?.output == 10)
        #expect(table.price(vendor: "deepseek", model: "deepseek-chat") != nil)
        #expect(table.price(vendor: "anthropic", model: "claude-haiku-4-5") != nil)
    }
}
