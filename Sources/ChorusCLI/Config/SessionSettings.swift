/// `[sessions]`: where runs are saved automatically and how many are kept.
public struct SessionSettings: Sendable, Equatable {
    public static let defaultKeep = 100
    /// Save every run under `directory` (default true).
    public var autosave: Bool
    /// Newest sessions kept; older ones are deleted after each save.
    public var keep: Int
    /// Overrides `$XDG_STATE_HOME/chorus/sessions`.
    public var directory: String?

    public init(autosave: Bool = true, keep: Int = SessionSettings.defaultKeep, directory: String? = nil) {
        self.autosave = autosave
        self.keep = keep
        self.directory = directory
    }
}
