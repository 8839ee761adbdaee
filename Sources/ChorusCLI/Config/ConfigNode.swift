import TOMLKit

/// A TOML document as plain Swift values, so config checking is ordinary code with no C++ objects
/// (TOMLKit's tables are non-Sendable classes around toml++ pointers; they never leave this file).
public indirect enum ConfigNode: Sendable, Equatable {
    case table([(key: String, value: ConfigNode)])
    case array([ConfigNode])
    case scalar(RawValue)

    public static func == (a: ConfigNode, b: ConfigNode) -> Bool {
        switch (a, b) {
        case let (.table(x), .table(y)):
            x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.array(x), .array(y)): x == y
        case let (.scalar(x), .scalar(y)): x == y
        default: false
        }
    }

    /// Parses TOML text; a syntax error becomes one line naming the file, the line and column.
    public static func parse(toml text: String, path: String) throws(ChorusError) -> ConfigNode {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let at = error.source.begin
            throw .usage(
                "\(path):\(at.line):\(at.column): TOML syntax error: \(error.description); fix the file at line \(at.line)"
            )
        } catch {
            throw .usage("\(path): could not be read as TOML (\(error)); check the file's syntax")
        }
        return convert(table)
    }

    static func convert(_ value: any TOMLValueConvertible) -> ConfigNode {
        switch value.type {
        case .table:
            guard let table = value.table else { return .scalar(.table) }
            return .table(table.keys.sorted().compactMap { key in table[key].map { (key, convert($0)) } })
        case .array:
            guard let array = value.array else { return .array([]) }
            return .array(array.map { convert($0) })
        case .string: return .scalar(.string(value.string ?? ""))
        case .int: return .scalar(.int(value.int ?? 0))
        case .double: return .scalar(.double(value.double ?? 0))
        case .bool: return .scalar(.bool(value.bool ?? false))
        case .date: return .scalar(.other("date"))
        case .time: return .scalar(.other("time"))
        case .dateTime: return .scalar(.other("date-time"))
        }
    }

    /// The value as a setting's raw value (arrays of scalars included; tables become `.table`).
    public var raw: RawValue {
        switch self {
        case .scalar(let r): r
        case .array(let items): .array(items.map(\.raw))
        case .table: .table
        }
    }

    public var entries: [(key: String, value: ConfigNode)]? {
        if case .table(let entries) = self { return entries }
        return nil
    }
}
