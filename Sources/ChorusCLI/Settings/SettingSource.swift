/// Where an effective setting came from, so `chorus config` can answer "why is it this value?".
///
/// Layers apply in this order, each overriding the ones before it: built-in defaults, the config
/// file's `[defaults]`, the chosen profile, the environment, then flags.
public enum SettingSource: Sendable, Hashable, CustomStringConvertible {
    case builtIn
    /// The config file's `[defaults]` table.
    case configDefaults(path: String)
    /// Another table of the config file, e.g. "[providers.local]".
    case configTable(table: String, path: String)
    /// A named profile in the config file.
    case profile(name: String, path: String)
    /// An environment variable (its name, never its value).
    case environment(variable: String)
    /// A command-line flag, e.g. "--workers".
    case flag(String)
    /// Found by provider discovery (e.g. "OPENAI_API_KEY is set").
    case discovered(String)
    /// Derived from another setting (e.g. a provider's default model).
    case derived(String)

    public var description: String {
        switch self {
        case .builtIn: "built-in default"
        case .configDefaults(let path): "config \(path) [defaults]"
        case .configTable(let table, let path): "config \(path) \(table)"
        case .profile(let name, let path): "profile '\(name)' in \(path)"
        case .environment(let variable): "environment \(variable)"
        case .flag(let name): "flag \(name)"
        case .discovered(let why): "discovered: \(why)"
        case .derived(let why): why
        }
    }

    /// Flags and the environment are set for this one invocation; they override every worker of
    /// a profile's worker list, while the profile's own top-level values do not.
    public var isInvocationLevel: Bool {
        switch self {
        case .flag, .environment: true
        default: false
        }
    }
}

/// A value and where it came from.
public struct Sourced<Value: Sendable & Equatable>: Sendable, Equatable {
    public var value: Value
    public var source: SettingSource

    public init(_ value: Value, _ source: SettingSource) {
        self.value = value
        self.source = source
    }

    /// This value when it is about this invocation (a flag or variable), else nil.
    public var invocationValue: Value? { source.isInvocationLevel ? value : nil }

    /// The value for something more specific that may carry its own (a profile's listed worker,
    /// a provider's own rate limit): a flag or variable is about this invocation and wins; else
    /// the thing's own value; else this setting (a profile, `[defaults]`, built-in).
    public func overriding(_ own: Value?) -> Value {
        source.isInvocationLevel ? value : (own ?? value)
    }

    /// The same for an optional setting: the thing's own value counts only when it has one
    /// (a provider without its own `rpm` keeps the profile's).
    public func overriding<Wrapped>(_ own: Wrapped?) -> Wrapped? where Value == Wrapped? {
        source.isInvocationLevel ? value : (own ?? value)
    }
}
