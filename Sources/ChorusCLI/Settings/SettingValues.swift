import Chorus

/// One layer's worth of run settings; a setting it does not hold means "this layer does not say".
///
/// The config file's `[defaults]`, a profile (and each of its listed workers), the environment
/// and the flags each produce one of these; `SettingsResolver` stacks them. Values here are
/// already checked by their setting's rule. Read and write them through the table's key paths:
/// `values.workers` is an `Int?`.
@dynamicMemberLookup
public struct SettingValues: Sendable, Equatable {
    /// Checked values by config key.
    var storage: [String: SettingBox] = [:]

    public init() {}

    public subscript<Value>(dynamicMember path: KeyPath<SettingTable, Setting<Value>>) -> Value? {
        get { storage[SettingTable.key(path)]?.base as? Value }
        set { storage[SettingTable.key(path)] = newValue.map(SettingBox.init) }
    }

    public subscript<Value>(dynamicMember path: KeyPath<SettingTable, OptionalSetting<Value>>) -> Value? {
        get { storage[SettingTable.key(path)]?.base as? Value }
        set { storage[SettingTable.key(path)] = newValue.map(SettingBox.init) }
    }

    /// Checks `raw` with the setting's rule and stores it; throws one line naming `location` and the fix.
    public mutating func set(_ setting: any AnySetting, _ raw: RawValue, at location: SettingLocation) throws(ChorusError) {
        do {
            try setting.store(raw, in: &self)
        } catch {
            throw .usage("\(location.describe(raw)): \(error.problem)")
        }
    }

    /// The same, naming the setting by its key path: `values.set(\.workers, .string("3"), at: ...)`.
    public mutating func set(_ path: KeyPath<SettingTable, some AnySetting>, _ raw: RawValue, at location: SettingLocation) throws(ChorusError) {
        try set(SettingTable.shared[keyPath: path], raw, at: location)
    }

    /// Whether this layer sets `setting`.
    public func has(_ setting: any AnySetting) -> Bool { storage[setting.info.key] != nil }

    /// The settings this layer sets, in table order.
    public var settings: [any AnySetting] { SettingTable.all.filter(has) }

    /// Takes every value `other` sets; keeps the rest.
    public mutating func merge(_ other: SettingValues) {
        storage.merge(other.storage) { _, theirs in theirs }
    }
}
