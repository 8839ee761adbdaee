import Foundation

/// Finding a theme by name or path.
///
/// Search rules (also in themes/README.md):
/// 1. An argument with a "/" in it or ending in ".toml" is a file path, read as is.
/// 2. Otherwise it is a name: `NAME.toml` in each of `searchPaths`, first match wins. The default
///    search path is the user's theme folder, `$XDG_CONFIG_HOME/chorus/themes/` (or
///    `~/.config/chorus/themes/`), so a user theme can shadow a bundled one.
/// 3. Then the themes bundled into the binary (the repository's `themes/` folder).
/// `default` always exists, even with no file anywhere.
extension Theme {
    /// Information for `chorus themes`.
    public struct Listing: Hashable, Sendable {
        public var name: String
        public var description: String
        /// The file path, or "built-in".
        public var source: String
    }

    /// The user's theme folder: `$XDG_CONFIG_HOME/chorus/themes`, else `~/.config/chorus/themes`.
    public static func userThemeDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            return (xdg as NSString).appendingPathComponent("chorus/themes")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".config/chorus/themes")
    }

    /// Where names are looked up before the bundled themes.
    public static func defaultSearchPaths(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        [userThemeDirectory(environment: environment)]
    }

    /// Loads a theme by name or path (rules above). Errors name the file, the key and the problem.
    public static func load(nameOrPath: String, searchPaths: [String] = defaultSearchPaths()) throws(ThemeError) -> Theme {
        let argument = nameOrPath.trimmingCharacters(in: .whitespaces)
        if argument.contains("/") || argument.hasSuffix(".toml") {
            return try loadFile(path: argument)
        }
        guard !argument.isEmpty, argument.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw ThemeError(file: "'\(argument)'", problem: "not a theme name; give a name like \"light\" or a path to a .toml file")
        }
        for directory in searchPaths {
            let path = (directory as NSString).appendingPathComponent(argument + ".toml")
            if FileManager.default.fileExists(atPath: path) { return try loadFile(path: path) }
        }
        if let text = BundledThemes.files[argument] {
            if argument == "default" { return builtInDefault }
            return try parse(toml: text, name: argument, source: "built-in \(argument)")
        }
        let names = available(searchPaths: searchPaths).map(\.name).joined(separator: ", ")
        let folder = searchPaths.first ?? userThemeDirectory()
        throw ThemeError(
            file: "'\(argument)'",
            problem: "no theme by that name; available: \(names) (add your own as \(folder)/\(argument).toml)")
    }

    /// Reads one theme file; its name is the file name without `.toml`.
    public static func loadFile(path: String) throws(ThemeError) -> Theme {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let exists = FileManager.default.fileExists(atPath: path)
            throw ThemeError(file: path, problem: exists ? "cannot be read as UTF-8 text" : "no such file")
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try parse(toml: text, name: name, source: path)
    }

    /// Every theme a name can reach, user themes shadowing bundled ones, sorted by name. A file
    /// that does not parse is listed with its error as the description, so `chorus themes` shows
    /// what to fix.
    public static func available(searchPaths: [String] = defaultSearchPaths()) -> [Listing] {
        var found: [String: Listing] = [:]
        for (name, text) in BundledThemes.files {
            let description = (try? parse(toml: text, name: name, source: "built-in"))?.description ?? ""
            found[name] = Listing(name: name, description: description, source: "built-in")
        }
        for directory in searchPaths.reversed() {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in files where file.hasSuffix(".toml") {
                let path = (directory as NSString).appendingPathComponent(file)
                let name = (file as NSString).deletingPathExtension
                let description: String
                do { description = try loadFile(path: path).description } catch { description = "unusable: \(error)" }
                found[name] = Listing(name: name, description: description, source: path)
            }
        }
        return found.values.sorted { $0.name < $1.name }
    }
}
