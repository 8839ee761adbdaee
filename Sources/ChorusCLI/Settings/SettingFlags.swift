import ArgumentParser

/// The flags' layer of settings, read from a parsed command's options.
///
/// A setting's flag is declared as `@Option(name: .setting(\.x), help: .setting(\.x)) var x: String?`
/// (a list setting as `[String]`); this reads every such option by reflection, so a command
/// declares the flag and nothing else. `SettingTableTests` parses every setting's flag and fails
/// if one is declared in the table but not reachable on the command line.
enum SettingFlags {
    /// Every setting flag `options` carries that was given, checked by its setting's rule.
    static func values(of options: Any, into values: inout SettingValues) throws(ChorusError) {
        for child in Mirror(reflecting: options).children {
            guard let label = child.label, label.hasPrefix("_"),
                let setting = SettingTable.byKey[snakeCase(label.dropFirst())], let flag = setting.info.flag
            else { continue }
            if let option = child.value as? Option<String?>, let text = option.wrappedValue {
                try values.set(setting, .string(text), at: .flag(flag))
            } else if let option = child.value as? Option<[String]>, !option.wrappedValue.isEmpty {
                try values.set(setting, .array(option.wrappedValue.map { .string($0) }), at: .flag(flag))
            }
        }
    }

    /// "idleTimeout" -> "idle_timeout", "baseURL" -> "base_url": a property name as a config key.
    static func snakeCase(_ name: Substring) -> String {
        var out = ""
        var previousLower = false
        for character in name {
            if character.isUppercase, previousLower { out.append("_") }
            previousLower = character.isLowercase || character.isNumber
            out += character.lowercased()
        }
        return out
    }
}

extension NameSpecification {
    /// The setting's flag, e.g. `--idle-timeout`.
    static func setting(_ path: KeyPath<SettingTable, some AnySetting>) -> NameSpecification {
        .customLong(SettingTable.shared[keyPath: path].info.flagName)
    }
}

extension ArgumentHelp {
    /// The setting's help line and value name, from the table.
    static func setting(_ path: KeyPath<SettingTable, some AnySetting>) -> ArgumentHelp {
        let info = SettingTable.shared[keyPath: path].info
        return ArgumentHelp(info.help, valueName: info.valueName)
    }
}
