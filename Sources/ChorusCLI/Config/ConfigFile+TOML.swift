import Chorus
import ChorusProviders
import Foundation

extension ConfigFile {
    /// Reads the config file at `path`. A missing file is fine when `required` is false (the default
    /// location need not exist); with `--config` it is an error naming the path.
    public static func load(path: String, required: Bool) throws(ChorusError) -> ConfigFile {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            if required { throw .usage("\(path): no such config file; check the path given to --config") }
            return ConfigFile()
        }
        guard !isDirectory.boolValue else { throw .usage("\(path): is a folder, not a config file; point at config.toml") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .usage("\(path): cannot be read; check its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .usage("\(path): is not UTF-8 text; save it as UTF-8")
        }
        return try parse(toml: text, path: path)
    }

    /// Parses and checks a config file's text; any problem is one line naming `path`, the key and the fix.
    public static func parse(toml text: String, path: String) throws(ChorusError) -> ConfigFile {
        let root = try ConfigNode.parse(toml: text, path: path)
        return try ConfigReader(path: path).read(root)
    }
}

/// Walks a parsed config document and turns it into a `ConfigFile`, rejecting unknown keys (typos
/// would otherwise be silently ignored), wrong types and values out of range.
struct ConfigReader {
    let path: String

    static let topLevelKeys = ["defaults", "providers", "profiles", "sessions", "prices"]
    /// `[X.aggregator]` keys: each aggregator setting's `aggregatorKey`.
    static let aggregatorSettings = Dictionary(
        uniqueKeysWithValues: SettingTable.all.compactMap { s in s.info.aggregatorKey.map { ($0, s) } })
    /// `[[profiles.NAME.workers]]` keys: `label` and every per-worker setting.
    static let workerSettings = Dictionary(
        uniqueKeysWithValues: SettingTable.all.filter { $0.info.scope == .worker }.map { ($0.info.key, $0) })
    static let providerKeys = ["kind", "base_url", "api_key_env", "headers", "model", "rpm", "tpm"] + PriceReader.providerKeys
    static let sessionKeys = ["autosave", "keep", "directory"]

    func read(_ root: ConfigNode) throws(ChorusError) -> ConfigFile {
        var config = ConfigFile(path: path)
        for (key, node) in root.entries ?? [] {
            switch key {
            case "defaults":
                let entries = try table(node, "[defaults]")
                let read = try readSettings(entries, table: "defaults", inProfile: false)
                config.defaults = read.values
                config.defaultProfile = read.profile
            case "providers":
                for (name, providerNode) in try table(node, "[providers]") {
                    config.providers.append(try readProvider(name: name, providerNode))
                }
            case "profiles":
                for (name, profileNode) in try table(node, "[profiles]") {
                    let read = try readSettings(try table(profileNode, "[profiles.\(name)]"), table: "profiles.\(name)", inProfile: true)
                    config.profiles.append(Profile(name: name, values: read.values, workers: read.workers))
                }
            case "sessions":
                config.sessions = try readSessions(try table(node, "[sessions]"))
            case "prices":
                config.prices = try PriceReader(path: path).readPrices(try table(node, "[prices]"))
            default:
                throw unknownKey(key, in: nil, known: Self.topLevelKeys)
            }
        }
        try checkReferences(config)
        return config
    }

    // MARK: - Tables

    private struct ReadSettings {
        var values = SettingValues()
        var profile: String?
        var workers: [ProfileWorker]?
    }

    private func readSettings(
        _ entries: [(key: String, value: ConfigNode)], table: String, inProfile: Bool
    ) throws(ChorusError) -> ReadSettings {
        var out = ReadSettings()
        var aggregatorEntries: [(key: String, value: ConfigNode)]?
        let settingKeys = SettingTable.byKey
        for (key, node) in entries {
            if key == "aggregator" {
                aggregatorEntries = try self.table(node, "[\(table).aggregator]")
            } else if key == "profile", !inProfile {
                guard case .scalar(.string(let name)) = node, !name.isEmpty else {
                    throw .usage("\(path): [\(table)] profile = \(node.raw.tomlText): expected a profile name in quotes, e.g. profile = \"fast\"")
                }
                out.profile = name
            } else if key == "workers", case .array = node {
                guard inProfile else {
                    throw .usage(
                        "\(path): [\(table)] workers = [...]: list workers one by one in a profile ([[profiles.NAME.workers]]); here give a count, e.g. workers = 3"
                    )
                }
                out.workers = try readWorkers(node, table: table)
            } else if let setting = settingKeys[key] {
                try out.values.set(setting, node.raw, at: .config(path: path, table: "[\(table)]", key: key))
            } else {
                let known = settingKeys.keys.sorted() + ["aggregator"] + (inProfile ? [] : ["profile"])
                throw unknownKey(key, in: "[\(table)]", known: known)
            }
        }
        if let aggregatorEntries {
            try readAggregator(aggregatorEntries, table: "\(table).aggregator", into: &out.values)
        }
        if let list = out.workers {
            if list.isEmpty {
                throw .usage("\(path): [\(table)] workers = []: a profile needs at least 1 worker; add a [[\(table).workers]] table")
            }
            if list.count > SettingRules.maxWorkers {
                throw .usage("\(path): [\(table)] lists \(list.count) workers; use at most \(SettingRules.maxWorkers)")
            }
        }
        return out
    }

    /// `[X.aggregator]`: the same settings as the flat `aggregator_*` keys and `strategy`; giving one
    /// setting in both places is contradictory, so it is rejected rather than silently picking one.
    private func readAggregator(
        _ entries: [(key: String, value: ConfigNode)], table: String, into values: inout SettingValues
    ) throws(ChorusError) {
        for (key, node) in entries {
            guard let setting = Self.aggregatorSettings[key] else {
                throw unknownKey(key, in: "[\(table)]", known: Self.aggregatorSettings.keys.sorted())
            }
            var probe = SettingValues()
            try probe.set(setting, node.raw, at: .config(path: path, table: "[\(table)]", key: key))
            let parent = String(table.dropLast(".aggregator".count))
            if values.has(setting) {
                throw .usage(
                    "\(path): [\(table)] \(key) and [\(parent)] \(setting.info.key) both set the same thing; keep one of them"
                )
            }
            values.merge(probe)
        }
    }

    private func readWorkers(_ node: ConfigNode, table: String) throws(ChorusError) -> [ProfileWorker] {
        guard case .array(let items) = node else { return [] }
        var workers: [ProfileWorker] = []
        for (i, item) in items.enumerated() {
            let where_ = "[[\(table).workers]] #\(i + 1)"
            guard let entries = item.entries else {
                throw .usage("\(path): [\(table)] workers: entry #\(i + 1) is \(item.raw.typeName); write each worker as a [[\(table).workers]] table")
            }
            var worker = ProfileWorker()
            for (key, value) in entries {
                let location = SettingLocation.config(path: path, table: where_, key: key)
                if key == "label" {
                    do { worker.label = try SettingRules.name(value.raw, what: "label") } catch {
                        throw .usage("\(location.describe(value.raw)): \(error.problem)")
                    }
                    continue
                }
                guard let setting = Self.workerSettings[key] else {
                    throw unknownKey(key, in: where_, known: ["label"] + Self.workerSettings.keys.sorted())
                }
                try worker.values.set(setting, value.raw, at: location)
                do { try setting.checkForWorker(worker.values) } catch {
                    throw .usage("\(location.describe(value.raw)): \(error.problem)")
                }
            }
            workers.append(worker)
        }
        return workers
    }

    private func readProvider(name: String, _ node: ConfigNode) throws(ChorusError) -> ProviderEntry {
        let where_ = "[providers.\(name)]"
        let entries = try table(node, where_)
        let builtIn = ProviderEntry.builtIn(named: name)
        var kind = builtIn?.kind
        var baseURL = builtIn?.baseURL
        var keyVariable = builtIn?.apiKeyVariable
        var headers: [String: String] = builtIn?.headers ?? [:]
        var model = builtIn?.defaultModel
        var rateLimit = builtIn?.rateLimit ?? .none
        var priceKeys: [(key: String, value: ConfigNode)] = []
        for (key, value) in entries {
            let location = SettingLocation.config(path: path, table: where_, key: key)
            switch key {
            case "kind":
                guard case .string(let s) = value.raw, let k = ProviderKind(rawValue: s.lowercased()) else {
                    throw .usage("\(location.describe(value.raw)): unknown provider kind; use \"openai\" (any OpenAI-compatible server) or \"anthropic\"")
                }
                kind = k
            case "base_url":
                do { baseURL = try SettingRules.baseURL(value.raw) } catch {
                    throw .usage("\(location.describe(value.raw)): \(error.problem)")
                }
            case "api_key_env":
                // Never echo this value: a key pasted here by mistake must not reach the terminal.
                guard case .string(let variable) = value.raw, Self.isVariableName(variable) else {
                    throw .usage(
                        "\(path): \(where_) api_key_env must name the environment variable that holds the key (e.g. \"OPENAI_API_KEY\"), not the key itself"
                    )
                }
                keyVariable = variable
            case "headers":
                guard let headerEntries = value.entries else {
                    throw .usage("\(path): \(where_) headers must be a table, e.g. headers = { \"X-Team\" = \"research\" }")
                }
                for (header, headerValue) in headerEntries {
                    // Header values may be credentials: name the header, never print its value.
                    guard case .scalar(.string(let v)) = headerValue else {
                        throw .usage("\(path): \(where_) headers.\(header) must be a string; quote its value")
                    }
                    guard Self.isHeaderName(header), !v.contains(where: \.isNewline) else {
                        throw .usage("\(path): \(where_) headers.\(header) is not a valid HTTP header; use letters, digits and '-' in the name and one line as the value")
                    }
                    headers[header] = v
                }
            case "model":
                do { model = try SettingRules.name(value.raw, what: "model") } catch {
                    throw .usage("\(location.describe(value.raw)): \(error.problem)")
                }
            case "rpm", "tpm":
                do {
                    let n = try SettingRules.perMinute(value.raw, what: key == "rpm" ? "requests" : "tokens")
                    if key == "rpm" { rateLimit.requestsPerMinute = n } else { rateLimit.tokensPerMinute = n }
                } catch {
                    throw .usage("\(location.describe(value.raw)): \(error.problem)")
                }
            case _ where PriceReader.providerKeys.contains(key):
                priceKeys.append((key, value))
            case "api_key", "key", "token":
                throw .usage(
                    "\(path): \(where_) \(key): keys do not belong in the config file; export the key in a variable and set api_key_env = \"VARIABLE\""
                )
            default:
                throw unknownKey(key, in: where_, known: Self.providerKeys)
            }
        }
        guard let baseURL else {
            throw .usage("\(path): \(where_) has no base_url; add one, e.g. base_url = \"http://127.0.0.1:8080/v1\"")
        }
        var entry = ProviderEntry(
            name: name, kind: kind ?? .openai, baseURL: baseURL, apiKeyVariable: keyVariable, headers: headers,
            defaultModel: model, rateLimit: rateLimit)
        entry.price = try PriceReader(path: path).readProviderPrice(priceKeys, provider: name)
        return entry
    }

    private func readSessions(_ entries: [(key: String, value: ConfigNode)]) throws(ChorusError) -> SessionSettings {
        var sessions = SessionSettings()
        for (key, value) in entries {
            let location = SettingLocation.config(path: path, table: "[sessions]", key: key)
            switch key {
            case "autosave":
                guard case .bool(let b) = value.raw else {
                    throw .usage("\(location.describe(value.raw)): expected true or false")
                }
                sessions.autosave = b
            case "keep":
                guard case .int(let n) = value.raw, n >= 1 else {
                    throw .usage("\(location.describe(value.raw)): keep at least 1 session (e.g. 100), or set autosave = false to save none")
                }
                sessions.keep = n
            case "directory":
                guard case .string(let dir) = value.raw, !dir.isEmpty else {
                    throw .usage("\(location.describe(value.raw)): expected a folder path in quotes")
                }
                sessions.directory = dir
            default:
                throw unknownKey(key, in: "[sessions]", known: Self.sessionKeys)
            }
        }
        return sessions
    }

    // MARK: - Cross-references

    /// Every provider and profile a key names must exist; the message names the key that refers.
    private func checkReferences(_ config: ConfigFile) throws(ChorusError) {
        let providerNames = Set(ProviderEntry.builtIns.map(\.name) + config.providers.map(\.name))
        let listed = providerNames.sorted().joined(separator: ", ")
        func check(_ name: String?, table: String, key: String) throws(ChorusError) {
            guard let name, !providerNames.contains(name) else { return }
            throw .usage(
                "\(path): \(table) \(key) = \"\(name)\": no such provider; define [providers.\(name)] or use one of: \(listed)")
        }
        try check(config.defaults.provider, table: "[defaults]", key: "provider")
        try check(config.defaults.aggregatorProvider, table: "[defaults]", key: "aggregator_provider")
        for profile in config.profiles {
            try check(profile.values.provider, table: "[profiles.\(profile.name)]", key: "provider")
            try check(profile.values.aggregatorProvider, table: "[profiles.\(profile.name)]", key: "aggregator_provider")
            for (i, worker) in (profile.workers ?? []).enumerated() {
                try check(worker.values.provider, table: "[[profiles.\(profile.name).workers]] #\(i + 1)", key: "provider")
            }
        }
        for key in config.prices.keys.sorted() {
            try check(String(key.prefix { $0 != ":" }), table: "[prices.\"\(key)\"]", key: "provider")
        }
        if let name = config.defaultProfile, config.profile(named: name) == nil {
            let names = config.profiles.map(\.name)
            throw .usage(
                "\(path): [defaults] profile = \"\(name)\": no such profile; "
                    + (names.isEmpty ? "define [profiles.\(name)]" : "use one of: \(names.joined(separator: ", "))"))
        }
    }

    // MARK: - Helpers

    private func table(_ node: ConfigNode, _ name: String) throws(ChorusError) -> [(key: String, value: ConfigNode)] {
        guard let entries = node.entries else {
            throw .usage("\(path): \(name) must be a table, found \(node.raw.typeName); write \(name) on its own line, then key = value lines")
        }
        return entries
    }

    private func unknownKey(_ key: String, in table: String?, known: [String]) -> ChorusError {
        let place = table.map { "\($0) " } ?? ""
        let suggestion = Suggestion.closest(to: key, in: known).map { "did you mean '\($0)'?" }
            ?? "known keys: \(known.joined(separator: ", "))"
        return .usage("\(path): \(place)unknown key '\(key)'; \(suggestion)")
    }

    static func isVariableName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else {
            return false
        }
        return s.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    static func isHeaderName(_ s: String) -> Bool {
        !s.isEmpty && s.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
    }
}
