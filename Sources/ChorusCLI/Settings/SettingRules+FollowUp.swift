import Chorus

extension SettingRules {
    /// `follow_up`: what a follow-up turn sends as each worker's assistant turns, `own` or
    /// `shared` (see `FollowUpMode`).
    public static func followUp(_ raw: RawValue) throws(SettingProblem) -> FollowUpMode {
        let modes = FollowUpMode.allCases.map(\.rawValue).joined(separator: " or ")
        guard case .string(let s) = raw else {
            throw SettingProblem("expected a follow-up mode (\(modes)), found \(raw.typeName)")
        }
        guard let mode = FollowUpMode(rawValue: s.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw SettingProblem("unknown follow-up mode; use \(modes)")
        }
        return mode
    }
}
