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
