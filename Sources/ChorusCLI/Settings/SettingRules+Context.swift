extension SettingRules {
    /// A whole number of bytes (or tokens) of at least 1, e.g. `file_max_bytes = 500000`.
    public static func byteCount(_ raw: RawValue, what: String) throws(SettingProblem) -> Int {
        let n = try integer(raw, what: what)
        guard n >= 1 else { throw SettingProblem("\(what) must be at least 1 (e.g. 500000)") }
        return n
    }
}
