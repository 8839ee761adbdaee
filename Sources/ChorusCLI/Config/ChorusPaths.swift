/// Where Chorus reads its config and keeps its sessions, by the XDG base directory rules.
///
/// A relative `XDG_*` value is ignored, as the spec says, so a stray `XDG_STATE_HOME=state` never
/// scatters sessions into whatever folder `chorus` happened to be started from.
public struct ChorusPaths: Sendable, Equatable {
    public var home: String
    public var configHome: String
    public var stateHome: String

    public init(environment: [String: String], home: String) {
        func xdg(_ name: String, default fallback: String) -> String {
            if let value = environment[name], value.hasPrefix("/") { return value }
            return fallback
        }
        self.home = home
        configHome = xdg("XDG_CONFIG_HOME", default: home + "/.config")
        stateHome = xdg("XDG_STATE_HOME", default: home + "/.local/state")
    }

    /// `$XDG_CONFIG_HOME/chorus/config.toml`.
    public var defaultConfigFile: String { configHome + "/chorus/config.toml" }
    /// `$XDG_STATE_HOME/chorus/sessions`.
    public var defaultSessionsDirectory: String { stateHome + "/chorus/sessions" }
    /// `$XDG_CONFIG_HOME/chorus/themes`: the user's own themes, searched before the shipped ones.
    public var userThemesDirectory: String { configHome + "/chorus/themes" }

    /// `~/x` to an absolute path; other paths unchanged.
    public func expand(_ path: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst(1) }
        return path
    }
}
