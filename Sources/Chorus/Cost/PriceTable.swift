import Foundation

/// Prices per vendor and model: the table shipped with Chorus (`prices/prices.json`, compiled in
/// as `BundledPrices`), regenerated from LiteLLM's public price list by `scripts/update-prices`.
///
/// Lookup is exact (vendor and model name as the provider's API spells them), then two written
/// rules and nothing else:
/// - a dated snapshot (`gpt-4.1-mini-2025-04-14`, `claude-haiku-4-5-20251001`) the table does not
///   list is priced as its base model only when that entry says `dated_snapshots: true` (every
///   snapshot the source lists costs the same as the base);
/// - Google's OpenAI-compatible endpoint accepts `models/NAME`: the prefix is dropped.
/// Anything else is unknown: a near name is never taken for the same price.
public struct PriceTable: Sendable, Hashable {
    public struct Entry: Sendable, Hashable, Codable {
        /// The vendor: openai, anthropic, mistral, deepseek, google, groq.
        public var provider: String
        public var model: String
        /// USD per million tokens.
        public var input: Double
        public var output: Double
        public var cachedInput: Double?
        /// Dated snapshots of this model not in the table cost what it costs.
        public var datedSnapshots: Bool
        /// Dearer above some prompt size (e.g. 200k tokens); only the base tier is kept.
        public var tiered: Bool

        public init(
            provider: String, model: String, input: Double, output: Double, cachedInput: Double? = nil,
            datedSnapshots: Bool = false, tiered: Bool = false
        ) {
            self.provider = provider
            self.model = model
            self.input = input
            self.output = output
            self.cachedInput = cachedInput
            self.datedSnapshots = datedSnapshots
            self.tiered = tiered
        }

        enum CodingKeys: String, CodingKey {
            case provider, model, input, output, cachedInput = "cached_input", datedSnapshots = "dated_snapshots", tiered
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            provider = try c.decode(String.self, forKey: .provider)
            model = try c.decode(String.self, forKey: .model)
            input = try c.decode(Double.self, forKey: .input)
            output = try c.decode(Double.self, forKey: .output)
            cachedInput = try c.decodeIfPresent(Double.self, forKey: .cachedInput)
            datedSnapshots = try c.decodeIfPresent(Bool.self, forKey: .datedSnapshots) ?? false
            tiered = try c.decodeIfPresent(Bool.self, forKey: .tiered) ?? false
        }
    }

    /// Where the figures came from ("LiteLLM 1.110.2, ...").
    public var source: String
    /// The day they were checked (ISO 8601 date).
    public var checked: String
    public var entries: [Entry]
    private var index: [String: Entry]

    public init(source: String, checked: String, entries: [Entry]) {
        self.source = source
        self.checked = checked
        self.entries = entries
        index = Dictionary(entries.map { ("\($0.provider):\($0.model)", $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The table compiled into the binary. An unreadable bundled text (it is checked by a test)
    /// would leave the table empty, so every model shows "cost unknown" rather than a crash.
    public static let bundled: PriceTable = (try? PriceTable(json: Data(BundledPrices.json.utf8)))
        ?? PriceTable(source: "none (the bundled price table could not be read)", checked: "-", entries: [])

    /// Reads the project's format (`prices/prices.json`): `source`, `checked`, `models[]`.
    public init(json: Data) throws {
        struct File: Decodable {
            var source: String
            var checked: String
            var models: [Entry]
        }
        let file = try JSONDecoder().decode(File.self, from: json)
        self.init(source: file.source, checked: file.checked, entries: file.models)
    }

    /// The price of `model` at `vendor`, by the rules above; nil when the table does not say.
    public func price(vendor: String, model: String) -> ModelPrice? {
        guard let entry = entry(vendor: vendor, model: model) else { return nil }
        return ModelPrice(
            input: entry.input, output: entry.output, cachedInput: entry.cachedInput,
            source: entry.model == model ? source : "\(source) (as \(entry.model))", checked: checked)
    }

    func entry(vendor: String, model: String) -> Entry? {
        if let exact = index["\(vendor):\(model)"] { return exact }
        if vendor == "google", model.hasPrefix("models/") {
            return entry(vendor: vendor, model: String(model.dropFirst("models/".count)))
        }
        if let base = Self.snapshotBase(model), let entry = index["\(vendor):\(base)"], entry.datedSnapshots {
            return entry
        }
        return nil
    }

    /// "gpt-4o" for "gpt-4o-2024-08-06", "claude-haiku-4-5" for "claude-haiku-4-5-20251001";
    /// nil for a name without a date at its end.
    public static func snapshotBase(_ model: String) -> String? {
        let scalars = Array(model.unicodeScalars)
        func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { ("0"..."9").contains(scalars[$0]) } }
        let n = scalars.count
        // NAME-YYYY-MM-DD
        if n > 11, scalars[n - 11] == "-", digits(n - 10..<n - 6), scalars[n - 6] == "-", digits(n - 5..<n - 3),
            scalars[n - 3] == "-", digits(n - 2..<n)
        {
            return String(String.UnicodeScalarView(scalars[0..<n - 11]))
        }
        // NAME-YYYYMMDD
        if n > 9, scalars[n - 9] == "-", digits(n - 8..<n) {
            return String(String.UnicodeScalarView(scalars[0..<n - 9]))
        }
        return nil
    }

    /// The vendor whose list prices apply to a server, by its base URL's host; nil for any other
    /// host (a proxy, a company gateway, a rented GPU: its prices are not the vendor's).
    public static func vendor(baseURL: String?) -> String? {
        guard let baseURL, let host = URLComponents(string: baseURL)?.host?.lowercased() else { return nil }
        return vendorHosts[host]
    }

    /// API hosts of the vendors in the table, from each vendor's API documentation.
    public static let vendorHosts: [String: String] = [
        "api.openai.com": "openai",
        "api.anthropic.com": "anthropic",
        "api.mistral.ai": "mistral",
        "api.deepseek.com": "deepseek",
        "generativelanguage.googleapis.com": "google",
        "api.groq.com": "groq",
    ]

    /// Whether a base URL points at this machine (127.0.0.0/8, localhost, ::1).
    public static func isLoopback(_ baseURL: String?) -> Bool {
        guard let baseURL, let host = URLComponents(string: baseURL)?.host?.lowercased() else { return false }
        return host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
    }
}
