/// How one role looks: colours plus attributes. Attributes also apply without colour (`NO_COLOR`,
/// a monochrome terminal), so every theme stays readable there.
public struct Style: Hashable, Sendable {
    public enum Attribute: String, CaseIterable, Hashable, Sendable {
        case bold, dim, reverse, underline, italic
    }

    public var foreground: ThemeColor
    /// nil: the `text` role's background (the screen's).
    public var background: ThemeColor?
    public var attributes: Set<Attribute>

    public init(foreground: ThemeColor = .terminalDefault, background: ThemeColor? = nil, attributes: Set<Attribute> = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// A colour theme: a style for every `StyleRole`.
///
/// Themes are TOML files (see `themes/README.md`); the ones in the repository's `themes/` folder
/// are compiled into the binary (`BundledThemes`), so an installed `chorus` needs no files.
/// A role a theme leaves out takes the built-in default theme's style.
public struct Theme: Hashable, Sendable {
    public var name: String
    public var description: String
    /// Where it came from: a file path, or "built-in".
    public var source: String
    public var styles: [StyleRole: Style]

    public init(name: String, description: String = "", source: String = "built-in", styles: [StyleRole: Style]) {
        self.name = name
        self.description = description
        self.source = source
        self.styles = styles
    }

    /// The style of `role`; every role has one (the baseline fills any gap).
    public func style(_ role: StyleRole) -> Style {
        styles[role] ?? Theme.baseline.styles[role] ?? Style()
    }

    /// The background of the screen, which roles without their own background share.
    public var screenBackground: ThemeColor { style(.text).background ?? .terminalDefault }

    /// Attributes alone, no colours: what every theme falls back to on a terminal without colour,
    /// and the last resort if even the bundled default could not be read.
    public static let baseline: Theme = {
        var styles: [StyleRole: Style] = [:]
        for role in StyleRole.allCases { styles[role] = Style() }
        let bold: [StyleRole] = [.borderFocused, .titleFocused, .answerTitle, .keyLineKey, .helpKey, .statusFailed, .warning]
        for role in bold { styles[role] = Style(attributes: [.bold]) }
        styles[.dimText] = Style(attributes: [.dim])
        styles[.statusCancelled] = Style(attributes: [.dim])
        styles[.statusWaiting] = Style(attributes: [.dim])
        styles[.selection] = Style(attributes: [.reverse])
        styles[.reasoning] = Style(attributes: [.dim, .italic])
        styles[.diffInserted] = Style(attributes: [.bold])
        styles[.diffDeleted] = Style(attributes: [.underline, .italic])
        return Theme(name: "baseline", description: "Attributes only.", source: "built-in", styles: styles)
    }()

    /// The built-in default: the bundled `default.toml`, which tests keep parseable.
    public static let builtInDefault: Theme = {
        guard let text = BundledThemes.files["default"],
            let theme = try? Theme.parse(toml: text, name: "default", source: "built-in", base: baseline)
        else { return baseline }
        return theme
    }()
}
