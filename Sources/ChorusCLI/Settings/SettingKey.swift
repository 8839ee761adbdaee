/// Every run setting that can come from a flag, the environment, a profile or `[defaults]`.
///
/// One list so the four spellings cannot drift apart: the config key is the flag's name with
/// underscores (`--idle-timeout` is `idle_timeout`), the variable is `CHORUS_` + the key in capitals.
public enum SettingKey: String, Sendable, CaseIterable, Hashable {
    case workers, temperature, focus, timeout
    case idleTimeout = "idle_timeout"
    case aggregatorTimeout = "aggregator_timeout"
    case strategy, provider
    case baseURL = "base_url"
    case model
    case aggregatorProvider = "aggregator_provider"
    case aggregatorModel = "aggregator_model"
    case aggregatorMaxTokens = "aggregator_max_tokens"
    case maxTokens = "max_tokens"
    case theme
    case earlyQuorum = "early_quorum"
    case aggregatorFallback = "aggregator_fallback"
    /// Batch only: items in flight at once, and each provider's requests and tokens per minute.
    case concurrency, rpm, tpm

    /// The config-file key.
    public var configKey: String { rawValue }

    /// The flag, or nil for settings only the config file and environment carry.
    public var flag: String? {
        switch self {
        case .aggregatorProvider, .aggregatorMaxTokens, .aggregatorFallback: nil
        default: "--" + rawValue.replacingOccurrences(of: "_", with: "-")
        }
    }

    public var environmentVariable: String { "CHORUS_" + rawValue.uppercased() }
}

/// Where a raw value was written, for error messages that name the exact place to fix.
public enum SettingLocation: Sendable, Hashable {
    case flag(String)
    case environment(String)
    /// A key in a table of a config file; `table` as written in TOML, e.g. "[defaults]" or
    /// "[[profiles.fast.workers]] #2".
    case config(path: String, table: String, key: String)

    /// "--workers 0", "CHORUS_WORKERS=0", "/home/u/.config/chorus/config.toml: [defaults] workers = 0".
    public func describe(_ raw: RawValue) -> String {
        switch self {
        case .flag(let name): "\(name) \(raw.plainText)"
        case .environment(let variable): "\(variable)=\(raw.plainText)"
        case .config(let path, let table, let key): "\(path): \(table) \(key) = \(raw.tomlText)"
        }
    }
}

/// A setting's value as it was written, before it is checked: a flag or variable gives a string,
/// a config file a typed TOML value. One set of rules (`SettingRules`) checks both.
public indirect enum RawValue: Sendable, Hashable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case array([RawValue])
    /// A table where a value was expected; only its presence matters.
    case table
    /// Any other TOML type (dates, times), named for the message.
    case other(String)

    /// As typed on a command line.
    public var plainText: String {
        switch self {
        case .string(let s): s
        default: tomlText
        }
    }

    /// As written in TOML.
    public var tomlText: String {
        switch self {
        case .string(let s): "\"\(s)\""
        case .int(let i): String(i)
        case .double(let d): String(d)
        case .bool(let b): String(b)
        case .array(let items): "[" + items.map(\.tomlText).joined(separator: ", ") + "]"
        case .table: "{...}"
        case .other(let type): "<\(type)>"
        }
    }

    /// The TOML type name, for "expected a number, found a string".
    public var typeName: String {
        switch self {
        case .string: "a string"
        case .int: "an integer"
        case .double: "a number"
        case .bool: "a boolean"
        case .array: "an array"
        case .table: "a table"
        case .other(let type): "a \(type)"
        }
    }
}
