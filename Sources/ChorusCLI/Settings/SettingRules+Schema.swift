import Chorus
import Foundation

extension SettingRules {
    /// `--schema`: a path to a schema file, else the schema written inline (JSON, or the concise
    /// form).
    ///
    /// The rule (README "Structured answers"): a value that looks like a path is a path, never
    /// fields: it has a `/`, ends in `.json`, `.txt` or `.schema`, or names something that
    /// exists. Then a missing file is "no schema file", a directory is refused, and a `.json`
    /// file is read as JSON only (its parse error named with the file), so a typo never turns
    /// into a schema with a field named after the file.
    public static func schema(_ raw: RawValue) throws(SettingProblem) -> StructuredSchema {
        guard case .string(let text) = raw else {
            throw SettingProblem("expected a schema (a file path or 'name type, ...'), found \(raw.typeName)")
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw SettingProblem("the schema is empty; give a JSON Schema file or e.g. 'label: positive|negative|neutral, confidence float'")
        }
        guard let path = schemaPath(trimmed) else {
            do { return try StructuredSchema(text: trimmed) } catch { throw SettingProblem("\(error)") }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SettingProblem("no such schema file \(trimmed); check the path (or write the fields inline: 'label: a|b, score int')")
        }
        guard !isDirectory.boolValue else {
            throw SettingProblem("\(trimmed) is a directory; give a schema file in it (e.g. \(trimmed)/schema.json)")
        }
        guard let content = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw SettingProblem("cannot read the schema file \(trimmed); check its permissions and that it is UTF-8")
        }
        if path.lowercased().hasSuffix(".json") {
            let json: JSONValue
            do { json = try StructuredAnswer.decodeJSON(content) } catch {
                throw SettingProblem("the schema file \(trimmed) is not valid JSON (\(error)); fix the JSON")
            }
            do { return try StructuredSchema(jsonSchema: json) } catch { throw SettingProblem("in the schema file \(trimmed): \(error)") }
        }
        do { return try StructuredSchema(text: content) } catch {
            throw SettingProblem("in the schema file \(trimmed): \(error)")
        }
    }

    /// The file path `value` names (with `~` expanded), or nil when it is a schema written inline.
    static func schemaPath(_ value: String) -> String? {
        let path = (value as NSString).expandingTildeInPath
        let lower = value.lowercased()
        if FileManager.default.fileExists(atPath: path) { return path }
        // Inline forms never hold a space-free `/` or end in a file extension; a JSON schema
        // written inline starts with `{` (its descriptions may hold a `/`).
        if value.hasPrefix("{") { return nil }
        if [".json", ".txt", ".schema"].contains(where: lower.hasSuffix) { return path }
        if value.contains("/"), !value.contains(where: { $0 == "," || $0 == ":" || $0.isWhitespace }) { return path }
        return nil
    }

    /// `--min-agreement`: `majority`, a fraction in (0, 1] (`0.6`), a percentage (`60%`) or a
    /// count (`4`, `4/5`). The rule: a value with a decimal point is a fraction, so `1.0` is
    /// 100% (every answer agrees) and `2.0` is refused; a whole number without one is a count.
    /// A TOML float (`min_agreement = 1.0`) is a fraction, a TOML integer a count, the same way.
    public static func minAgreement(_ raw: RawValue) throws(SettingProblem) -> MinAgreement {
        let text: String
        switch raw {
        case .string(let s): text = s
        case .int(let i): text = String(i)
        case .double(let d): text = d == d.rounded() && abs(d) < 1e15 ? String(format: "%.1f", d) : "\(d)"
        default: throw SettingProblem("expected majority, a fraction or a count, found \(raw.typeName)")
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.contains("."), !trimmed.hasSuffix("%"), let f = Double(trimmed), f > 1 {
            throw SettingProblem(
                "\(trimmed) is not a fraction (a value with a decimal point is a share of the answers, at most 1.0); for a count write \(Int(f.rounded(.down)))")
        }
        guard let value = MinAgreement(text: trimmed) else {
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
