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
