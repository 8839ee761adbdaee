import ChorusProviders

/// Every provider a run may name: the built-ins, changed or extended by `[providers.NAME]`, with
/// `OPENAI_BASE_URL` applied to `openai`. Knows which variable holds each key and whether it is
/// set, but hands out the key itself only to the wiring that builds the HTTP provider.
public struct ProviderCatalog: Sendable, Equatable {
    public private(set) var entries: [ProviderEntry]
    /// Where each provider's base URL came from, for `chorus config`.
    public private(set) var baseURLSources: [String: SettingSource]
    /// One line per base URL that was given with its chat endpoint and trimmed to its base
    /// (`PastedEndpoint`), for stderr.
    public private(set) var notes: [String] = []

    public init(config: ConfigFile, environment: [String: String]) throws(ChorusError) {
        var entries = ProviderEntry.builtIns
        var sources = Dictionary(uniqueKeysWithValues: entries.map { ($0.name, SettingSource.builtIn) })
        for entry in config.providers {
            if let i = entries.firstIndex(where: { $0.name == entry.name }) {
                if entries[i].baseURL != entry.baseURL { sources[entry.name] = .configTable(table: "[providers.\(entry.name)]", path: config.path ?? "") }
                entries[i] = entry
            } else {
                entries.append(entry)
                sources[entry.name] = .configTable(table: "[providers.\(entry.name)]", path: config.path ?? "")
            }
        }
        if let text = environment["OPENAI_BASE_URL"], !text.isEmpty, let i = entries.firstIndex(where: { $0.name == "openai" }) {
            do {
                entries[i].baseURL = try SettingRules.baseURL(.string(text))
            } catch {
                throw .usage("OPENAI_BASE_URL=\(text): \(error.problem)")
            }
            sources["openai"] = .environment(variable: "OPENAI_BASE_URL")
        }
        var notes: [String] = []
        for i in entries.indices {
            guard let source = sources[entries[i].name], source != .builtIn,
                let trimmed = PastedEndpoint.trim(entries[i].baseURL)
            else { continue }
            notes.append(PastedEndpointNote.text(source: source, endpoint: trimmed.endpoint, base: trimmed.shown))
            entries[i].baseURL = trimmed.base
        }
        self.entries = entries
        self.baseURLSources = sources
        self.notes = notes
    }

    public var names: [String] { entries.map(\.name) }

    public func entry(named name: String) -> ProviderEntry? { entries.first { $0.name == name } }

    /// Whether a provider's key is needed and present, never the key.
    public enum KeyStatus: Sendable, Equatable, CustomStringConvertible {
        case notNeeded
        case set(variable: String)
        case missing(variable: String)

        public var description: String {
            switch self {
            case .notNeeded: "none needed"
            case .set(let variable): "set (from \(variable))"
            case .missing(let variable): "not set (\(variable))"
            }
        }
    }

    public static func keyStatus(of entry: ProviderEntry, environment: [String: String]) -> KeyStatus {
        guard let variable = entry.apiKeyVariable else { return .notNeeded }
        if let key = environment[variable], !key.isEmpty { return .set(variable: variable) }
        return .missing(variable: variable)
    }

    /// The key itself, for the wiring that builds the provider; nil when none is configured.
    public static func apiKey(of entry: ProviderEntry, environment: [String: String]) -> String? {
        guard let variable = entry.apiKeyVariable, let key = environment[variable], !key.isEmpty else { return nil }
        return key
    }

    /// Hosted APIs refuse requests without a key; a local OpenAI-compatible server needs none.
    /// A missing key is an error only for providers whose base URL is not on this machine.
    public static func requiresKey(_ entry: ProviderEntry, baseURL: String) -> Bool {
        guard entry.apiKeyVariable != nil else { return false }
        return !isLoopback(baseURL)
    }

    static func isLoopback(_ baseURL: String) -> Bool {
        let lower = baseURL.lowercased()
        return ["http://127.", "http://localhost", "http://[::1]", "https://127.", "https://localhost"].contains { lower.hasPrefix($0) }
    }
}
