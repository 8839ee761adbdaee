import Chorus

/// `--min-agreement` set where it can do nothing: no word would be a silent no-op (issue 18: the
/// setting without `--schema` was ignored without a line).
///
/// The agreement threshold only applies to a per-field merge, so without a schema it is a
/// warning (printed before the run unless `--quiet`, like `FocusCount`'s); a count above the
/// worker count is refused in `Plan.validate` instead, since it would flag every answer.
enum MinAgreementCheck {
    /// The warning line, or none.
    static func notes(_ settings: EffectiveSettings) -> [String] {
        let min = settings.minAgreement
        guard let value = min.value, settings.schema.value == nil else { return [] }
        return [
            "warning: min agreement \(value.text) (\(min.source)) is ignored without --schema; it applies only to a per-field merge (give --schema, or drop it)"
        ]
    }
}
