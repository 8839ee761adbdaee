import TOMLKit

extension Theme {
    static let topLevelKeys: Set<String> = ["name", "description", "palette", "roles"]
    static let roleKeys: Set<String> = ["fg", "bg", "attrs"]

    /// Reads a theme file's text. Roles it leaves out are taken from `base`.
    ///
    /// Strict on purpose: an unknown role or key is an error, so a typo ("boder") is reported
    /// instead of silently leaving the default colour.
    public static func parse(toml text: String, name: String, source: String, base: Theme = .builtInDefault) throws(ThemeError) -> Theme {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let at = "line \(error.source.begin.line), column \(error.source.begin.column)"
            throw ThemeError(file: source, problem: "not valid TOML at \(at): \(error.description)")
        } catch {
            throw ThemeError(file: source, problem: "not valid TOML: \(error)")
        }

        for key in table.keys where !topLevelKeys.contains(key) {
            throw ThemeError(file: source, key: key, problem: "unknown key; a theme has name, description, [palette] and [roles]")
        }
        var theme = base
        theme.name = name
        theme.source = source
        if let value = table["name"] {
            guard let text = value.string else { throw ThemeError(file: source, key: "name", problem: "must be a string") }
            theme.name = text
        }
        theme.description = ""
        if let value = table["description"] {
            guard let text = value.string else { throw ThemeError(file: source, key: "description", problem: "must be a string") }
            theme.description = text
        }

        var palette: [String: ThemeColor] = [:]
        if let value = table["palette"] {
            guard let entries = value.table else { throw ThemeError(file: source, key: "palette", problem: "must be a table ([palette])") }
            for key in entries.keys.sorted() {
                palette[key] = try color(entries[key]!, key: "palette.\(key)", palette: [:], source: source)
            }
        }

        if let value = table["roles"] {
            guard let roles = value.table else { throw ThemeError(file: source, key: "roles", problem: "must be a table ([roles])") }
            for key in roles.keys.sorted() {
                guard let role = StyleRole(rawValue: key) else {
                    let known = StyleRole.allCases.map(\.rawValue).joined(separator: ", ")
                    throw ThemeError(file: source, key: "roles.\(key)", problem: "unknown role; known roles: \(known)")
                }
                theme.styles[role] = try style(roles[key]!, key: "roles.\(key)", palette: palette, source: source)
            }
        }
        return theme
    }

    private static func style(
        _ value: any TOMLValueConvertible, key: String, palette: [String: ThemeColor], source: String
    ) throws(ThemeError) -> Style {
        if value.string != nil {
            return Style(foreground: try color(value, key: key, palette: palette, source: source))
        }
        guard let table = value.table else {
            throw ThemeError(file: source, key: key, problem: "must be a colour or a table like { fg = \"blue\", attrs = [\"bold\"] }")
        }
        for k in table.keys where !roleKeys.contains(k) {
            throw ThemeError(file: source, key: "\(key).\(k)", problem: "unknown key; a role has fg, bg and attrs")
        }
        var style = Style()
        if let fg = table["fg"] { style.foreground = try color(fg, key: "\(key).fg", palette: palette, source: source) }
        if let bg = table["bg"] { style.background = try color(bg, key: "\(key).bg", palette: palette, source: source) }
        if let attrs = table["attrs"] {
            guard let array = attrs.array else {
                throw ThemeError(file: source, key: "\(key).attrs", problem: "must be a list like [\"bold\", \"underline\"]")
            }
            for item in array {
                guard let name = item.string, let attribute = Style.Attribute(rawValue: name) else {
                    let known = Style.Attribute.allCases.map(\.rawValue).joined(separator: ", ")
                    throw ThemeError(file: source, key: "\(key).attrs", problem: "'\(item.debugDescription)' is not one of \(known)")
                }
                style.attributes.insert(attribute)
            }
        }
        return style
    }

    private static func color(
        _ value: any TOMLValueConvertible, key: String, palette: [String: ThemeColor], source: String
    ) throws(ThemeError) -> ThemeColor {
        let hint = "use a palette name, a colour name like \"blue\" or \"bright_red\", \"default\", 0-255, or \"#rrggbb\""
        if let index = value.int {
            guard (0...255).contains(index) else {
                throw ThemeError(file: source, key: key, problem: "\(index) is outside 0-255; \(hint)")
            }
            return .indexed(index)
        }
        guard let text = value.string else { throw ThemeError(file: source, key: key, problem: "not a colour; \(hint)") }
        if let named = palette[text] { return named }
        if let parsed = ThemeColor.parse(text) { return parsed }
        throw ThemeError(file: source, key: key, problem: "'\(text)' is not a colour; \(hint)")
    }
}
