/// The stderr line for a base URL given with its chat endpoint and trimmed to its base
/// (`PastedEndpoint`), naming where the URL was given so the user can fix it there:
/// `note: --base-url ends in /v1/chat/completions; using http://127.0.0.1:8080/v1`.
enum PastedEndpointNote {
    static func text(source: SettingSource, endpoint: String, base: String) -> String {
        "note: \(where_(source)) ends in \(endpoint); using \(base)"
    }

    /// How a person names the place a base URL was set.
    static func where_(_ source: SettingSource) -> String {
        switch source {
        case .flag(let name): name
        case .environment(let variable): variable
        case .configTable(let table, let path): "\(table) base_url in \(path)"
        case .configDefaults(let path): "[defaults] base_url in \(path)"
        case .profile(let name, let path): "[profiles.\(name)] base_url in \(path)"
        case .builtIn, .discovered, .derived: "the base URL"
        }
    }
}
