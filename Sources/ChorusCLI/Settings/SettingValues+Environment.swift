extension SettingValues {
    /// The environment's layer: every `CHORUS_<KEY>` variable that is set (and not empty).
    ///
    /// `OPENAI_BASE_URL` and the API key variables are not run settings: they belong to their
    /// providers (`ProviderCatalog`) and to discovery.
    public static func fromEnvironment(_ environment: [String: String]) throws(ChorusError) -> SettingValues {
        var values = SettingValues()
        for key in SettingKey.allCases {
            guard let text = environment[key.environmentVariable], !text.isEmpty else { continue }
            let raw: RawValue =
                key == .focus || key == .aggregatorFallback
                ? .array(text.split(separator: ",").map { .string(String($0)) })
                : .string(text)
            try values.set(key, raw, at: .environment(key.environmentVariable))
        }
        return values
    }
}
