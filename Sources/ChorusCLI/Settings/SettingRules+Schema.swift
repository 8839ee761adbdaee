import Chorus
import Foundation

extension SettingRules {
    /// `--schema`: a path to a JSON Schema file (or a concise-form file), else the schema
    /// written inline (JSON, or the concise form). A path that looks like a file (`.json`
    /// ending, or a `/`) but does not exist is named as a missing file, not read as fields.
    public static func schema(_ raw: RawValue) throws(SettingProblem) -> StructuredSchema {
        guard case .string(let text) = raw else {
            throw SettingProblem("expected a schema (a file path or 'name type, ...'), found \(raw.typeName)")
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw SettingProblem("the schema is empty; give a JSON Schema file or e.g. 'label: positive|negative|neutral, confidence float'")
        }
        let path = (trimmed as NSString).expandingTildeInPath
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            guard let content = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw SettingProblem("cannot read the schema file \(trimmed); check its permissions and that it is UTF-8")
            }
            do { return try StructuredSchema(text: content) } catch {
                throw SettingProblem("in the schema file \(trimmed): \(error)")
            }
        }
        if trimmed.lowercased().hasSuffix(".json") {
            throw SettingProblem("no schema file \(trimmed); check the path (or write the fields inline: 'label: a|b, score int')")
        }
        do { return try StructuredSchema(text: trimmed) } catch { throw SettingProblem("\(error)") }
    }

    /// `--min-agreement`: `majority`, a fraction in (0, 1] (`0.6`), a percentage (`60%`) or a
    /// count (`4`, `4/5`).
    public static func minAgreement(_ raw: RawValue) throws(SettingProblem) -> MinAgreement {
        let text: String
        switch raw {
        case .string(let s): text = s
        default:
            if let n = try? number(raw, what: "an agreement") { text = "\(n)" } else {
                throw SettingProblem("expected majority, a fraction or a count, found \(raw.typeName)")
            }
        }
        guard let value = MinAgreement(text: text.hasSuffix(".0") ? String(text.dropLast(2)) : text) else {
            throw SettingProblem("\(text) is not an agreement; use majority, a fraction such as 0.6, or a count such as 4")
        }
        return value
    }
}

extension SettingText {
    /// "3 fields: label (a|b), score, reason".
    static func schema(_ schema: StructuredSchema) -> String {
        "\(schema.fields.count) field\(schema.fields.count == 1 ? "" : "s"): " + schema.fields.map(\.name).joined(separator: ", ")
    }
}
