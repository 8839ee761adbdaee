import Chorus

/// Which part of a run a setting shapes. Where it may be written follows from it: a `.worker`
/// setting may also be set by a profile's listed worker (`[[profiles.NAME.workers]]`), an
/// `.aggregator` one also in `[defaults.aggregator]` / `[profiles.NAME.aggregator]`.
public enum SettingScope: String, Sendable, Hashable {
    /// The whole run: every worker and the merge (e.g. `workers`, `strategy`).
    case run
    /// Each worker; a profile's listed worker may carry its own value.
    case worker
    /// The merging call.
    case aggregator
    /// `chorus batch` only.
    case batch
    /// The terminal UI.
    case ui
}

/// What every setting declares besides its type: its spellings, scope, help and an example.
///
/// The spellings follow one rule so they cannot drift apart: the config key is the flag's name
/// with underscores (`--idle-timeout` is `idle_timeout`), the variable is `CHORUS_` + the key in
/// capitals.
public struct SettingInfo: Sendable {
    /// The config-file key, e.g. "idle_timeout".
    public let key: String
    public let scope: SettingScope
    /// False for settings only the config file and the environment carry.
    public let hasFlag: Bool
    /// The key inside an `[X.aggregator]` table, e.g. "timeout" for `aggregator_timeout`.
    public let aggregatorKey: String?
    /// The flag's help line (and the setting's description).
    public let help: String
    /// The flag's value placeholder in `--help`, e.g. "seconds".
    public let valueName: String
    /// A valid value as typed on a command line, for tests and examples.
    public let example: String
    /// The environment variable holds a comma-separated list.
    public let listInEnvironment: Bool

    public init(
        key: String, scope: SettingScope, hasFlag: Bool = true, aggregatorKey: String? = nil,
        help: String, valueName: String, example: String, listInEnvironment: Bool = false
    ) {
        self.key = key
        self.scope = scope
        self.hasFlag = hasFlag
        self.aggregatorKey = aggregatorKey
        self.help = help
        self.valueName = valueName
        self.example = example
        self.listInEnvironment = listInEnvironment
    }

    /// "idle-timeout": the flag without its dashes.
    public var flagName: String { key.replacingOccurrences(of: "_", with: "-") }
    /// "--idle-timeout", or nil for a config-only setting.
    public var flag: String? { hasFlag ? "--" + flagName : nil }
    /// "CHORUS_IDLE_TIMEOUT".
    public var environmentVariable: String { "CHORUS_" + key.uppercased() }
}

/// What `chorus config` needs to describe a setting that depends on others (a model derived
/// from the provider, a base URL from the provider's entry).
public struct SettingReportContext: Sendable {
    public var loaded: LoadedSettings
    public var plan: Plan?
    public var settings: EffectiveSettings { loaded.settings }
}

/// A row of `chorus config`: the value as shown and where it came from.
public typealias SettingReportRow = (value: String, source: SettingSource)

/// A setting, type-erased: what the loops over the table (`set`, `apply`, the report) need.
public protocol AnySetting: Sendable {
    var info: SettingInfo { get }
    /// Checks `raw` with the setting's rule and stores the checked value in `values`.
    func store(_ raw: RawValue, in values: inout SettingValues) throws(SettingProblem)
    /// The stricter check a profile's listed worker passes (one temperature, one focus area).
    func checkForWorker(_ values: SettingValues) throws(SettingProblem)
    /// How `chorus config` shows the effective value, and its origin.
    func report(_ context: SettingReportContext) -> SettingReportRow
}

/// A setting whose rule checks a raw value into a `Value`: storing is the same for both kinds.
public protocol CheckedSetting: AnySetting {
    associatedtype Value: Sendable & Hashable
    var rule: @Sendable (RawValue) throws(SettingProblem) -> Value { get }
}

extension CheckedSetting {
    public func store(_ raw: RawValue, in values: inout SettingValues) throws(SettingProblem) {
        values.storage[info.key] = SettingBox(try rule(raw))
    }
}

/// A setting that always has a value: the built-in default unless a layer sets one.
public struct Setting<Value: Sendable & Hashable>: CheckedSetting {
    public let info: SettingInfo
    public let rule: @Sendable (RawValue) throws(SettingProblem) -> Value
    public let builtIn: Value
    let show: @Sendable (Value) -> String
    let workerCheck: (@Sendable (Value) throws(SettingProblem) -> Void)?

    public init(
        _ info: SettingInfo, builtIn: Value, rule: @escaping @Sendable (RawValue) throws(SettingProblem) -> Value,
        show: @escaping @Sendable (Value) -> String,
        workerCheck: (@Sendable (Value) throws(SettingProblem) -> Void)? = nil
    ) {
        self.info = info
        self.rule = rule
        self.builtIn = builtIn
        self.show = show
        self.workerCheck = workerCheck
    }

    public func checkForWorker(_ values: SettingValues) throws(SettingProblem) {
        guard let workerCheck, let value = values.storage[info.key]?.base as? Value else { return }
        try workerCheck(value)
    }

    public func report(_ context: SettingReportContext) -> SettingReportRow {
        let sourced = context.settings.value(of: self)
        return (show(sourced.value), sourced.source)
    }
}

/// A setting that may stay unset ("the provider's default", "off"): its effective value is
/// optional, and `chorus config` says what unset means.
public struct OptionalSetting<Value: Sendable & Hashable>: CheckedSetting {
    public let info: SettingInfo
    public let rule: @Sendable (RawValue) throws(SettingProblem) -> Value
    let show: @Sendable (Value) -> String
    /// What unset means, e.g. "(provider default)".
    let unset: String
    /// For settings whose shown value is derived from others when unset (`model` from the
    /// provider's default); nil: show the value or `unset`.
    let derive: (@Sendable (SettingReportContext) -> SettingReportRow?)?

    public init(
        _ info: SettingInfo, rule: @escaping @Sendable (RawValue) throws(SettingProblem) -> Value,
        show: @escaping @Sendable (Value) -> String, unset: String,
        derive: (@Sendable (SettingReportContext) -> SettingReportRow?)? = nil
    ) {
        self.info = info
        self.rule = rule
        self.show = show
        self.unset = unset
        self.derive = derive
    }

    public func checkForWorker(_ values: SettingValues) throws(SettingProblem) {}

    public func report(_ context: SettingReportContext) -> SettingReportRow {
        let sourced = context.settings.value(of: self)
        if let value = sourced.value { return (show(value), sourced.source) }
        return derive?(context) ?? (unset, sourced.source)
    }
}

/// A checked value of any setting's type, stored by the setting's key. Only the setting that
/// owns a key writes it, so reading it back as that setting's type cannot fail.
struct SettingBox: @unchecked Sendable, Hashable {
    // Unchecked: every value put in is `Sendable` (the settings' `Value` types are).
    let base: AnyHashable
    init<Value: Sendable & Hashable>(_ value: Value) { base = AnyHashable(value) }
}
