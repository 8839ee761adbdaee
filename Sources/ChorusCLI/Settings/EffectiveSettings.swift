import Chorus

/// The run settings after every layer was applied, each with the layer it came from.
///
/// What `chorus config` prints and what `PlanBuilder` turns into a `Plan`. Read a setting through
/// the table's key paths: `settings.workers` is a `Sourced<Int>` (the built-in default when no
/// layer set it), `settings.model` a `Sourced<String?>`. Provider and model may still be nil
/// here: discovery (`ProviderSelection`) fills them when nothing was configured.
@dynamicMemberLookup
public struct EffectiveSettings: Sendable, Equatable {
    /// Values some layer set, by config key; the rest are their settings' built-in defaults.
    var storage: [String: Sourced<SettingBox>] = [:]
    /// The profile in use and why (flag, variable or `[defaults] profile`).
    public var profile: Sourced<String>?
    /// The profile's individually listed workers, if it lists them.
    public var workerList: [ProfileWorker]?

    public init() {}

    public func value<Value>(of setting: Setting<Value>) -> Sourced<Value> {
        guard let stored = storage[setting.info.key], let value = stored.value.base as? Value else {
            return Sourced(setting.builtIn, .builtIn)
        }
        return Sourced(value, stored.source)
    }

    public func value<Value>(of setting: OptionalSetting<Value>) -> Sourced<Value?> {
        guard let stored = storage[setting.info.key] else { return Sourced(nil, .builtIn) }
        return Sourced(stored.value.base as? Value, stored.source)
    }

    public subscript<Value>(dynamicMember path: KeyPath<SettingTable, Setting<Value>>) -> Sourced<Value> {
        get { value(of: SettingTable.shared[keyPath: path]) }
        set { storage[SettingTable.key(path)] = Sourced(SettingBox(newValue.value), newValue.source) }
    }

    public subscript<Value>(dynamicMember path: KeyPath<SettingTable, OptionalSetting<Value>>) -> Sourced<Value?> {
        get { value(of: SettingTable.shared[keyPath: path]) }
        set { storage[SettingTable.key(path)] = Sourced(SettingBox(newValue.value), newValue.source) }
    }

    /// Applies one layer: every setting it sets replaces the current value, with `source(setting)`
    /// as its origin.
    public mutating func apply(_ layer: SettingValues, source: (any AnySetting) -> SettingSource) {
        for setting in layer.settings {
            if let value = layer.storage[setting.info.key] { storage[setting.info.key] = Sourced(value, source(setting)) }
        }
    }
}
