import Foundation

extension CSVWriteBack {
    /// The rows of the latest line per id of an `--out` file (whole lines only, see
    /// `ResultLines`). Lines written before structured answers existed (no `object`) still give
    /// a row: the answer is read from `output` when it is a JSON object.
    public func rows(fromResultLines bytes: [UInt8]) -> [String: Row] {
        let decoder = JSONDecoder()
        var rows: [String: Row] = [:]
        for line in ResultLines(bytes).lines {
            guard let id = line.head?.id,
                let fields = try? decoder.decode(LineFields.self, from: Data(bytes[line.range]))
            else { continue }
            rows[id] = row(fields)
        }
        return rows
    }

    /// The parts of a result line (`BatchResult.jsonLine`) the added columns come from.
    struct LineFields: Decodable {
        var status: BatchResult.Status
        var output: String?
        var error: String?
        var object: JSONValue?
        var agreement: [String: String]?
        var needsReview: Bool?

        enum CodingKeys: String, CodingKey {
            case status, output, error, object, agreement, needsReview = "needs_review"
        }
    }

    func row(_ line: LineFields) -> Row {
        guard line.status == .succeeded else {
            return Row([Self.errorColumn: TerminalSafeText.oneLine(line.error ?? "failed")])
        }
        guard let fields else { return Row([Self.answerColumn: line.output ?? ""]) }
        let object = line.object ?? line.output.flatMap(Self.jsonObject)
        var values: [String: String] = [:]
        for field in fields { values[field] = object?[field].map(Self.cellText) ?? "" }
        if let agreement = line.agreement {
            values[Self.agreementColumn] = fields.compactMap { field in agreement[field].map { "\(field) \($0)" } }
                .joined(separator: "; ")
        }
        if let needsReview = line.needsReview { values[Self.needsReviewColumn] = needsReview ? "true" : "false" }
        return Row(values)
    }

    /// A value as one cell: a string as it is, a number as written (3, not 3.0), a boolean as
    /// true/false, null as nothing, an array or object as compact JSON with sorted keys.
    static func cellText(_ value: JSONValue) -> String {
        switch value {
        case .null: return ""
        case .bool(let bool): return bool ? "true" : "false"
        case .string(let string): return string
        case .number(let number): return number.exactInteger.map(String.init) ?? "\(number)"
        case .array, .object:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
    }

    private static func jsonObject(_ text: String) -> JSONValue? {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)), value.objectValue != nil else { return nil }
        return value
    }
}
