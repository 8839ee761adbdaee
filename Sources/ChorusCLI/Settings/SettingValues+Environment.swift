extension SettingValues {
    /// The environment's layer: every `CHORUS_<KEY>` variable that is set (and not empty); a list
    /// setting's variable is split at commas.
    ///
    /// `OPENAI_BASE_URL` and the API key variables are not run settings: they belong to their
    /// providers (`ProviderCatalog`) and to discovery.
    public static func fromEnvironment(_ environment: [String: String]) throws(ChorusError) -> SettingValues {
        var values = SettingValues()
        for setting in SettingTable.all {
            let variable = setting.info.environmentVariable
            guard let text = environment[variable], !text.isEmpty else { continue }
            let raw: RawValue =
                setting.info.listInEnvironment ? .array(text.split(separator: ",").map { .string(String($0)) }) : .string(text)
            try values.set(setting, raw, at: .environment(variable))
        }
        return values
    }
}
