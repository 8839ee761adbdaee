/// `[profiles.NAME]`: run settings, optionally every worker listed on its own, and the aggregator.
public struct Profile: Sendable, Equatable {
    public var name: String
    /// Top-level keys of the profile (same keys as `[defaults]`), plus `[profiles.NAME.aggregator]`.
    public var values: SettingValues
    /// `[[profiles.NAME.workers]]`, when the profile lists its workers individually.
    public var workers: [ProfileWorker]?

    public init(name: String, values: SettingValues = SettingValues(), workers: [ProfileWorker]? = nil) {
        self.name = name
        self.values = values
        self.workers = workers
    }
}

/// One `[[profiles.NAME.workers]]` entry: its label and its own values of the per-worker
/// settings (`SettingScope.worker`: one temperature, one focus area, provider, model, timeouts,
/// max tokens). Whatever it leaves out falls back to the run's value.
public struct ProfileWorker: Sendable, Equatable {
    public var label: String?
    public var values: SettingValues

    public init(label: String? = nil, values: SettingValues = SettingValues()) {
        self.label = label
        self.values = values
    }
}
